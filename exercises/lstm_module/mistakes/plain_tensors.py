# expect: the state_dict does not match nn.LSTMCell
import math

import torch
from torch import nn


class LSTMCellModule(nn.Module):
    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.weight_ih = torch.empty(4 * hidden_size, input_size).requires_grad_(True)
        self.weight_hh = torch.empty(4 * hidden_size, hidden_size).requires_grad_(True)
        self.bias_ih = torch.empty(4 * hidden_size).requires_grad_(True)
        self.bias_hh = torch.empty(4 * hidden_size).requires_grad_(True)
        bound = 1.0 / math.sqrt(hidden_size)
        for parameter in (self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh):
            nn.init.uniform_(parameter.data, -bound, bound)

    def forward(self, x, state=None):
        if state is None:
            zeros = x.new_zeros(x.shape[0], self.hidden_size)
            state = (zeros, zeros)
        h, c = state
        z = x @ self.weight_ih.T + self.bias_ih + h @ self.weight_hh.T + self.bias_hh
        i, f, g, o = z.chunk(4, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        return h, c
