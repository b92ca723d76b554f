"""The shared checks of the reference tests catch what they are for."""

from __future__ import annotations

import types

import numpy as np

from tests.exercises.signature_checks import mistakes_never_named_alone, mistakes_without_effect


def compute(x: np.ndarray, scale: float = 1.0) -> np.ndarray | None:
    return None if scale < 0 else x * scale


SIGNATURES = types.SimpleNamespace(
    SIGNATURES=[("doubled", {"scale": 2.0}), ("no effect", {"scale": 1.0}), ("n/a", {"scale": -1})],
    diagnose=lambda got, inputs: "doubled" if np.allclose(got, inputs[0] * 2) else "",
)


def test_a_mistake_that_changes_nothing_is_found() -> None:
    x = np.arange(3.0)
    assert mistakes_without_effect(SIGNATURES, (x,), compute, x) == ["no effect", "n/a"]


def test_a_mistake_never_named_is_found() -> None:
    x = np.arange(3.0)
    assert mistakes_never_named_alone(SIGNATURES, [(x,)], compute) == ["no effect", "n/a"]
