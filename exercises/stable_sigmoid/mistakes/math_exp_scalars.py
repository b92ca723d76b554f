# expect: OverflowError
import math

import numpy as np


def stable_sigmoid(z):
    flat = [1.0 / (1.0 + math.exp(-v)) for v in np.ravel(z)]
    return np.array(flat).reshape(np.shape(z))
