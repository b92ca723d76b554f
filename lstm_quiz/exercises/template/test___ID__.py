"""Hidden suite for __ID__: `solution` calls the learner's code in a sandbox,
`reference` is reference.py; compare with the checks of lstm_quiz.grading.expect."""

import numpy as np
import pytest

from lstm_quiz.grading.expect import expect_array, expect_unchanged

SIZES = [(1, 3), (4, 5)]


def make_inputs(seed, n, d):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.normal(size=(n, d)), float(rng.normal())


@pytest.mark.parametrize("size", SIZES, ids=[f"N={n},D={d}" for n, d in SIZES])
def test_matches_reference(solution, reference, size):
    """The result matches the reference."""
    inputs = make_inputs(sum(size), *size)
    want = reference.__ID__(*inputs)
    got = solution.__ID__(*inputs)
    expect_array(got, want, "result", context=f"N={size[0]}, D={size[1]}")


def test_inputs_unchanged(solution):
    """The inputs are left unchanged."""
    inputs = make_inputs(7, 2, 3)
    before = [inputs[0].copy(), inputs[1].copy()]
    result = solution.call("__ID__", *inputs)
    expect_unchanged(before, result.args_after[:2], ["x", "y"])
