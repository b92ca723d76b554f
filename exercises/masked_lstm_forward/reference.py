"""Reference: a one-layer LSTM over a padded batch of variable-length sequences, in NumPy.

Equal to pack_padded_sequence(enforce_sorted=False) + torch.nn.LSTM + pad_packed_sequence(total_length=T)
(proven in the project's tests).
"""

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


def masked_lstm_forward(x, lengths, h0, c0, W_ih, W_hh, b_ih, b_hh):
    T, N, _ = x.shape
    lengths = np.asarray(lengths)
    hs = np.zeros((T, N, h0.shape[1]), dtype=np.result_type(x, h0, W_ih))
    h, c = h0, c0
    for t in range(T):
        h_new, c_new = lstm_cell(x[t], h, c, W_ih, W_hh, b_ih, b_hh)
        valid = (t < lengths)[:, None]  # (N, 1): sequence n still has a real step at t
        h = np.where(valid, h_new, h)  # past its length, a sequence keeps its state
        c = np.where(valid, c_new, c)
        hs[t] = np.where(valid, h_new, 0.0)  # and outputs 0
    return hs, (h, c)
