# expect: pass
import numpy as np


def stable_sigmoid(z):
    z32 = np.asarray(z, dtype=np.float32)
    out = np.empty_like(z32)
    pos = z32 >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z32[pos]))
    e = np.exp(z32[~pos])
    out[~pos] = e / (1.0 + e)
    return out
