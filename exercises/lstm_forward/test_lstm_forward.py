"""Hidden suite for lstm_forward. Runs in the trusted process; `solution` calls the learner's code.

The contract:

    def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
        '''x: (T, N, D) time-major; h0, c0: (N, H); weights as torch.nn.LSTMCell
        returns (hs, (h_T, c_T)) with hs: (T, N, H), h_T and c_T: (N, H)'''

Probes: non-zero h0 and c0 (a zero state hides a state that is not carried,
or ignored), T > 1 (a state reused every step), T == N (where x read as
batch-first still runs, so it can be named), T == 1, N == 1 and H == 1 (a
squeeze), D == H and D != H, and pre-activations beyond |z| = 710 at one step.
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import (
    expect_array,
    expect_array_like,
    expect_inputs_unchanged,
    expect_output_and_state,
)
from lstm_quiz.grading.messages import text, verbatim
from lstm_quiz.grading.probes import sequence_inputs, sequence_size_id, sizes_of
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

NAMES = ["x", "h0", "c0", "W_ih", "W_hh", "b_ih", "b_hh"]

# (T, N, D, H): N = 1, H = 1 and T = 1 catch a squeeze; T == N lets x read as
# batch-first run (and be named); D == H is where a missing .T still runs.
SIZES = [(5, 2, 3, 4), (4, 1, 3, 4), (3, 3, 5, 5), (6, 4, 2, 1), (1, 3, 4, 2), (7, 2, 4, 3)]


size_id = sequence_size_id
make_inputs = sequence_inputs
# Drawn sizes: T = 1, N = 1, H = 1 (a squeeze), D == H, T == N, all-zero x and state.
DRAWN = {"T": (1, 6), "N": (1, 4), "D": (1, 5), "H": (1, 4)}


def overflow_inputs():
    """Pre-activations beyond |z| = 710 at step 1 of sequence 0 (every gate saturates), moderate elsewhere.

    Small (D, H <= 3) so that a correct float32 solution loses nothing to cancellation.
    """
    rng = np.random.default_rng(711)
    T, N, D, H = 3, 2, 3, 2
    x = 0.5 * rng.normal(size=(T, N, D))
    x[1, 0, 0] = 800.0
    W_ih = rng.normal(scale=0.1, size=(4 * H, D))
    W_ih[:, 0] = rng.choice([-1.5, -1.0, 1.0, 1.5], size=4 * H)  # |z| >= 790 at x = 800
    W_hh = rng.normal(scale=0.3, size=(4 * H, H))
    h0 = rng.normal(scale=0.5, size=(N, H))
    c0 = rng.normal(size=(N, H))
    b_ih = rng.normal(scale=0.1, size=4 * H)
    b_hh = rng.normal(scale=0.1, size=4 * H)
    return x, h0, c0, W_ih, W_hh, b_ih, b_hh


def describe(inputs, extra=""):
    sizes = verbatim(f"T={inputs[0].shape[0]}, {sizes_of(inputs)}")
    return text("{sizes}, {extra}", sizes=sizes, extra=text(extra)) if extra else sizes


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def check(solution, reference, signatures, inputs, context):
    want_hs, (want_h, want_c) = reference.lstm_forward(*[a.copy() for a in inputs])
    got = solution.lstm_forward(*inputs)
    cache = []

    def diagnosis():
        if not cache:
            cache.append(signatures.diagnose(got, inputs))
        return cache[0]

    hs, h_T, c_T = expect_output_and_state(got, context=context)
    expect_array_like(hs, want_hs.shape, "hs", context=context, diagnose=diagnosis)
    expect_array_like(h_T, want_h.shape, "h_T", context=context, diagnose=diagnosis)
    expect_array_like(c_T, want_c.shape, "c_T", context=context, diagnose=diagnosis)
    expect_array(hs, want_hs, "hs", context=context, diagnose=diagnosis)
    expect_array(h_T, want_h, "h_T", context=context, diagnose=diagnosis)
    expect_array(c_T, want_c, "c_T", context=context, diagnose=diagnosis)


def test_returns_outputs_and_final_state(solution, signatures):
    """Returns (hs, (h_T, c_T)): hs of shape (T, N, H), h_T and c_T of shape (N, H)."""
    inputs = make_inputs(1, 5, 2, 3, 4)
    context = describe(inputs)
    got = solution.lstm_forward(*inputs)

    def diagnosis():
        return signatures.diagnose(got, inputs)

    hs, h_T, c_T = expect_output_and_state(got, context=context)
    expect_array_like(hs, (5, 2, 4), "hs", context=context, diagnose=diagnosis)
    expect_array_like(h_T, (2, 4), "h_T", context=context, diagnose=diagnosis)
    expect_array_like(c_T, (2, 4), "c_T", context=context, diagnose=diagnosis)


@pytest.mark.parametrize("size", SIZES, ids=[size_id(s) for s in SIZES])
def test_matches_reference(solution, reference, signatures, size):
    """hs, h_T and c_T match the reference for a non-zero initial state."""
    T, N, D, H = size
    inputs = make_inputs(T * 1000 + N * 100 + D * 10 + H, *size)
    check(solution, reference, signatures, inputs, describe(inputs, "non-zero h0 and c0"))


def test_zero_initial_state(solution, reference, signatures):
    """hs, h_T and c_T match the reference when h0 = c0 = 0."""
    inputs = make_inputs(12, 4, 3, 2, 3, zero_state=True)
    check(solution, reference, signatures, inputs, describe(inputs, "h0 = c0 = 0"))


def test_large_preactivations(solution, reference, signatures):
    """No NaN or inf when pre-activations pass |z| > 710 at one step (np.exp overflows there)."""
    inputs = overflow_inputs()
    check(
        solution,
        reference,
        signatures,
        inputs,
        describe(inputs, "pre-activations up to |z| ≈ 1200 at step 1"),
    )


def test_matches_reference_on_drawn_sizes(solution, reference, signatures):
    """hs, h_T and c_T match the reference over drawn sizes and scales (T = 1, N = 1, H = 1, D == H, all-zero inputs among them)."""

    def check_case(case):
        inputs = make_inputs(
            case.seed, case["T"], case["N"], case["D"], case["H"], zero_state=case.zero,
            scale=case.scale, zero_input=case.zero,
        )  # fmt: skip
        check(solution, reference, signatures, inputs, text("drawn case: {case}", case=str(case)))

    check_cases(cases(**DRAWN), check_case, corners=corner_cases(**DRAWN), max_examples=20)


def test_inputs_unchanged(solution):
    """The inputs are left unchanged (h0 and c0 included)."""
    expect_inputs_unchanged(
        solution,
        "lstm_forward",
        make_inputs(5, 4, 3, 4, 4),
        NAMES,
        "the caller still needs them (h0 and c0 start the next batch or the backward pass). "
        "Rebind the state to new arrays, h, c = lstm_cell(x[t], h, c, ...), instead of writing "
        "into it with h[...] =, h[:] =, *= or +=: when h starts as h0, those write into the "
        "caller's h0.",
    )
