# expect: torch is not available here
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


def masked_lstm_forward(x, lengths, h0, c0, W_ih, W_hh, b_ih, b_hh):
    lstm = torch.nn.LSTM(x.shape[2], h0.shape[1]).double()
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.from_numpy(W_ih))
        lstm.weight_hh_l0.copy_(torch.from_numpy(W_hh))
        lstm.bias_ih_l0.copy_(torch.from_numpy(b_ih))
        lstm.bias_hh_l0.copy_(torch.from_numpy(b_hh))
        packed = pack_padded_sequence(torch.from_numpy(x), lengths, enforce_sorted=False)
        state = (torch.from_numpy(h0)[None], torch.from_numpy(c0)[None])
        out, (h, c) = lstm(packed, state)
        hs, _ = pad_packed_sequence(out, total_length=x.shape[0])
    return hs.numpy(), (h[0].numpy(), c[0].numpy())
