import numpy as np


def lstm_cell_backward(dh, dc, x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """Gradients of one LSTM step (the step of torch.nn.LSTMCell), in NumPy.

    dh, dc: (N, H), the upstream gradients of the loss with respect to the
    step's outputs h and c. The step's inputs, as in lstm_cell:
    x: (N, D); h_prev, c_prev: (N, H)
    W_ih: (4H, D); W_hh: (4H, H); b_ih, b_hh: (4H,); gate rows in the order i, f, g, o.
        z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
        i, f, o = sigmoid of their blocks of z; g = tanh of its block
        c = f * c_prev + i * g;  h = o * tanh(c)

    Returns a dict with keys dx, dh_prev, dc_prev, dW_ih, dW_hh, db_ih, db_hh,
    each a NumPy array shaped like its variable (dx like x, dW_ih like W_ih, ...).
    """
    raise NotImplementedError("recompute the gates, then go back through h, c and the gates")
