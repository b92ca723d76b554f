# expect: pass
import numpy as np


def gru_cell(x, h_prev, W_ih, W_hh, b_ih, b_hh):
    x, h_prev, W_ih, W_hh, b_ih, b_hh = (a.astype(np.float32) for a in (x, h_prev, W_ih, W_hh, b_ih, b_hh))
    H = h_prev.shape[1]
    gi = x @ W_ih.T + b_ih
    gh = h_prev @ W_hh.T + b_hh
    r = 1 / (1 + np.exp(-(gi[:, :H] + gh[:, :H])))
    z = 1 / (1 + np.exp(-(gi[:, H : 2 * H] + gh[:, H : 2 * H])))
    n = np.tanh(gi[:, 2 * H :] + r * gh[:, 2 * H :])
    return (1 - z) * n + z * h_prev
