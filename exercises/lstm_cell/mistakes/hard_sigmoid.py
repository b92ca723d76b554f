# expect: hard_sigmoid
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    i, f, g, o = np.split(z, 4, axis=1)
    hard = lambda v: np.clip(0.2 * v + 0.5, 0.0, 1.0)  # noqa: E731
    i, f, g, o = hard(i), hard(f), np.tanh(g), hard(o)
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c
