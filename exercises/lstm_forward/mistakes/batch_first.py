# expect: batch-first
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    z = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, g, o = np.split(z, 4, axis=1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    N, T, _ = x.shape  # x read as (N, T, D)
    h, c, hs = h0, c0, []
    for t in range(T):
        h, c = lstm_cell(x[:, t], h, c, W_ih, W_hh, b_ih, b_hh)
        hs.append(h)
    return np.stack(hs, axis=1), (h, c)
