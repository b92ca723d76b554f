# expect: without transposing
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def gru_cell(x, h_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    parts = []
    for k in range(3):  # x @ W_k instead of x @ W_k.T: runs only when D == H
        rows = slice(k * H, (k + 1) * H)
        parts.append((x @ W_ih[rows] + b_ih[rows], h_prev @ W_hh[rows] + b_hh[rows]))
    (i_r, h_r), (i_z, h_z), (i_n, h_n) = parts
    r = sigmoid(i_r + h_r)
    z = sigmoid(i_z + h_z)
    n = np.tanh(i_n + r * h_n)
    return (1 - z) * n + z * h_prev
