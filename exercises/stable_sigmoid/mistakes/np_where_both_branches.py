# expect: np.where(cond, a, b) computes both
import numpy as np


def stable_sigmoid(z):
    # Right values, but both branches are computed everywhere: exp overflows in the unused one.
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))
