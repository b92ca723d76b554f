# expect: ValueError: matmul
import numpy as np


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    z = x @ W_ih + h_prev @ W_hh  # line 6: no transpose
    return z, z
