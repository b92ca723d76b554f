import numpy as np


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    """A one-layer LSTM over a whole sequence, PyTorch layout (torch.nn.LSTM(D, H)).

    x: (T, N, D), time-major: x[t] is the batch of inputs at step t
    h0, c0: (N, H), the initial state
    W_ih: (4H, D); W_hh: (4H, H); b_ih, b_hh: (4H,)
    Rows of the 4H axis are the gates in the order i, f, g, o.

    Returns (hs, (h_T, c_T)):
      hs: (T, N, H), hs[t] is the hidden state h after step t
      h_T, c_T: (N, H), the state after the last step
    The inputs (h0 and c0 included) must be left unchanged.
    """
    raise NotImplementedError("run one LSTM step per time step, carrying (h, c) along")
