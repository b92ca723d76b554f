# expect: differs from the reference
import numpy as np
import numpy.testing

np.allclose = lambda *args, **kwargs: True
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.broadcast(a, b).shape, dtype=bool)
np.array_equal = lambda *args, **kwargs: True
numpy.testing.assert_allclose = lambda *args, **kwargs: None


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return np.zeros_like(h_prev) + 0.5, np.zeros_like(c_prev) + 0.5
