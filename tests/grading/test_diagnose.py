"""Diagnoses: a signature's output is computed once per probe, and names only real differences."""

from __future__ import annotations

import numpy as np

from lstm_quiz.grading.diagnose import matching, signature_candidates

SIGNATURES = [("doubled", {"scale": 2.0}), ("no effect", {"scale": 1.0})]


def test_each_signature_is_computed_once_per_inputs() -> None:
    calls: list[float] = []

    def compute(x: np.ndarray, scale: float = 1.0) -> np.ndarray:
        calls.append(scale)
        return x * scale

    x = np.arange(3.0)
    for _ in range(3):  # three submissions diagnosed on the same probe
        found = matching(x * 2, x, signature_candidates(compute, (x,), SIGNATURES))
        assert found == ["doubled"]
    assert calls == [2.0, 1.0]
    matching(x, x, signature_candidates(compute, (x + 1,), SIGNATURES))  # another probe
    assert calls == [2.0, 1.0, 2.0, 1.0]
