# expect: without transposing
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    gates = []
    for k in range(4):  # x @ W_k instead of x @ W_k.T: runs only when D == H
        rows = slice(k * H, (k + 1) * H)
        gates.append(x @ W_ih[rows] + b_ih[rows] + h_prev @ W_hh[rows] + b_hh[rows])
    i, f, g, o = gates
    i, f, g, o = sigmoid(i), sigmoid(f), np.tanh(g), sigmoid(o)
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c
