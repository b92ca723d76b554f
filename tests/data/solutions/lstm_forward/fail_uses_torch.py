# expect: torch is not available here
import torch


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    lstm = torch.nn.LSTM(x.shape[2], h0.shape[1]).double()
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.from_numpy(W_ih))
        lstm.weight_hh_l0.copy_(torch.from_numpy(W_hh))
        lstm.bias_ih_l0.copy_(torch.from_numpy(b_ih))
        lstm.bias_hh_l0.copy_(torch.from_numpy(b_hh))
        state = (torch.from_numpy(h0)[None], torch.from_numpy(c0)[None])
        out, (h, c) = lstm(torch.from_numpy(x), state)
    return out.numpy(), (h[0].numpy(), c[0].numpy())
