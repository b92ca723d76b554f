# expect: expected a dict with keys dx, dh_prev, dc_prev, dW_ih, dW_hh, db_ih, db_hh, got a tuple
# The right gradients, returned CS231n-style as a tuple instead of the contract's dict.
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
    db = dz.sum(axis=0)
    return dz @ W_ih, dz @ W_hh, dct * f, dz.T @ x, dz.T @ h_prev, db, db
