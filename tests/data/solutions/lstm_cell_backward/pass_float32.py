# expect: pass
import numpy as np


def sigmoid(z):
    return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)


def lstm_cell_backward(dh, dc, x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    dh, dc, x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh = (
        a.astype(np.float32) for a in (dh, dc, x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
    )
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    zi, zf, zg, zo = np.split(z, 4, axis=1)
    i, f, g, o = sigmoid(zi), sigmoid(zf), np.tanh(zg), sigmoid(zo)
    c = f * c_prev + i * g
    tc = np.tanh(c)
    do = dh * tc
    dct = dc + dh * o * (1 - tc**2)
    dz = np.concatenate(
        [dct * g * i * (1 - i), dct * c_prev * f * (1 - f), dct * i * (1 - g**2), do * o * (1 - o)],
        axis=1,
    )
    db = dz.sum(axis=0)
    assert dz.dtype == np.float32
    return {
        "dx": dz @ W_ih,
        "dh_prev": dz @ W_hh,
        "dc_prev": dct * f,
        "dW_ih": dz.T @ x,
        "dW_hh": dz.T @ h_prev,
        "db_ih": db,
        "db_hh": db,
    }
