"""Reference: a stacked (multi-layer) LSTM with dropout between layers in NumPy, equal to
torch.nn.LSTM(num_layers=L, dropout=p) in training mode (proven in the project's tests)."""

import numpy as np


def sigmoid(z):
    # exact and overflow-free: tanh saturates instead of exp overflowing
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def lstm_layer(x, h, c, W_ih, W_hh, b_ih, b_hh):
    """One layer over the sequence: (hs (T, N, H), h_T, c_T)."""
    hs = np.empty((x.shape[0], *h.shape), dtype=np.result_type(x, h, W_ih))
    for t in range(x.shape[0]):
        z = x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh
        i, f, g, o = np.split(z, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        hs[t] = h
    return hs, h, c


def stacked_lstm_forward(x, h0, c0, params, dropout_masks):
    layer_input = x
    h_n, c_n = [], []
    for layer, (W_ih, W_hh, b_ih, b_hh) in enumerate(params):
        hs, h, c = lstm_layer(layer_input, h0[layer], c0[layer], W_ih, W_hh, b_ih, b_hh)
        h_n.append(h)  # the layer's own state: dropout acts only on what the next layer reads
        c_n.append(c)
        is_last = layer == len(params) - 1
        layer_input = hs if is_last else hs * dropout_masks[layer]
    return layer_input, (np.stack(h_n), np.stack(c_n))
