"""Hidden suite for stable_sigmoid."""

import numpy as np
import pytest

from lstm_quiz.grading.expect import GradingFailure, expect_array, expect_inputs_unchanged
from lstm_quiz.grading.messages import text, verbatim
from lstm_quiz.grading.properties import cases, check_cases, corner_cases
from lstm_quiz.grading.sandbox import CallFailure

EXTREMES = np.array(
    [-np.inf, -1e308, -1000.0, -745.0, -710.0, -50.0, 0.0, 50.0, 710.0, 1000.0, 1e308, np.inf]
)
# Beyond exp's float64 limit (|z| > 709) but inside float32's range, so a
# solution computing in float32 meets the same probe without a cast overflow.
OVERFLOW_PROBE = np.array([-np.inf, -1000.0, -745.0, -710.0, 0.0, 710.0, 745.0, 1000.0, np.inf])
SHAPES = [(7,), (3, 4), (2, 3, 4)]


@pytest.mark.parametrize("shape", SHAPES, ids=[f"shape={s}" for s in SHAPES])
def test_matches_reference(solution, reference, shape):
    """Values match the reference for moderate z."""
    z = np.random.default_rng(len(shape)).normal(scale=4.0, size=shape)
    expect_array(
        solution.stable_sigmoid(z),
        reference.stable_sigmoid(z),
        "σ(z)",
        context=text("shape {shape}, |z| < 20", shape=shape),
    )


def test_extreme_values(solution, reference):
    """No NaN and values in [0, 1] for z = ±1000, ±1e308, ±inf."""
    got = solution.stable_sigmoid(EXTREMES.copy())
    expect_array(
        got,
        reference.stable_sigmoid(EXTREMES),
        "σ(z)",
        context=verbatim("z = " + np.array2string(EXTREMES)),
    )
    if ((got < 0) | (got > 1)).any():
        raise GradingFailure(text("σ(z) has values outside [0, 1] for extreme z"))


def test_no_overflow(solution):
    """No floating-point overflow anywhere in the computation (run under np.errstate(over="raise"))."""
    try:
        solution.harness.strict(OVERFLOW_PROBE.copy())
    except CallFailure as failure:
        if "FloatingPointError" not in failure.message:
            raise
        # The call failure's own template: "strict() raised {error}"; the error is kept as it is.
        detail = failure.text.params.get("error", failure.message.split("raised ", 1)[-1])
        raise GradingFailure(
            text(
                "your computation overflows for extreme z: {detail}. np.exp(-z) is inf for z < -709: "
                "exponentiate only non-positive numbers (split by the sign of z). np.where(cond, a, b) "
                "computes both a and b everywhere, so the overflow happens even in the branch you "
                "discard.",
                detail=detail,
            )
        ) from None


def test_small_values_keep_relative_precision(solution, reference):
    """σ(z) for z in [-80, -20] keeps its relative precision (σ(-50) ≈ 1.9e-22, not 0)."""
    z = np.linspace(-80.0, -20.0, 25)
    want = reference.stable_sigmoid(z)
    got = solution.stable_sigmoid(z)
    expect_array(got, want, "σ(z)", context=text("z in [-80, -20]"), rtol=1e-4, atol=0.0)


def test_all_zero_input(solution, reference):
    """σ(0) = 0.5 everywhere, in the input's shape."""
    z = np.zeros((3, 2))
    expect_array(
        solution.stable_sigmoid(z),
        reference.stable_sigmoid(z),
        "σ(z)",
        context=text("z = 0, shape (3, 2)"),
    )


# Drawn shapes of 1 to 3 axes (a single value, (1,), (1, 1) among them) and scales up to
# |z| ≈ 1500, past exp's float64 limit (709) but inside float32's range.
DRAWN = {"ndim": (1, 3), "size": (1, 5)}


def test_matches_reference_on_drawn_shapes(solution, reference):
    """σ(z) matches the reference over drawn shapes and scales (size-1 axes, z = 0 and |z| > 709 among them)."""

    def check(case):
        shape = tuple(
            1 + (case.seed >> (3 * k)) % case["size"] for k in range(case["ndim"])
        )  # sizes 1..size per axis
        z = case.scale * np.random.default_rng(case.seed).normal(size=shape)
        z = np.zeros(shape) if case.zero else z
        expect_array(
            solution.stable_sigmoid(z.copy()),
            reference.stable_sigmoid(z),
            "σ(z)",
            context=text(
                "drawn case: shape {shape}, |z| up to {largest:.3g}",
                shape=shape,
                largest=float(np.abs(z).max()),
            ),
        )

    check_cases(
        cases(scales=(0.5, 5.0, 40.0, 500.0), **DRAWN),
        check,
        corners=corner_cases(**DRAWN),
        max_examples=25,
    )


def test_input_unchanged(solution):
    """The input array is left unchanged."""
    z = np.random.default_rng(9).normal(scale=5.0, size=(4, 5))
    expect_inputs_unchanged(solution, "stable_sigmoid", [z], ["z"])
