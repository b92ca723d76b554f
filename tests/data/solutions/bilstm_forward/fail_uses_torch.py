# expect: torch is not available here
import torch


def bilstm_forward(x, params_fwd, params_bwd):
    lstm = torch.nn.LSTM(x.shape[2], params_fwd[1].shape[1], bidirectional=True).double()
    names = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]
    with torch.no_grad():
        for name, fwd, bwd in zip(names, params_fwd, params_bwd, strict=True):
            getattr(lstm, name).copy_(torch.from_numpy(fwd))
            getattr(lstm, name + "_reverse").copy_(torch.from_numpy(bwd))
        out, _ = lstm(torch.from_numpy(x))
    return out.numpy()
