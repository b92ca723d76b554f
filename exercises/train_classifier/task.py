"""The synthetic task of train_classifier, generated fresh for every grading run.

Each sequence has T = 30 steps of D = 3 noisy features. A *marker* is
feature 0 set to +3.0 or -3.0. The first marker (the cue) sits at a random
step among the first 10 and its sign is the label (+ is 1). After it come 4
to 8 more markers of random sign at random later steps: distractors that
look exactly like the cue. Only the order tells them apart, so a model must
notice the first marker, keep it, and ignore the rest until the end.

Shortcuts stay well below the 0.90 needed (measured in
tests/exercises/test_train_classifier_task.py): a rule on a fixed window of
the first k steps reaches about 0.83 at best (k = 10), one on the last k
steps is chance, counting + against - markers about 0.65.
"""

import numpy as np

T, D, CUE_BY, MARKER = 30, 3, 10, 3.0
DISTRACTORS = (4, 8)  # fewest and most markers after the cue


def make_task(n, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(scale=0.3, size=(n, T, D)).astype(np.float32)
    X[:, :, 0] = np.clip(X[:, :, 0], -1.0, 1.0)  # noise never looks like a marker
    y = rng.integers(0, 2, size=n)
    cue = rng.integers(0, CUE_BY, size=n)
    for i in range(n):
        X[i, cue[i], 0] = MARKER if y[i] else -MARKER
        count = rng.integers(DISTRACTORS[0], DISTRACTORS[1], endpoint=True)
        later = rng.choice(np.arange(cue[i] + 1, T), size=count, replace=False)
        X[i, later, 0] = rng.choice([-MARKER, MARKER], size=count)
    return X, y.astype(np.int64)
