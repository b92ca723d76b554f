# expect: differs from the reference
import numpy as np


def __ID__(x, y, alpha):
    return alpha * (x + y)
