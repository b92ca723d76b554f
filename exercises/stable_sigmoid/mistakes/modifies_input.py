# expect: modified its input(s) z
import numpy as np


def stable_sigmoid(z):
    negative = z < 0
    z[negative] = -z[negative]  # in place: the caller's array changes
    out = 1.0 / (1.0 + np.exp(-z))
    out[negative] = 1.0 - out[negative]
    return out
