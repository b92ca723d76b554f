# expect: below the required
"""No training at all: a hand-written rule on the first steps (it passed the old task)."""

import numpy as np


def train_classifier(X, y):
    return None


def predict(model, X):
    return (np.asarray(X)[:, :3, 0] > 2).any(1).astype(np.int64)
