"""Hidden suite for bilstm_forward. Runs in the trusted process; `solution` calls the learner's code.

The contract:

    def bilstm_forward(x, params_fwd, params_bwd):
        '''x: (T, N, D); params_*: tuples (W_ih (4H, D), W_hh (4H, H), b_ih (4H,), b_hh (4H,));
        zero initial states; returns hs: (T, N, 2H), forward half first,
        as torch.nn.LSTM(bidirectional=True)'''

Probes: T > 1 (an unreversed or un-realigned backward direction), N > 1 (x
reversed along the batch axis), D == H (where the backward direction run on
the forward outputs still runs, so it can be named), D != H, T == 1, N == 1,
H == 1, distinct parameters per direction, and pre-activations beyond
|z| = 710 at one step.
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import (
    GradingFailure,
    describe_type,
    expect_array,
    expect_array_like,
    expect_inputs_unchanged,
)
from lstm_quiz.grading.messages import as_text, text, verbatim
from lstm_quiz.grading.probes import cell_params
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

NAMES = ["x", "W_ih", "W_hh", "b_ih", "b_hh"]

# (T, N, D, H): D == H lets a stacked (not parallel) backward direction run; N = 1 hides a
# batch-axis reversal (so it is not the only probe), T = 1 hides every time reversal.
SIZES = [(5, 2, 3, 4), (4, 1, 3, 2), (3, 3, 4, 4), (6, 4, 2, 1), (1, 3, 2, 3), (4, 3, 5, 5)]


def size_id(size):
    return "T={},N={},D={},H={}".format(*size)


def make_inputs(seed, T, N, D, H, *, scale=1.0, zero_input=False):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(T, N, D))
    x = np.zeros_like(x) if zero_input else scale * x
    return x, cell_params(rng, D, H, 4), cell_params(rng, D, H, 4)


# Drawn sizes: T = 1, N = 1, H = 1, D == H, all-zero x (the biases alone then set hs).
DRAWN = {"T": (1, 6), "N": (1, 4), "D": (1, 5), "H": (1, 4)}


def overflow_inputs():
    """Pre-activations beyond |z| = 710 at step 1 of sequence 0, in both directions; moderate elsewhere.

    Small (D, H <= 3) so that a correct float32 solution loses nothing to cancellation.
    """
    rng = np.random.default_rng(713)
    T, N, D, H = 3, 2, 3, 2
    x = 0.5 * rng.normal(size=(T, N, D))
    x[1, 0, 0] = 800.0

    def params():
        W_ih = rng.normal(scale=0.1, size=(4 * H, D))
        W_ih[:, 0] = rng.choice([-1.5, -1.0, 1.0, 1.5], size=4 * H)  # |z| >= 790 at x = 800
        W_hh = rng.normal(scale=0.3, size=(4 * H, H))
        return W_ih, W_hh, rng.normal(scale=0.1, size=4 * H), rng.normal(scale=0.1, size=4 * H)

    return x, params(), params()


def describe(inputs, extra=""):
    x, params_fwd = inputs[0], inputs[1]
    T, N, D = x.shape
    sizes = verbatim(f"T={T}, N={N}, D={D}, H={params_fwd[1].shape[1]}")
    return text("{sizes}, {extra}", sizes=sizes, extra=as_text(extra)) if extra else sizes


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def expect_hs(got, shape, context, diagnosis):
    """One float array of exactly ``shape``; a tuple gets its own message."""
    if isinstance(got, tuple | list):
        T, N, H2 = shape
        halves = len(got) == 2 and all(
            isinstance(a, np.ndarray) and a.shape == (T, N, H2 // 2) for a in got
        )
        if halves:
            raise GradingFailure(
                text(
                    "you returned the two directions separately; return one array hs of shape "
                    "(T, N, 2H) = {shape}: np.concatenate([h_fwd, h_bwd], axis=2) ({context})",
                    shape=shape,
                    context=as_text(context),
                )
            )
        raise GradingFailure(
            text(
                "expected one NumPy array hs of shape (T, N, 2H) = {shape}, got {got} of {n} "
                "items; return hs only (no final state) ({context})",
                shape=shape,
                got=describe_type(got),
                n=len(got),
                context=as_text(context),
            )
        )
    try:
        return expect_array_like(got, shape, "hs", context=context)
    except GradingFailure as failure:
        raise GradingFailure(failure.text, diagnosis()) from None


def check(solution, reference, signatures, inputs, context):
    x, params_fwd, params_bwd = inputs
    want = reference.bilstm_forward(
        x.copy(), tuple(a.copy() for a in params_fwd), tuple(a.copy() for a in params_bwd)
    )
    got = solution.bilstm_forward(*inputs)
    cache = []

    def diagnosis():
        if not cache:
            cache.append(signatures.diagnose(got, inputs))
        return cache[0]

    expect_hs(got, want.shape, context, diagnosis)
    H = want.shape[2] // 2
    for half, name in (
        (slice(None, H), text("hs[..., :H] (the forward half)")),
        (slice(H, None), text("hs[..., H:] (the backward half)")),
    ):
        expect_array(got[..., half], want[..., half], name, context=context, diagnose=diagnosis)


def test_returns_hs(solution, signatures):
    """Returns hs, one NumPy array of shape (T, N, 2H)."""
    inputs = make_inputs(1, 5, 2, 3, 4)
    got = solution.bilstm_forward(*inputs)
    expect_hs(got, (5, 2, 8), describe(inputs), lambda: signatures.diagnose(got, inputs))


@pytest.mark.parametrize("size", SIZES, ids=[size_id(s) for s in SIZES])
def test_matches_reference(solution, reference, signatures, size):
    """Both halves of hs match the reference (forward half first), with distinct parameters per direction."""
    T, N, D, H = size
    inputs = make_inputs(T * 1000 + N * 100 + D * 10 + H, *size)
    check(solution, reference, signatures, inputs, describe(inputs))


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
    """Both halves of hs match the reference over drawn sizes and scales (T = 1, N = 1, H = 1, D == H, all-zero x among them)."""

    def check_case(case):
        inputs = make_inputs(
            case.seed, case["T"], case["N"], case["D"], case["H"], scale=case.scale,
            zero_input=case.zero,
        )  # fmt: skip
        check(solution, reference, signatures, inputs, text("drawn case: {case}", case=str(case)))

    check_cases(cases(**DRAWN), check_case, corners=corner_cases(**DRAWN), max_examples=15)


def test_inputs_unchanged(solution):
    """The inputs are left unchanged (x and both parameter tuples)."""
    expect_inputs_unchanged(
        solution,
        "bilstm_forward",
        make_inputs(5, 4, 3, 4, 4),
        ["x", "params_fwd", "params_bwd"],
        "the caller still needs them. Reverse with a view, x[::-1] or np.flip(x, axis=0), which "
        "leaves x as it is, instead of writing back into it (x[:] = ..., x.sort(), +=).",
    )
