"""Reference: a one-layer LSTM over a whole sequence in NumPy, equal to torch.nn.LSTM (proven in the project's tests)."""

import numpy as np


def sigmoid(z):
    # exact and overflow-free: tanh saturates instead of exp overflowing
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    i, f, g, o = np.split(z, 4, axis=1)
    c = sigmoid(f) * c_prev + sigmoid(i) * np.tanh(g)
    h = sigmoid(o) * np.tanh(c)
    return h, c


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    T, N, _ = x.shape
    hs = np.empty((T, N, h0.shape[1]), dtype=np.result_type(x, h0, W_ih))
    h, c = h0, c0
    for t in range(T):
        h, c = lstm_cell(x[t], h, c, W_ih, W_hh, b_ih, b_hh)
        hs[t] = h
    return hs, (h, c)
