# expect: started from the forward direction's final state
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def run(x, params, h=None, c=None):
    W_ih, W_hh, b_ih, b_hh = params
    N, H = x.shape[1], W_hh.shape[1]
    h = np.zeros((N, H)) if h is None else h
    c = np.zeros((N, H)) if c is None else c
    hs = []
    for t in range(x.shape[0]):
        i, f, g, o = np.split(x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        hs.append(h)
    return np.stack(hs)


def bilstm_forward(x, params_fwd, params_bwd):
    W_ih, W_hh, b_ih, b_hh = params_fwd
    N, H = x.shape[1], W_hh.shape[1]
    h, c, h_fwd = np.zeros((N, H)), np.zeros((N, H)), []
    for t in range(x.shape[0]):
        i, f, g, o = np.split(x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        h_fwd.append(h)
    h_bwd = run(x[::-1], params_bwd, h, c)[::-1]  # carries on from the forward state
    return np.concatenate([np.stack(h_fwd), h_bwd], axis=2)
