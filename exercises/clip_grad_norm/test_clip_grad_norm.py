"""Hidden suite for clip_grad_norm."""

import numpy as np
import pytest

from lstm_quiz.grading.expect import (
    GradingFailure,
    describe_type,
    expect_array,
    expect_inputs_unchanged,
    expect_tuple,
)
from lstm_quiz.grading.messages import as_text, text
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

SHAPES = [(4, 3), (4,), (2, 3, 2), (1,)]


def make_grads(seed, scale):
    rng = np.random.default_rng(seed)
    return [scale * rng.normal(size=shape) for shape in SHAPES]


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def check(solution, reference, signatures, grads, max_norm, context):
    want_list, want_norm = reference.clip_grad_norm([g.copy() for g in grads], max_norm)
    got = solution.clip_grad_norm(grads, max_norm)
    clipped, total_norm = expect_tuple(got, ["clipped", "total_norm"])
    if not isinstance(clipped, list | tuple):
        raise GradingFailure(
            text(
                "clipped should be a list of arrays, got {got} ({context})",
                got=describe_type(clipped),
                context=as_text(context),
            )
        )
    if len(clipped) != len(grads):
        raise GradingFailure(
            text(
                "clipped has {got} arrays, expected {want} ({context})",
                got=len(clipped),
                want=len(grads),
                context=as_text(context),
            )
        )
    if isinstance(total_norm, float | int | np.generic):
        total_norm = np.asarray(total_norm, dtype=float)
    expect_array(total_norm, np.asarray(want_norm), "total_norm", context=text("{context}; the norm before clipping", context=as_text(context)),
                 diagnose=lambda: signatures.diagnose_norm(total_norm, grads, max_norm, want_norm))  # fmt: skip
    for k, (g, w) in enumerate(zip(clipped, want_list, strict=True)):
        expect_array(g, w, f"clipped[{k}]", context=context,
                     diagnose=lambda: signatures.diagnose(list(clipped), grads, max_norm, want_list))  # fmt: skip


def test_returns_list_and_norm(solution):
    """Returns a tuple (clipped, total_norm) with one array per gradient."""
    grads = make_grads(1, 1.0)
    clipped, _ = expect_tuple(solution.clip_grad_norm(grads, 1.0), ["clipped", "total_norm"])
    if not isinstance(clipped, list | tuple) or len(clipped) != len(grads):
        raise GradingFailure(
            text(
                "clipped should be a list of {n} arrays, got {got}",
                n=len(grads),
                got=describe_type(clipped),
            )
        )


@pytest.mark.parametrize(
    ("scale", "max_norm"), [(3.0, 1.0), (10.0, 5.0), (0.5, 0.2)], ids=["3x", "10x", "small"]
)
def test_clips_large_gradients(solution, reference, signatures, scale, max_norm):
    """Gradients whose global norm exceeds max_norm are rescaled together."""
    grads = make_grads(int(scale * 10), scale)
    check(
        solution,
        reference,
        signatures,
        grads,
        max_norm,
        text("max_norm={max_norm}, 4 arrays of shapes {shapes}", max_norm=max_norm, shapes=SHAPES),
    )


def test_leaves_small_gradients(solution, reference, signatures):
    """Gradients whose global norm is below max_norm come back unchanged."""
    grads = make_grads(2, 0.1)
    check(solution, reference, signatures, grads, 100.0, "max_norm=100, global norm ≈ 0.5")


def test_one_large_array_among_small_ones(solution, reference, signatures):
    """One large gradient shrinks the others too: the direction is kept."""
    grads = make_grads(3, 0.05)
    grads[0] = grads[0] * 400.0
    check(solution, reference, signatures, grads, 2.0, "max_norm=2, one array dominates the norm")


def test_all_zero_gradients(solution, reference, signatures):
    """All-zero gradients: total_norm is 0 and the gradients come back as zeros (no 0/0)."""
    grads = [np.zeros(shape) for shape in SHAPES]
    check(solution, reference, signatures, grads, 1.0, "every gradient is all zeros, max_norm=1")


# Drawn: 1 to 4 arrays (of 1 to 3 axes), global norms from far below to far above max_norm.
DRAWN = {"arrays": (1, 4), "size": (1, 4)}


def drawn_grads(case):
    rng = np.random.default_rng(case.seed)
    shapes = [
        tuple(int(n) for n in rng.integers(1, case["size"] + 1, size=rng.integers(1, 4)))
        for _ in range(case["arrays"])
    ]
    grads = [case.scale * rng.normal(size=shape) for shape in shapes]
    return [np.zeros_like(g) for g in grads] if case.zero else grads, shapes


def test_matches_reference_on_drawn_gradients(solution, reference, signatures):
    """The clipped list and the norm match the reference over drawn arrays and scales (one array, size-1 arrays and all zeros among them)."""

    def run(case):
        grads, shapes = drawn_grads(case)
        max_norm = float(np.random.default_rng(case.seed + 1).choice([0.1, 1.0, 5.0]))
        context = text(
            "drawn case: {n} array(s) of shapes {shapes}, max_norm={max_norm}",
            n=len(grads),
            shapes=shapes,
            max_norm=max_norm,
        )
        check(solution, reference, signatures, grads, max_norm, context)

    check_cases(
        cases(scales=(0.01, 1.0, 10.0), **DRAWN),
        run,
        corners=corner_cases(**DRAWN),
        max_examples=25,
    )


def test_inputs_unchanged(solution):
    """The input arrays are left unchanged."""
    grads = make_grads(4, 5.0)
    expect_inputs_unchanged(solution, "clip_grad_norm", [grads, 1.0], ["grads", "max_norm"])
