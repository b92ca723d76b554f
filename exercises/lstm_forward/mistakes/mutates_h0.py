# expect: modified its input(s) h0, c0
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    z = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, g, o = np.split(z, 4, axis=1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    h, c = h0, c0  # the same arrays as the caller's
    hs = np.zeros((x.shape[0], *h0.shape))
    for t in range(x.shape[0]):
        h[:], c[:] = lstm_cell(x[t], h, c, W_ih, W_hh, b_ih, b_hh)  # writes into h0 and c0
        hs[t] = h
    return hs, (h.copy(), c.copy())
