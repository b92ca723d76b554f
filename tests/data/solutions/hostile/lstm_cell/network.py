# hostile: fetches its answers over the network (a local server, then anywhere)
import socket

import numpy as np

reached = []
for family, address in ((socket.AF_INET, ("127.0.0.1", 22)), (socket.AF_INET, ("1.1.1.1", 80)), (socket.AF_UNIX, "\0lstm-quiz")):
    try:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.settimeout(1)
            s.connect(address)
            reached.append(address)
    except OSError as error:
        print("no network:", error)


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return np.zeros_like(h_prev), np.zeros_like(c_prev)
