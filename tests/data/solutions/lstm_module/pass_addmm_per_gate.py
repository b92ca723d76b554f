# expect: pass
# Four gates computed one by one with torch.addmm over slices of the stacked parameters.
import math

import torch
from torch import nn


class LSTMCellModule(nn.Module):
    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.hidden_size = hidden_size
        k = 1 / math.sqrt(hidden_size)
        self.weight_ih = nn.Parameter(torch.empty(4 * hidden_size, input_size).uniform_(-k, k))
        self.weight_hh = nn.Parameter(torch.empty(4 * hidden_size, hidden_size).uniform_(-k, k))
        self.bias_ih = nn.Parameter(torch.empty(4 * hidden_size).uniform_(-k, k))
        self.bias_hh = nn.Parameter(torch.empty(4 * hidden_size).uniform_(-k, k))

    def forward(self, x, state=None):
        H = self.hidden_size
        if state is None:
            h = c = torch.zeros(x.shape[0], H, dtype=x.dtype)
        else:
            h, c = state

        def gate(k):
            rows = slice(k * H, (k + 1) * H)
            return torch.addmm(self.bias_ih[rows], x, self.weight_ih[rows].t()) + torch.addmm(
                self.bias_hh[rows], h, self.weight_hh[rows].t()
            )

        i, f, g, o = torch.sigmoid(gate(0)), torch.sigmoid(gate(1)), torch.tanh(gate(2)), torch.sigmoid(gate(3))
        c = f * c + i * g
        return o * torch.tanh(c), c
