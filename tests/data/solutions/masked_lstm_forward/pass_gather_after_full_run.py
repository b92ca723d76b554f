# expect: pass
# Run the plain LSTM over everything, then pick each sequence's state at lengths[n] - 1 and
# zero the padded outputs: right padding never reaches the real steps, so this is exact.
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def masked_lstm_forward(x, lengths, h0, c0, W_ih, W_hh, b_ih, b_hh):
    T, N, _ = x.shape
    h, c = h0, c0
    hs, cs = [], []
    for t in range(T):
        i, f, g, o = np.split(x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        hs.append(h)
        cs.append(c)
    hs, cs = np.stack(hs), np.stack(cs)
    rows = np.arange(N)
    h_last, c_last = hs[lengths - 1, rows], cs[lengths - 1, rows]
    real = np.arange(T)[:, None] < lengths[None, :]
    return np.where(real[:, :, None], hs, 0.0), (h_last, c_last)
