# expect: pass
# Gate by gate over slices of the stacked weights, weight gradients as sums of outer
# products (einsum), derivatives through exp-free activations: the same gradients.
import numpy as np


def lstm_cell_backward(dh, dc, x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    rows = {name: slice(k * H, (k + 1) * H) for k, name in enumerate("ifgo")}
    pre = {name: x @ W_ih[r].T + b_ih[r] + h_prev @ W_hh[r].T + b_hh[r] for name, r in rows.items()}
    act = {
        name: (np.tanh(p) if name == "g" else 0.5 + 0.5 * np.tanh(0.5 * p))
        for name, p in pre.items()
    }
    c = act["f"] * c_prev + act["i"] * act["g"]
    dc_total = dc + dh * act["o"] * (1 - np.tanh(c) ** 2)
    upstream = {
        "i": dc_total * act["g"],
        "f": dc_total * c_prev,
        "g": dc_total * act["i"],
        "o": dh * np.tanh(c),
    }
    dx = np.zeros_like(x)
    dh_prev = np.zeros_like(h_prev)
    dW_ih = np.zeros_like(W_ih)
    dW_hh = np.zeros_like(W_hh)
    db = np.zeros_like(b_ih)
    for name, r in rows.items():
        a = act[name]
        local = 1 - a**2 if name == "g" else a * (1 - a)
        dpre = upstream[name] * local
        dx += dpre @ W_ih[r]
        dh_prev += dpre @ W_hh[r]
        dW_ih[r] = np.einsum("nk,nd->kd", dpre, x)
        dW_hh[r] = np.einsum("nk,nd->kd", dpre, h_prev)
        db[r] = dpre.sum(axis=0)
    return {
        "dx": dx,
        "dh_prev": dh_prev,
        "dc_prev": dc_total * act["f"],
        "dW_ih": dW_ih,
        "dW_hh": dW_hh,
        "db_ih": db,
        "db_hh": db.copy(),
    }
