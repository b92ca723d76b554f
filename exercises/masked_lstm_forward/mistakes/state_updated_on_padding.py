# expect: state updated on the padded steps
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    z = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, g, o = np.split(z, 4, axis=1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def masked_lstm_forward(x, lengths, h0, c0, W_ih, W_hh, b_ih, b_hh):
    T = x.shape[0]
    mask = (np.arange(T)[:, None] < lengths[None, :])[:, :, None]  # (T, N, 1)
    h, c, hs = h0, c0, []
    for t in range(T):
        h, c = lstm_cell(x[t], h, c, W_ih, W_hh, b_ih, b_hh)  # runs over the padding too
        hs.append(h)
    return np.stack(hs) * mask, (h, c)  # outputs zeroed, but (h, c) are from step T-1
