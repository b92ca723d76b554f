# expect: pass
# Keras orders the kernel's blocks i, f, c, o where c is the candidate: PyTorch's order.
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    kernel, recurrent = W_ih.T, W_hh.T
    z = x @ kernel + h_prev @ recurrent + (b_ih + b_hh)
    i = sigmoid(z[:, :H])
    f = sigmoid(z[:, H : 2 * H])
    c_bar = np.tanh(z[:, 2 * H : 3 * H])
    o = sigmoid(z[:, 3 * H :])
    c = f * c_prev + i * c_bar
    return o * np.tanh(c), c
