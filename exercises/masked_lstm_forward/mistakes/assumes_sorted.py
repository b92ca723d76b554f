# expect: lengths assumed sorted in decreasing order
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    z = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, g, o = np.split(z, 4, axis=1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def masked_lstm_forward(x, lengths, h0, c0, W_ih, W_hh, b_ih, b_hh):
    # Packed-batch style: at step t, run the first batch_size sequences only.
    T, N, _ = x.shape
    h, c = h0.copy(), c0.copy()
    hs = np.zeros((T, N, h0.shape[1]))
    for t in range(T):
        batch_size = int(np.sum(lengths > t))  # right only when lengths are sorted, longest first
        h_new, c_new = lstm_cell(x[t, :batch_size], h[:batch_size], c[:batch_size], W_ih, W_hh, b_ih, b_hh)
        h[:batch_size], c[:batch_size] = h_new, c_new
        hs[t, :batch_size] = h_new
    return hs, (h, c)
