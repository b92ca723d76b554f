import numpy as np


def stable_sigmoid(z):
    """σ(z) = 1 / (1 + exp(-z)) for a float64 array of any shape, without
    overflow, NaN, or loss of precision for very negative z.

    Returns an array of the same shape as z.
    """
    raise NotImplementedError("compute exp only of non-positive numbers")
