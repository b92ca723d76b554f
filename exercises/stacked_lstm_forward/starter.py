import numpy as np


def stacked_lstm_forward(x, h0, c0, params, dropout_masks):
    """An L-layer LSTM with dropout between layers, as torch.nn.LSTM(D, H, num_layers=L,
    dropout=p) computes it in training mode.

    x: (T, N, D), time-major
    h0, c0: (L, N, H), the initial state of every layer (layer l starts from h0[l], c0[l])
    params: list of L tuples (W_ih, W_hh, b_ih, b_hh), PyTorch layout, gates i, f, g, o;
        layer 0's W_ih is (4H, D), the later layers' W_ih are (4H, H)
    dropout_masks: list of L - 1 arrays (T, N, H), already scaled (each value 0 or 1/(1-p)):
        layer l's outputs hs_l are multiplied by dropout_masks[l] before layer l + 1 reads them.
        No dropout after the last layer, none on the recurrent state, none in h_n.

    Returns (hs, (h_n, c_n)):
      hs: (T, N, H), the outputs of the last layer
      h_n, c_n: (L, N, H), the state of every layer after the last step
    The inputs must be left unchanged.
    """
    raise NotImplementedError("run one LSTM layer after another, masking what the next one reads")
