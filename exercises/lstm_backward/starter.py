import numpy as np


def lstm_backward(dhs, dh_T, dc_T, x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    """Backpropagation through time for a one-layer LSTM (torch.nn.LSTM(D, H)), in NumPy.

    The forward pass, as in lstm_forward: x: (T, N, D), time-major; h0, c0: (N, H)
    W_ih: (4H, D); W_hh: (4H, H); b_ih, b_hh: (4H,); gate rows in the order i, f, g, o.
        hs[t] = h_t, the hidden state after step t; (h_T, c_T) the state after the last step

    dhs: (T, N, H), the upstream gradient on every step's output h_t (dL/dhs)
    dh_T, dc_T: (N, H), the upstream gradients on the final state (may be zero)
    The loss is L = sum(dhs * hs) + sum(dh_T * h_T) + sum(dc_T * c_T).

    Returns a dict with keys dx (T, N, D), dh0, dc0 (N, H), dW_ih, dW_hh, db_ih, db_hh,
    each a NumPy array shaped like its variable. The inputs must be left unchanged.
    """
    raise NotImplementedError(
        "run the forward pass, then one step backward per time step, t = T-1 .. 0"
    )
