# expect: ran out of memory
import numpy as np


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    hog = [np.ones(1 << 27) for _ in range(64)]  # 64 GiB
    return hog
