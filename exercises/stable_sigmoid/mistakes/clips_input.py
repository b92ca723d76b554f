# expect: differs from the reference
import numpy as np


def stable_sigmoid(z):
    z = np.clip(z, -30.0, 30.0)  # avoids overflow, but σ(-50) becomes σ(-30)
    return 1.0 / (1.0 + np.exp(-z))
