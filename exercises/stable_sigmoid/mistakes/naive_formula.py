# expect: overflow encountered in exp
import numpy as np


def stable_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))
