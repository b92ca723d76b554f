# expect: one weight block used for every gate
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    # A common bug in interview notes: the same weights for every gate.
    z = x @ W_ih[:H].T + b_ih[:H] + h_prev @ W_hh[:H].T + b_hh[:H]
    i, f, g, o = sigmoid(z), sigmoid(z), np.tanh(z), sigmoid(z)
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c
