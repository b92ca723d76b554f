# expect: dc_prev, db_ih and db_hh are wrong; dx, dh_prev, dW_ih and dW_hh are right
# Two independent mistakes: dc_prev without the forget gate, bias gradients averaged.
# The failure says which gradients are right, and the diagnosis names both mistakes.
import numpy as np


def lstm_cell_backward(dh, dc, x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    zi, zf, zg, zo = np.split(z, 4, axis=1)
    i, f, g, o = (1 / (1 + np.exp(-zi)), 1 / (1 + np.exp(-zf)), np.tanh(zg), 1 / (1 + np.exp(-zo)))
    c = f * c_prev + i * g
    dct = dc + dh * o * (1 - np.tanh(c) ** 2)
    dz = np.concatenate(
        [
            dct * g * i * (1 - i),
            dct * c_prev * f * (1 - f),
            dct * i * (1 - g**2),
            dh * np.tanh(c) * o * (1 - o),
        ],
        axis=1,
    )
    db = dz.mean(axis=0)
    return {
        "dx": dz @ W_ih,
        "dh_prev": dz @ W_hh,
        "dc_prev": dct,
        "dW_ih": dz.T @ x,
        "dW_hh": dz.T @ h_prev,
        "db_ih": db,
        "db_hh": db,
    }
