# expect: contains NaN
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def gru_cell(x, h_prev, W_ih, W_hh, b_ih, b_hh):
    def tanh(v):
        return (np.exp(v) - np.exp(-v)) / (np.exp(v) + np.exp(-v))

    gi = x @ W_ih.T + b_ih
    gh = h_prev @ W_hh.T + b_hh
    i_r, i_z, i_n = np.split(gi, 3, axis=1)
    h_r, h_z, h_n = np.split(gh, 3, axis=1)
    r = sigmoid(i_r + h_r)
    z = sigmoid(i_z + h_z)
    n = tanh(i_n + r * h_n)
    return (1 - z) * n + z * h_prev
