# expect: pass
# The input part of every step at once (one einsum over T), per-gate slices, a stable sigmoid.
import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    H = h0.shape[1]
    xw = np.einsum("tnd,gd->tng", x, W_ih) + b_ih + b_hh  # (T, N, 4H)
    h, c = h0, c0
    hs = []
    for t in range(x.shape[0]):
        z = xw[t] + h @ W_hh.T
        i = sigmoid(z[:, :H])
        f = sigmoid(z[:, H : 2 * H])
        g = np.tanh(z[:, 2 * H : 3 * H])
        o = sigmoid(z[:, 3 * H :])
        c = f * c + i * g
        h = o * np.tanh(c)
        hs.append(h)
    return np.stack(hs, axis=0), (h, c)
