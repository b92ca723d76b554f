import torch
from torch import nn


class LSTMCellModule(nn.Module):
    """An LSTM cell with nn.LSTMCell's parameters, outputs and gradients.

    Parameters: weight_ih (4H, D), weight_hh (4H, H), bias_ih (4H,), bias_hh (4H,),
    gates in the order i, f, g, o; initialised uniformly in (-1/sqrt(H), 1/sqrt(H)).
    """

    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        raise NotImplementedError("register the four parameters")

    def forward(self, x, state=None):
        """x: (N, D); state: (h, c) each (N, H), or None for zeros. Returns (h, c)."""
        raise NotImplementedError("compute the gates, then c and h")
