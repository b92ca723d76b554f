"""The reference of stable_sigmoid is torch.sigmoid, over the whole float64 range."""

from __future__ import annotations

import numpy as np
import torch

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir

reference = load_module(shipped_exercises_dir() / "stable_sigmoid" / "reference.py")


def test_equals_torch_sigmoid_everywhere() -> None:
    z = np.concatenate(
        [
            np.linspace(-50, 50, 1001),
            -np.logspace(-300, 308, 200),
            np.logspace(-300, 308, 200),
            [0.0, -0.0, np.inf, -np.inf, np.finfo(float).max, -np.finfo(float).max],
        ]
    )
    with np.errstate(over="raise", invalid="raise"):
        got = reference.stable_sigmoid(z)
    want = torch.sigmoid(torch.from_numpy(z)).numpy()
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)


def test_keeps_shape_and_leaves_input() -> None:
    z = np.random.default_rng(0).normal(size=(2, 3, 4))
    before = z.copy()
    assert reference.stable_sigmoid(z).shape == (2, 3, 4)
    np.testing.assert_array_equal(z, before)
