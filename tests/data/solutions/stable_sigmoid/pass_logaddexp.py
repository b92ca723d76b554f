# expect: pass
# σ(z) = exp(-log(1 + e^-z)) = exp(-logaddexp(0, -z)): also overflow-free.
import numpy as np


def stable_sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))
