"""Reference: a one-layer bidirectional LSTM in NumPy, equal to torch.nn.LSTM(bidirectional=True)
(proven in the project's tests)."""

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


def lstm_forward(x, params):
    """hs (T, N, H) of one direction over x in the order given, from a zero state."""
    W_ih, W_hh, b_ih, b_hh = params
    T, N, _ = x.shape
    H = W_hh.shape[1]
    h = c = np.zeros((N, H), dtype=np.result_type(x, W_ih))
    hs = np.empty((T, N, H), dtype=h.dtype)
    for t in range(T):
        h, c = lstm_cell(x[t], h, c, W_ih, W_hh, b_ih, b_hh)
        hs[t] = h
    return hs


def bilstm_forward(x, params_fwd, params_bwd):
    forward = lstm_forward(x, params_fwd)
    backward = lstm_forward(x[::-1], params_bwd)[::-1]  # run from T-1 down to 0, then re-align
    return np.concatenate([forward, backward], axis=2)
