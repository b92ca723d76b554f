# expect: pass
# What pack_padded_sequence(enforce_sorted=False) does inside: sort by length, longest first,
# run a shrinking batch at each step, then put the sequences back in their original order.
import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def masked_lstm_forward(x, lengths, h0, c0, W_ih, W_hh, b_ih, b_hh):
    T, N, _ = x.shape
    order = np.argsort(-lengths, kind="stable")
    xs, ls = x[:, order], lengths[order]
    h, c = h0[order].copy(), c0[order].copy()
    hs = np.zeros((T, N, h0.shape[1]))
    for t in range(T):
        b = int(np.sum(ls > t))  # the sorted batch shrinks as sequences end
        z = xs[t, :b] @ W_ih.T + b_ih + h[:b] @ W_hh.T + b_hh
        i, f, g, o = np.split(z, 4, axis=1)
        c[:b] = sigmoid(f) * c[:b] + sigmoid(i) * np.tanh(g)
        h[:b] = sigmoid(o) * np.tanh(c[:b])
        hs[t, :b] = h[:b]
    back = np.argsort(order)
    return hs[:, back], (h[back], c[back])
