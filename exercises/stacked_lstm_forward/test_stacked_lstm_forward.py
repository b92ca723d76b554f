"""Hidden suite for stacked_lstm_forward. Runs in the trusted process; `solution` calls the learner's code.

The contract:

    def stacked_lstm_forward(x, h0, c0, params, dropout_masks):
        '''x: (T, N, D); h0, c0: (L, N, H); params: L tuples (W_ih, W_hh, b_ih, b_hh);
        dropout_masks: L - 1 arrays (T, N, H) of 0 or 1/(1-p), on layer l's outputs before
        layer l + 1; returns (hs (T, N, H) of the last layer, (h_n, c_n) each (L, N, H))'''

Probes: L = 3 (masks indexed by the wrong layer), L = 2 and L = 1 (no masks),
a distinct non-zero h0[l], c0[l] per layer (a shared or carried state shows),
masks with zeros and the scale 1/(1-p) != 1 (dropout in the wrong place or
scaled twice), masks of ones (plain stacking), all-zero masks (the layers
above see only zeros), D == H (where every layer fed x, or a mask on x, still
runs), D != H, T == 1, N == 1 and H == 1; then drawn sizes and scales
(hypothesis, derandomised: T = N = D = H = L = 1 and all-zero x and state
among them), and two results kept at once (a reused module-level buffer shows).
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import (
    GradingFailure,
    expect_array,
    expect_array_like,
    expect_output_and_state,
)
from lstm_quiz.grading.messages import Join, text, verbatim
from lstm_quiz.grading.probes import cell_params
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

PARAM_NAMES = ["W_ih", "W_hh", "b_ih", "b_hh"]

# (T, N, D, H, L): D == H lets a layer fed x run; N = 1, H = 1 and T = 1 catch a squeeze.
SIZES = [
    (5, 2, 3, 4, 3),
    (4, 3, 4, 4, 3),
    (4, 1, 3, 2, 2),
    (1, 3, 2, 3, 2),
    (6, 2, 3, 1, 2),
    (3, 2, 4, 3, 1),
]


def size_id(size):
    return "T={},N={},D={},H={},L={}".format(*size)


# Drawn sizes: every size down to 1 (L = 1: no masks), D == H, all-zero x and state.
DRAWN = {"T": (1, 4), "N": (1, 3), "D": (1, 4), "H": (1, 4), "L": (1, 3)}


def make_inputs(
    seed, T, N, D, H, L, *, p=0.5, masks="dropout", zero_state=False, scale=1.0, zero_x=False
):
    """``scale`` multiplies x, h0 and c0; ``zero_x`` makes x all zero."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(T, N, D)) * (0.0 if zero_x else scale)
    h0 = np.zeros((L, N, H)) if zero_state else 0.8 * scale * rng.normal(size=(L, N, H))
    c0 = np.zeros((L, N, H)) if zero_state else 1.5 * scale * rng.normal(size=(L, N, H))
    params = [cell_params(rng, D if layer == 0 else H, H, 4) for layer in range(L)]
    if masks == "ones":
        dropout_masks = [np.ones((T, N, H)) for _ in range(L - 1)]
    elif masks == "zeros":
        dropout_masks = [np.zeros((T, N, H)) for _ in range(L - 1)]
    else:
        dropout_masks = [
            (rng.random((T, N, H)) >= p) / (1.0 - p) for _ in range(L - 1)
        ]  # fmt: skip
    return x, h0, c0, params, dropout_masks


def describe(inputs, extra=""):
    x, h0 = inputs[0], inputs[1]
    T, N, D = x.shape
    sizes = verbatim(f"T={T}, N={N}, D={D}, H={h0.shape[2]}, L={h0.shape[0]}")
    return text("{sizes}, {extra}", sizes=sizes, extra=text(extra)) if extra else sizes


def copied(inputs):
    x, h0, c0, params, masks = inputs
    return (
        x.copy(),
        h0.copy(),
        c0.copy(),
        [tuple(a.copy() for a in layer) for layer in params],
        [m.copy() for m in masks],
    )


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def check(solution, reference, signatures, inputs, context):
    want_hs, (want_h, want_c) = reference.stacked_lstm_forward(*copied(inputs))
    got = solution.stacked_lstm_forward(*inputs)
    cache = []

    def diagnosis():
        if not cache:
            cache.append(signatures.diagnose(got, inputs))
        return cache[0]

    hs, h_n, c_n = expect_output_and_state(got, h="h_n", c="c_n", context=context)
    expect_array_like(hs, want_hs.shape, "hs", context=context, diagnose=diagnosis)
    expect_array_like(h_n, want_h.shape, "h_n", context=context, diagnose=diagnosis)
    expect_array_like(c_n, want_c.shape, "c_n", context=context, diagnose=diagnosis)
    expect_array(hs, want_hs, "hs", context=context, diagnose=diagnosis)
    expect_array(h_n, want_h, "h_n", context=context, diagnose=diagnosis)
    expect_array(c_n, want_c, "c_n", context=context, diagnose=diagnosis)


def test_returns_outputs_and_final_state(solution, signatures):
    """Returns (hs, (h_n, c_n)): hs of shape (T, N, H), h_n and c_n of shape (L, N, H)."""
    inputs = make_inputs(1, 5, 2, 3, 4, 3)
    context = describe(inputs)
    got = solution.stacked_lstm_forward(*inputs)

    def diagnosis():
        return signatures.diagnose(got, inputs)

    hs, h_n, c_n = expect_output_and_state(got, h="h_n", c="c_n", context=context)
    expect_array_like(hs, (5, 2, 4), "hs", context=context, diagnose=diagnosis)
    expect_array_like(h_n, (3, 2, 4), "h_n", context=context, diagnose=diagnosis)
    expect_array_like(c_n, (3, 2, 4), "c_n", context=context, diagnose=diagnosis)


@pytest.mark.parametrize("size", SIZES, ids=[size_id(s) for s in SIZES])
def test_matches_reference_with_dropout(solution, reference, signatures, size):
    """hs, h_n and c_n match the reference with dropout masks (p = 0.5) and non-zero h0, c0."""
    inputs = make_inputs(sum(k * 10**i for i, k in enumerate(size)), *size)
    check(solution, reference, signatures, inputs, describe(inputs, "p = 0.5, non-zero h0 and c0"))


def test_masks_of_ones(solution, reference, signatures):
    """With masks of ones (no dropout) the result is a plain stack of LSTM layers."""
    inputs = make_inputs(31, 4, 2, 3, 3, 3, masks="ones")
    check(solution, reference, signatures, inputs, describe(inputs, "masks of ones"))


def test_zero_masks(solution, reference, signatures):
    """With all-zero masks every layer above the first reads only zeros."""
    inputs = make_inputs(32, 4, 2, 3, 4, 3, masks="zeros")
    check(solution, reference, signatures, inputs, describe(inputs, "all-zero masks"))


def test_other_dropout_rate(solution, reference, signatures):
    """The masks are used as given, whatever p scaled them (p = 0.2: values 0 or 1.25)."""
    inputs = make_inputs(33, 5, 3, 4, 4, 3, p=0.2)
    check(solution, reference, signatures, inputs, describe(inputs, "p = 0.2"))


def test_zero_initial_state(solution, reference, signatures):
    """hs, h_n and c_n match the reference when h0 = c0 = 0."""
    inputs = make_inputs(34, 4, 3, 2, 3, 2, zero_state=True)
    check(solution, reference, signatures, inputs, describe(inputs, "h0 = c0 = 0"))


def test_matches_reference_on_drawn_sizes(solution, reference, signatures):
    """hs, h_n and c_n match over drawn sizes and scales (T = N = D = H = L = 1 and all-zero x, h0, c0 among them)."""

    def check_case(case):
        inputs = make_inputs(
            case.seed, case["T"], case["N"], case["D"], case["H"], case["L"],
            zero_state=case.zero, scale=case.scale, zero_x=case.zero,
        )  # fmt: skip
        check(solution, reference, signatures, inputs, text("drawn case: {case}", case=str(case)))

    check_cases(cases(**DRAWN), check_case, corners=corner_cases(**DRAWN), max_examples=20)


def test_results_kept_across_calls(solution):
    """A result stays as returned after the next call (the sandbox re-reads the earlier one)."""
    solution.stacked_lstm_forward(*make_inputs(41, 3, 2, 3, 2, 2))
    solution.stacked_lstm_forward(
        *make_inputs(42, 3, 2, 3, 2, 2)
    )  # fails if it overwrote the first


def test_inputs_unchanged(solution):
    """The inputs are left unchanged (x, h0, c0, every layer's parameters and every mask)."""
    inputs = make_inputs(5, 4, 3, 4, 4, 3)
    x, h0, c0, params, masks = copied(inputs)
    before = [x, h0, c0, *(a for layer in params for a in layer), *masks]
    names = [
        "x",
        "h0",
        "c0",
        *(
            text("params[{layer}]'s {name}", layer=layer, name=n)
            for layer in range(len(params))
            for n in PARAM_NAMES
        ),
        *(f"dropout_masks[{layer}]" for layer in range(len(masks))),
    ]
    x_a, h0_a, c0_a, params_a, masks_a = solution.call("stacked_lstm_forward", *inputs).args_after
    after = [x_a, h0_a, c0_a, *(a for layer in params_a for a in layer), *masks_a]
    changed = [
        name
        for name, old, new in zip(names, before, after, strict=True)
        if not (isinstance(new, np.ndarray) and new.shape == old.shape and np.array_equal(new, old))
    ]
    if changed:
        raise GradingFailure(
            text(
                "your function modified its input(s) {names} in place; the caller still "
                "needs them (the masks and states are reused by the backward pass). Compute new "
                "arrays, hs = hs * mask, instead of hs *= mask or h[:] = ...: when hs or h is the "
                "caller's array, those write into it.",
                names=Join(tuple(changed)),
            )
        )
