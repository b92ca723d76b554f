# expect: index of the last real step
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    z = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, g, o = np.split(z, 4, axis=1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def masked_lstm_forward(x, lengths, h0, c0, W_ih, W_hh, b_ih, b_hh):
    h, c, hs = h0, c0, []
    for t in range(x.shape[0]):
        h_new, c_new = lstm_cell(x[t], h, c, W_ih, W_hh, b_ih, b_hh)
        valid = (t <= lengths)[:, None]  # lengths read as the last real index
        h = np.where(valid, h_new, h)
        c = np.where(valid, c_new, c)
        hs.append(np.where(valid, h_new, 0.0))
    return np.stack(hs), (h, c)
