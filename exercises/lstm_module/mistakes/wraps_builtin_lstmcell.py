# expect: built-in LSTMCell
import torch
from torch import nn


class LSTMCellModule(nn.Module):
    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.cell = nn.LSTMCell(input_size, hidden_size)

    def forward(self, x, state=None):
        return self.cell(x, state)
