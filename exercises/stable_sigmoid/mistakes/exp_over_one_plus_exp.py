# expect: contains NaN
import numpy as np


def stable_sigmoid(z):
    e = np.exp(z)
    return e / (1.0 + e)
