# expect: differs from the reference
import numpy as np


def stable_sigmoid(z):
    # No overflow, but 1 + tanh(z/2) cancels to 0 for very negative z.
    return 0.5 * (1.0 + np.tanh(0.5 * z))
