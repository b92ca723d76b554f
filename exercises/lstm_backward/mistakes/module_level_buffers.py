# expect: returns memory it reuses
import numpy as np

# Gradient buffers allocated once and zeroed on each call, "to save allocations":
# the caller's earlier result is overwritten by the next call.
_BUFFERS = {}


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _zeroed(name, like):
    key = (name, like.shape)
    if key not in _BUFFERS:
        _BUFFERS[key] = np.zeros_like(like)
    _BUFFERS[key].fill(0.0)
    return _BUFFERS[key]


def lstm_backward(dhs, dh_T, dc_T, x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    T = x.shape[0]
    h, c, cache = h0, c0, []
    for t in range(T):
        z = x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh
        i, f, g, o = np.split(z, 4, axis=1)
        i, f, g, o = sigmoid(i), sigmoid(f), np.tanh(g), sigmoid(o)
        c_new = f * c + i * g
        cache.append((h, c, i, f, g, o, c_new))
        h, c = o * np.tanh(c_new), c_new

    dx = _zeroed("dx", x)
    dW_ih, dW_hh = _zeroed("dW_ih", W_ih), _zeroed("dW_hh", W_hh)
    db = _zeroed("db", b_ih)
    dh_next, dc_next = dh_T, dc_T
    for t in reversed(range(T)):
        h_prev, c_prev, i, f, g, o, c_t = cache[t]
        dh = dhs[t] + dh_next
        do = dh * np.tanh(c_t)
        dc = dc_next + dh * o * (1 - np.tanh(c_t) ** 2)
        di, df, dg = dc * g, dc * c_prev, dc * i
        dz = np.concatenate(
            [di * i * (1 - i), df * f * (1 - f), dg * (1 - g**2), do * o * (1 - o)], axis=1
        )
        dx[t] = dz @ W_ih
        dW_ih += dz.T @ x[t]
        dW_hh += dz.T @ h_prev
        db += dz.sum(axis=0)
        dh_next, dc_next = dz @ W_hh, dc * f
    return {"dx": dx, "dh0": dh_next, "dc0": dc_next,
            "dW_ih": dW_ih, "dW_hh": dW_hh, "db_ih": db, "db_hh": db.copy()}
