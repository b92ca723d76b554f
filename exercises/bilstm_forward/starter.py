import numpy as np


def bilstm_forward(x, params_fwd, params_bwd):
    """A one-layer bidirectional LSTM, as torch.nn.LSTM(D, H, bidirectional=True).

    x: (T, N, D), time-major
    params_fwd, params_bwd: tuples (W_ih, W_hh, b_ih, b_hh), one per direction, each in
      PyTorch's layout: W_ih (4H, D), W_hh (4H, H), b_ih and b_hh (4H,), gates i, f, g, o
    Both directions start from a zero state (h = c = 0).

    Returns hs: (T, N, 2H). hs[t, :, :H] is the forward direction's h after reading
    x[0..t]; hs[t, :, H:] is the backward direction's h after reading x[T-1..t].
    The inputs must be left unchanged.
    """
    raise NotImplementedError("run one LSTM forward in time and one backward, then concatenate")
