# expect: left padding
# Real steps taken to be the last lengths[n] steps (padding first); here the padding comes after.
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def masked_lstm_forward(x, lengths, h0, c0, W_ih, W_hh, b_ih, b_hh):
    T = x.shape[0]
    h, c, hs = h0, c0, []
    for t in range(T):
        i, f, g, o = np.split(x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
        c_new = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h_new = sigmoid(o) * np.tanh(c_new)
        real = (t >= T - lengths)[:, None]
        h, c = np.where(real, h_new, h), np.where(real, c_new, c)
        hs.append(np.where(real, h_new, 0.0))
    return np.stack(hs), (h, c)
