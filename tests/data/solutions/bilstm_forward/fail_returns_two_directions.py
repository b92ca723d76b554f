# expect: you returned the two directions separately
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
    return run(x, params_fwd), run(x[::-1], params_bwd)[::-1]
