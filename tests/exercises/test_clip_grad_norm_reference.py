"""The reference of clip_grad_norm is torch.nn.utils.clip_grad_norm_, and its diagnoses start from it."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir

FOLDER = shipped_exercises_dir() / "clip_grad_norm"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")


def torch_clip(grads, max_norm):
    parameters = []
    for g in grads:
        p = torch.nn.Parameter(torch.zeros(g.shape, dtype=torch.float64))
        p.grad = torch.from_numpy(g.copy())
        parameters.append(p)
    total = torch.nn.utils.clip_grad_norm_(parameters, max_norm)
    return [p.grad.numpy() for p in parameters], float(total)


@pytest.mark.parametrize("seed", range(30))
def test_reference_equals_torch(seed: int) -> None:
    rng = np.random.default_rng(seed)
    grads = [
        rng.normal(size=tuple(rng.integers(1, 5, size=rng.integers(1, 4)))) * rng.uniform(0.01, 20)
        for _ in range(rng.integers(1, 6))
    ]
    max_norm = float(rng.uniform(0.1, 10))
    before = [g.copy() for g in grads]
    got, total = reference.clip_grad_norm(grads, max_norm)
    want, want_total = torch_clip(grads, max_norm)
    assert total == pytest.approx(want_total, rel=1e-12)
    for a, b in zip(got, want, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)
    for a, b in zip(grads, before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_every_signature_differs_from_the_reference() -> None:
    rng = np.random.default_rng(0)
    grads = [rng.normal(size=(4, 3)) * 0.05, rng.normal(size=(4,)) * 0.05]
    grads[0] *= 400
    for max_norm in (2.0,):
        want, want_total = reference.clip_grad_norm(grads, max_norm)
        small, _ = reference.clip_grad_norm([g * 1e-3 for g in grads], max_norm)
        for description, mistake in signatures.SIGNATURES:
            clipped, total = mistake([g.copy() for g in grads], max_norm)
            differs = not np.isclose(total, want_total) or any(
                not np.allclose(a, b) for a, b in zip(clipped, want, strict=True)
            )
            small_clipped, _ = mistake([g * 1e-3 for g in grads], max_norm)
            differs_small = any(
                not np.allclose(a, b) for a, b in zip(small_clipped, small, strict=True)
            )
            assert differs or differs_small, description
