import numpy as np


def gru_cell(x, h_prev, W_ih, W_hh, b_ih, b_hh):
    """One GRU time step, PyTorch layout (torch.nn.GRUCell).

    x: (N, D); h_prev: (N, H)
    W_ih: (3H, D); W_hh: (3H, H); b_ih, b_hh: (3H,)
    Rows of the 3H axis are the gates in the order r, z, n.

    Returns h, of shape (N, H).
    """
    raise NotImplementedError("compute r, z and the candidate n, then h")
