"""The synthetic task of train_classifier, generated fresh for every grading run.

Each sequence has T = 25 steps of D = 3 noisy features. A *marker* is
feature 0 set to 3.0. Label 1: a marker sits in one of the first 3 steps;
label 0: no marker anywhere. The evidence is at the start and the decision
at the end, 22 or more steps later: a model must carry it through the whole
sequence. One that reads only the last steps, or only the first step, stays
near chance (or near 67 %).
"""

import numpy as np

T, D, EARLY, MARKER = 25, 3, 3, 3.0


def make_task(n, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(scale=0.3, size=(n, T, D)).astype(np.float32)
    X[:, :, 0] = np.clip(X[:, :, 0], -1.0, 1.0)  # noise never looks like a marker
    y = rng.integers(0, 2, size=n)
    positive = np.flatnonzero(y == 1)
    X[positive, rng.integers(0, EARLY, size=positive.size), 0] = MARKER
    return X, y.astype(np.int64)
