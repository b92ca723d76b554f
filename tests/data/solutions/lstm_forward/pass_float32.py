# expect: pass
import numpy as np


def sigmoid(z):
    return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    x, h, c, W_ih, W_hh, b_ih, b_hh = (
        a.astype(np.float32) for a in (x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    )
    hs = np.zeros((x.shape[0], *h.shape), dtype=np.float32)
    for t in range(x.shape[0]):
        z = x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh
        i, f, g, o = np.split(z, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        hs[t] = h
    return hs, (h, c)
