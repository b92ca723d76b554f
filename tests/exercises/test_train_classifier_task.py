"""The synthetic task of train_classifier: what it asks is learnable, and only with memory."""

from __future__ import annotations

import numpy as np

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir

task = load_module(shipped_exercises_dir() / "train_classifier" / "task.py")


def test_labels_follow_the_early_marker() -> None:
    X, y = task.make_task(4000, 7)
    markers = X[:, :, 0] == task.MARKER
    assert X.dtype == np.float32 and y.dtype == np.int64
    assert 0.45 < y.mean() < 0.55
    np.testing.assert_array_equal(markers[:, : task.EARLY].any(axis=1), y == 1)
    assert not markers[:, task.EARLY :].any()  # no marker later: the evidence is only at the start
    assert (np.abs(X[:, :, 0][~markers]) <= 1.0).all()  # noise never looks like a marker


def test_fresh_seeds_give_fresh_data() -> None:
    a, _ = task.make_task(10, 1)
    b, _ = task.make_task(10, 2)
    assert not np.allclose(a, b)


def test_shortcuts_stay_below_the_threshold() -> None:
    """Reading only the last steps is chance; reading only the first step is about 2/3."""
    X, y = task.make_task(6000, 3)
    first_only = (X[:, 0, 0] == task.MARKER).astype(int)
    assert abs(np.mean(first_only == y) - 2 / 3) < 0.03
    assert np.mean(first_only == y) < 0.9
