"""Hidden suite for cnn_lstm_forward. Runs in the trusted process; `solution` calls the learner's code.

The contract:

    def cnn_lstm_forward(x, conv_W, conv_b, stride, W_ih, W_hh, b_ih, b_hh, W_out, b_out):
        '''x: (N, C_in, L); conv_W: (C_out, C_in, K); conv_b: (C_out,); stride: int; no padding
        Conv1d (cross-correlation) -> ReLU -> LSTM over L_out = (L - K) // stride + 1 steps
        (features C_out, zero initial state) -> logits = h_last @ W_out.T + b_out, (N, O)'''

Probes: K > 1 with an asymmetric kernel (a flipped kernel), stride > 1 with
(L - K) % stride != 0 (the stride ignored, the length off by one), L_out > 1
(first or mean instead of last step), L_out == C_out (where the channels
stepped through as time still runs, so it can be named), O == H (where W_out
without .T still runs), L == K (one step), N = 1, H = 1, C_out == H and
C_out != H, distinct random biases, and x = 0 (the output then comes from
the biases alone: a dropped bias or a missing ReLU shows); then drawn sizes
and scales (hypothesis, derandomised: every size at 1 (K = 1, L_out = 1) and
x = 0 among them), and two results kept at once (a reused buffer shows).
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import GradingFailure, expect_array, expect_array_like
from lstm_quiz.grading.messages import Join, text, verbatim
from lstm_quiz.grading.probes import cell_params
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

NAMES = ["x", "conv_W", "conv_b", "stride", "W_ih", "W_hh", "b_ih", "b_hh", "W_out", "b_out"]

# (N, C_in, L, C_out, K, stride, H, O); L_out = (L - K) // stride + 1 in the comments.
SIZES = [
    (2, 3, 12, 4, 3, 2, 5, 3),  # L_out 5, (L - K) % stride = 1
    (1, 2, 9, 3, 3, 1, 4, 2),  # N = 1, stride 1, L_out 7
    (3, 2, 10, 4, 4, 3, 1, 2),  # H = 1, L_out 3
    (2, 3, 11, 3, 2, 3, 4, 4),  # O == H, L_out 4
    (2, 2, 13, 4, 4, 3, 3, 2),  # L_out == C_out == 4
    (2, 3, 10, 4, 3, 1, 4, 3),  # C_out == H, L_out 8
    (2, 3, 4, 5, 4, 2, 3, 2),  # L == K: L_out 1
]


def size_id(size):
    return "N={},C_in={},L={},C_out={},K={},stride={},H={},O={}".format(*size)


# Drawn sizes; L = K + stride * (L_out - 1) + a remainder below the stride.
DRAWN = {
    "N": (1, 3), "C_in": (1, 3), "L_out": (1, 5), "C_out": (1, 4),
    "K": (1, 4), "stride": (1, 3), "H": (1, 4), "O": (1, 3),
}  # fmt: skip


def make_inputs(seed, N, C_in, L, C_out, K, stride, H, O, *, zero_x=False, scale=1.0):  # noqa: E741
    """``scale`` multiplies x; ``zero_x`` makes it all zero."""
    rng = np.random.default_rng(seed)
    x = np.zeros((N, C_in, L)) if zero_x else scale * rng.normal(size=(N, C_in, L))
    conv_W = rng.normal(size=(C_out, C_in, K)) / np.sqrt(C_in * K)
    conv_b = 0.5 * rng.normal(size=C_out)
    lstm = cell_params(rng, C_out, H, 4)
    W_out = rng.normal(size=(O, H)) / np.sqrt(H)
    b_out = 0.5 * rng.normal(size=O)
    return (x, conv_W, conv_b, stride, *lstm, W_out, b_out)


def describe(inputs, extra=""):
    x, conv_W, _, stride = inputs[:4]
    N, C_in, L = x.shape
    C_out, _, K = conv_W.shape
    H, O = inputs[5].shape[1], inputs[8].shape[0]  # noqa: E741
    L_out = (L - K) // stride + 1
    sizes = verbatim(
        f"N={N}, C_in={C_in}, L={L}, C_out={C_out}, K={K}, stride={stride} (L_out={L_out}), "
        f"H={H}, O={O}"
    )
    return text("{sizes}, {extra}", sizes=sizes, extra=text(extra)) if extra else sizes


def copied(inputs):
    return tuple(a.copy() if isinstance(a, np.ndarray) else a for a in inputs)


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def check(solution, reference, signatures, inputs, context):
    want = reference.cnn_lstm_forward(*copied(inputs))
    got = solution.cnn_lstm_forward(*inputs)
    expect_array(
        got, want, "logits", context=context, diagnose=lambda: signatures.diagnose(got, inputs)
    )


def test_returns_logits(solution, signatures):
    """Returns the logits, one NumPy array of shape (N, O)."""
    inputs = make_inputs(1, *SIZES[0])
    got = solution.cnn_lstm_forward(*inputs)
    expect_array_like(
        got,
        (2, 3),
        "logits",
        context=describe(inputs),
        diagnose=lambda: signatures.diagnose(got, inputs),
    )


@pytest.mark.parametrize("size", SIZES, ids=[size_id(s) for s in SIZES])
def test_matches_reference(solution, reference, signatures, size):
    """The logits match the reference (Conv1d, ReLU, LSTM from a zero state, Linear on the last h)."""
    inputs = make_inputs(sum(k * 7**i for i, k in enumerate(size)), *size)
    check(solution, reference, signatures, inputs, describe(inputs))


def test_zero_input(solution, reference, signatures):
    """With x = 0 the logits come from the biases alone: ReLU(conv_b) at every step."""
    inputs = make_inputs(77, 2, 3, 9, 4, 3, 2, 3, 2, zero_x=True)
    check(solution, reference, signatures, inputs, describe(inputs, "x = 0"))


def test_matches_reference_on_drawn_sizes(solution, reference, signatures):
    """The logits match over drawn sizes and scales (every size at 1, K = 1, L_out = 1 and x = 0 among them)."""

    def check_case(case):
        K, stride = case["K"], case["stride"]
        L = K + stride * (case["L_out"] - 1) + case.seed % stride
        size = (case["N"], case["C_in"], L, case["C_out"], K, stride, case["H"], case["O"])
        inputs = make_inputs(case.seed, *size, zero_x=case.zero, scale=case.scale)
        check(
            solution,
            reference,
            signatures,
            inputs,
            text("drawn case: {case}", case=describe(inputs)),
        )

    check_cases(cases(**DRAWN), check_case, corners=corner_cases(**DRAWN), max_examples=20)


def test_results_kept_across_calls(solution):
    """A result stays as returned after the next call (the sandbox re-reads the earlier one)."""
    solution.cnn_lstm_forward(*make_inputs(51, *SIZES[0]))
    solution.cnn_lstm_forward(*make_inputs(52, *SIZES[0]))  # fails if it overwrote the first


def test_inputs_unchanged(solution):
    """The inputs are left unchanged."""
    inputs = make_inputs(5, 2, 3, 12, 4, 3, 2, 5, 3)
    before = copied(inputs)
    after = solution.call("cnn_lstm_forward", *inputs).args_after
    changed = [
        name
        for name, old, new in zip(NAMES, before, after, strict=True)
        if isinstance(old, np.ndarray)
        and not (
            isinstance(new, np.ndarray) and new.shape == old.shape and np.array_equal(new, old)
        )
    ]
    if changed:
        raise GradingFailure(
            text(
                "your function modified its input(s) {names} in place; the caller still "
                "needs them. Compute new arrays (features = np.maximum(conv, 0)) instead of "
                "writing into views of the inputs (np.maximum(v, 0, out=v), +=, [...] =).",
                names=Join(tuple(changed)),
            )
        )
