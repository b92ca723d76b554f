def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """One LSTM time step, PyTorch layout (torch.nn.LSTMCell).

    x: (N, D); h_prev, c_prev: (N, H)
    W_ih: (4H, D); W_hh: (4H, H); b_ih, b_hh: (4H,)
    Rows of the 4H axis are the gates in the order i, f, g, o.

    Returns (h, c), each of shape (N, H).
    """
    raise NotImplementedError("compute the four gates, then c and h")
