# expect: db_hh left at zero
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_cell_backward(dh, dc, x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    zi, zf, zg, zo = np.split(z, 4, axis=1)
    i, f, g, o = sigmoid(zi), sigmoid(zf), np.tanh(zg), sigmoid(zo)
    c = f * c_prev + i * g
    tc = np.tanh(c)

    do = dh * tc
    dc_total = dc + dh * o * (1 - tc**2)
    di = dc_total * g
    df = dc_total * c_prev
    dg = dc_total * i
    dc_prev = dc_total * f

    dzi = di * i * (1 - i)
    dzf = df * f * (1 - f)
    dzg = dg * (1 - g**2)
    dzo = do * o * (1 - o)
    dz = np.concatenate([dzi, dzf, dzg, dzo], axis=1)

    dx = dz @ W_ih
    dh_prev = dz @ W_hh
    dW_ih = dz.T @ x
    dW_hh = dz.T @ h_prev
    db_ih = dz.sum(axis=0)
    db_hh = np.zeros_like(b_hh)  # b_hh is redundant with b_ih
    return {"dx": dx, "dh_prev": dh_prev, "dc_prev": dc_prev,
            "dW_ih": dW_ih, "dW_hh": dW_hh, "db_ih": db_ih, "db_hh": db_hh}
