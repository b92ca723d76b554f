import numpy as np


def masked_lstm_forward(x, lengths, h0, c0, W_ih, W_hh, b_ih, b_hh):
    """A one-layer LSTM over a padded batch of variable-length sequences (PyTorch layout).

    x: (T, N, D), time-major and padded: sequence n's real steps are x[:lengths[n], n],
       the steps after them are padding (their values must not matter)
    lengths: (N,) integers, 1 <= lengths[n] <= T, in any order
    h0, c0: (N, H); W_ih: (4H, D); W_hh: (4H, H); b_ih, b_hh: (4H,), gates i, f, g, o

    Past a sequence's length its state is carried unchanged and its outputs are 0.
    Returns (hs, (h_last, c_last)):
      hs: (T, N, H), hs[t, n] = h after step t for t < lengths[n], else 0
      h_last, c_last: (N, H), sequence n's state after its last real step, lengths[n] - 1
    The inputs must be left unchanged.
    """
    raise NotImplementedError(
        "run the LSTM step by step, holding each sequence's state past its length"
    )
