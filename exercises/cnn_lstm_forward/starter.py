import numpy as np


def cnn_lstm_forward(x, conv_W, conv_b, stride, W_ih, W_hh, b_ih, b_hh, W_out, b_out):
    """Conv1d -> ReLU -> LSTM -> Linear on the last step, as torch.nn.Conv1d(C_in, C_out, K,
    stride), torch.nn.LSTM(C_out, H) and torch.nn.Linear(H, O) compute it.

    x: (N, C_in, L), PyTorch's Conv1d layout (channels before time)
    conv_W: (C_out, C_in, K); conv_b: (C_out,); stride: int >= 1; no padding
        conv[n, o, t] = conv_b[o] + sum over c, k of conv_W[o, c, k] * x[n, c, t*stride + k]
        for t = 0 .. L_out - 1, L_out = (L - K) // stride + 1 (cross-correlation: no flip)
    ReLU, then an LSTM over the L_out steps (features C_out, zero initial state):
    W_ih: (4H, C_out); W_hh: (4H, H); b_ih, b_hh: (4H,); gates in the order i, f, g, o
    W_out: (O, H); b_out: (O,): logits = h_last @ W_out.T + b_out

    Returns logits: (N, O). The inputs must be left unchanged.
    """
    raise NotImplementedError("convolve, ReLU, run the LSTM over the conv's time axis, read out")
