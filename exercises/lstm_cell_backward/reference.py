"""Reference: the gradients of one LSTM step in NumPy, equal to torch autograd on
torch.nn.LSTMCell (proven in the project's tests). No torch here: analytic backward."""

import numpy as np


def sigmoid(z):
    # Split by sign so that exp never overflows: exp(-|z|) <= 1.
    out = np.empty_like(z)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    ez = np.exp(z[~positive])
    out[~positive] = ez / (1.0 + ez)
    return out


def lstm_cell_backward(dh, dc, x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    # Forward again: the backward pass needs the gates and the new cell state.
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    zi, zf, zg, zo = np.split(z, 4, axis=1)
    i, f, g, o = sigmoid(zi), sigmoid(zf), np.tanh(zg), sigmoid(zo)
    c = f * c_prev + i * g
    tanh_c = np.tanh(c)

    # h = o * tanh(c): dh reaches o directly and c through tanh; dc adds to the latter.
    do = dh * tanh_c
    dc_total = dc + dh * o * (1.0 - tanh_c**2)
    # c = f * c_prev + i * g
    di = dc_total * g
    df = dc_total * c_prev
    dg = dc_total * i
    dc_prev = dc_total * f
    # Through the nonlinearities, written with the activations: s' = s(1 - s), tanh' = 1 - t^2.
    dz = np.concatenate(
        [di * i * (1.0 - i), df * f * (1.0 - f), dg * (1.0 - g**2), do * o * (1.0 - o)], axis=1
    )
    db = dz.sum(axis=0)
    return {
        "dx": dz @ W_ih,
        "dh_prev": dz @ W_hh,
        "dc_prev": dc_prev,
        "dW_ih": dz.T @ x,
        "dW_hh": dz.T @ h_prev,
        "db_ih": db,
        "db_hh": db.copy(),
    }
