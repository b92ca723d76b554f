# expect: modified its input(s) x
# Right values, but x is reversed in place for the backward direction: the caller's x changes.
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def run(x, params):
    W_ih, W_hh, b_ih, b_hh = params
    h = c = np.zeros((x.shape[1], W_hh.shape[1]))
    hs = []
    for xt in x:
        i, f, g, o = np.split(xt @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        hs.append(h)
    return np.stack(hs)


def bilstm_forward(x, params_fwd, params_bwd):
    h_fwd = run(x, params_fwd)
    x[:] = x[::-1]  # NumPy copies the overlapping view first, so this does reverse x: in place
    h_bwd = run(x, params_bwd)[::-1]
    return np.concatenate([h_fwd, h_bwd], axis=2)
