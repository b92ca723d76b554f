# expect: one weight block used for every gate
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def gru_cell(x, h_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    gi = x @ W_ih[:H].T + b_ih[:H]
    gh = h_prev @ W_hh[:H].T + b_hh[:H]
    r = sigmoid(gi + gh)
    z = sigmoid(gi + gh)
    n = np.tanh(gi + r * gh)
    return (1 - z) * n + z * h_prev
