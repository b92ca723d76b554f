# expect: pass
import numpy as np


def sigmoid(z):
    return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)


def run(x, params):
    W_ih, W_hh, b_ih, b_hh = (a.astype(np.float32) for a in params)
    h = c = np.zeros((x.shape[1], W_hh.shape[1]), dtype=np.float32)
    hs = []
    for xt in x:
        i, f, g, o = np.split(xt @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        hs.append(h)
    return np.stack(hs)


def bilstm_forward(x, params_fwd, params_bwd):
    x = x.astype(np.float32)
    return np.concatenate(
        [run(x, params_fwd), np.flip(run(np.flip(x, axis=0), params_bwd), axis=0)], axis=-1
    )
