# expect: pass
# Both directions in one loop: at iteration k the forward LSTM reads step k and the backward
# LSTM reads step T-1-k, each writing its half of hs in place (no reversal of arrays at all).
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def step(x, h, c, params):
    W_ih, W_hh, b_ih, b_hh = params
    i, f, g, o = np.split(x @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def bilstm_forward(x, params_fwd, params_bwd):
    T, N, _ = x.shape
    H = params_fwd[1].shape[1]
    hs = np.zeros((T, N, 2 * H))
    hf = cf = hb = cb = np.zeros((N, H))
    for k in range(T):
        hf, cf = step(x[k], hf, cf, params_fwd)
        hb, cb = step(x[T - 1 - k], hb, cb, params_bwd)
        hs[k, :, :H] = hf
        hs[T - 1 - k, :, H:] = hb
    return hs
