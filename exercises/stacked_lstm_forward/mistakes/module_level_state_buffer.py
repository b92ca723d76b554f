# expect: returns memory it reuses
import numpy as np

# h_n and c_n preallocated once per shape "to avoid np.stack": the next call
# writes into the arrays the caller got last time.
_STATE = {}


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def lstm_layer(x, h, c, W_ih, W_hh, b_ih, b_hh):
    hs = np.empty((x.shape[0], *h.shape))
    for t in range(x.shape[0]):
        z = x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh
        i, f, g, o = np.split(z, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        hs[t] = h
    return hs, h, c


def stacked_lstm_forward(x, h0, c0, params, dropout_masks):
    if h0.shape not in _STATE:
        _STATE[h0.shape] = (np.empty(h0.shape), np.empty(h0.shape))
    h_n, c_n = _STATE[h0.shape]
    layer_input = x
    for layer, (W_ih, W_hh, b_ih, b_hh) in enumerate(params):
        hs, h_n[layer], c_n[layer] = lstm_layer(layer_input, h0[layer], c0[layer], W_ih, W_hh, b_ih, b_hh)
        layer_input = hs if layer == len(params) - 1 else hs * dropout_masks[layer]
    return layer_input, (h_n, c_n)
