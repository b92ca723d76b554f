# expect: pass
# float32 throughout, and a multiplicative 0/1 mask instead of np.where.
import numpy as np


def sigmoid(z):
    return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)


def masked_lstm_forward(x, lengths, h0, c0, W_ih, W_hh, b_ih, b_hh):
    x, h, c, W_ih, W_hh, b_ih, b_hh = (
        a.astype(np.float32) for a in (x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    )
    T = x.shape[0]
    mask = (np.arange(T)[:, None] < lengths[None, :]).astype(np.float32)[:, :, None]  # (T, N, 1)
    hs = np.zeros((T, *h.shape), dtype=np.float32)
    for t in range(T):
        i, f, g, o = np.split(x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
        c_new = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h_new = sigmoid(o) * np.tanh(c_new)
        m = mask[t]
        h = m * h_new + (1 - m) * h
        c = m * c_new + (1 - m) * c
        hs[t] = m * h_new
    return hs, (h, c)
