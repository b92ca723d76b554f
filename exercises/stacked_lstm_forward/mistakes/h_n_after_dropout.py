# expect: h_n taken from the masked outputs
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def layer(x, h, c, W_ih, W_hh, b_ih, b_hh):
    hs = []
    for t in range(x.shape[0]):
        z = x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh
        i, f, g, o = np.split(z, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        hs.append(h)
    return np.stack(hs), h, c



def stacked_lstm_forward(x, h0, c0, params, dropout_masks):
    inp, h_n, c_n = x, [], []
    for l, p in enumerate(params):
        hs, h, c = layer(inp, h0[l], c0[l], *p)
        if l < len(params) - 1:
            hs = hs * dropout_masks[l]
        h_n.append(hs[-1])  # the masked output, not the state
        c_n.append(c)
        inp = hs
    return inp, (np.stack(h_n), np.stack(c_n))
