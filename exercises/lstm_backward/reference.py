"""Reference: backpropagation through time for a one-layer LSTM in NumPy, equal to torch
autograd on torch.nn.LSTM (proven in the project's tests). No torch here: analytic backward."""

import numpy as np


def sigmoid(z):
    # exact and overflow-free: tanh saturates instead of exp overflowing
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def gates(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    zi, zf, zg, zo = np.split(z, 4, axis=1)
    i, f, g, o = sigmoid(zi), sigmoid(zf), np.tanh(zg), sigmoid(zo)
    c = f * c_prev + i * g
    return i, f, g, o, c


def lstm_backward(dhs, dh_T, dc_T, x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    T = x.shape[0]
    # Forward, keeping what each step's backward needs: its previous state and its gates.
    h, c = h0, c0
    cache = []
    for t in range(T):
        i, f, g, o, c_new = gates(x[t], h, c, W_ih, W_hh, b_ih, b_hh)
        cache.append((h, c, i, f, g, o, c_new))
        h, c = o * np.tanh(c_new), c_new

    dtype = np.result_type(dhs, x, h0, W_ih)
    dx = np.zeros(x.shape, dtype=dtype)
    dW_ih, dW_hh = np.zeros(W_ih.shape, dtype=dtype), np.zeros(W_hh.shape, dtype=dtype)
    db = np.zeros(b_ih.shape, dtype=dtype)
    # h_t feeds both the loss (dhs[t]) and step t+1 (dh_next); c_t only step t+1 (dc_next).
    # After the last step, the next-step gradients are the ones given for the final state.
    dh_next, dc_next = dh_T, dc_T
    for t in reversed(range(T)):
        h_prev, c_prev, i, f, g, o, c_t = cache[t]
        tanh_c = np.tanh(c_t)
        dh = dhs[t] + dh_next
        do = dh * tanh_c
        dc = dc_next + dh * o * (1.0 - tanh_c**2)
        di, df, dg = dc * g, dc * c_prev, dc * i
        dz = np.concatenate(
            [di * i * (1.0 - i), df * f * (1.0 - f), dg * (1.0 - g**2), do * o * (1.0 - o)],
            axis=1,
        )
        dx[t] = dz @ W_ih
        dW_ih += dz.T @ x[t]  # the weights are shared by every step: their gradients add up
        dW_hh += dz.T @ h_prev
        db += dz.sum(axis=0)
        dh_next, dc_next = dz @ W_hh, dc * f
    return {
        "dx": dx,
        "dh0": dh_next,
        "dc0": dc_next,
        "dW_ih": dW_ih,
        "dW_hh": dW_hh,
        "db_ih": db,
        "db_hh": db.copy(),
    }
