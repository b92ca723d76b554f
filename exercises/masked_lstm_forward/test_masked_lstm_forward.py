"""Hidden suite for masked_lstm_forward. Runs in the trusted process; `solution` calls the learner's code.

The contract:

    def masked_lstm_forward(x, lengths, h0, c0, W_ih, W_hh, b_ih, b_hh):
        '''x: (T, N, D) padded, time-major; lengths: (N,) ints, 1 <= lengths[n] <= T
        Past a sequence's length its state is carried unchanged and its outputs are 0.
        returns (hs, (h_last, c_last)): hs (T, N, H); h_last[n], c_last[n] are the state
        after step lengths[n]-1, as pack_padded_sequence + nn.LSTM give.'''

Probes: unsorted lengths (a packed-style loop that assumes them sorted),
a sequence of length 1 and a full-length one in most batches, batches where
no sequence is full length (hs cut to max(lengths); a final state taken at
step lengths[n], which only runs there), N = 1, H = 1, T = 1, D == H, and
random values in the padding (they must not matter). Non-zero h0 and c0.
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import (
    GradingFailure,
    expect_array,
    expect_array_like,
    expect_inputs_unchanged,
    expect_output_and_state,
)
from lstm_quiz.grading.messages import as_text, text, verbatim
from lstm_quiz.grading.probes import sequence_inputs
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

NAMES = ["x", "lengths", "h0", "c0", "W_ih", "W_hh", "b_ih", "b_hh"]

# (T, N, D, H, lengths): unsorted lengths with a 1 and a T in the first; N = 1, H = 1,
# T = 1 catch a squeeze; D == H; the second and last have no full-length sequence.
SIZES = [
    (5, 4, 3, 4, (3, 5, 1, 4)),
    (4, 1, 3, 2, (2,)),
    (6, 3, 5, 5, (2, 6, 1)),
    (3, 4, 2, 1, (1, 3, 2, 3)),
    (1, 3, 4, 2, (1, 1, 1)),
    (6, 3, 4, 3, (4, 2, 5)),
]


def size_id(size):
    T, N, D, H, lengths = size
    return f"T={T},N={N},D={D},H={H},lengths={'-'.join(map(str, lengths))}"


def make_inputs(seed, T, N, D, H, lengths, *, zero_state=False, scale=1.0, zero_input=False):
    # The padding holds random values too: they must not matter.
    x, *rest = sequence_inputs(
        seed, T, N, D, H, zero_state=zero_state, scale=scale, zero_input=zero_input
    )
    return (x, np.array(lengths, dtype=np.int64), *rest)


# Drawn sizes: T = 1, N = 1, H = 1, D == H, all-zero x and state; lengths drawn in 1..T.
DRAWN = {"T": (1, 6), "N": (1, 4), "D": (1, 5), "H": (1, 4)}


def overflow_inputs():
    """Pre-activations beyond |z| = 710 at a real step (every gate saturates), moderate elsewhere.

    Small (D, H <= 3) so that a correct float32 solution loses nothing to cancellation.
    """
    rng = np.random.default_rng(712)
    T, N, D, H = 4, 3, 3, 2
    x = 0.5 * rng.normal(size=(T, N, D))
    x[1, 0, 0] = 800.0  # sequence 0 has length 3: step 1 is real
    W_ih = rng.normal(scale=0.1, size=(4 * H, D))
    W_ih[:, 0] = rng.choice([-1.5, -1.0, 1.0, 1.5], size=4 * H)  # |z| >= 790 at x = 800
    W_hh = rng.normal(scale=0.3, size=(4 * H, H))
    h0 = rng.normal(scale=0.5, size=(N, H))
    c0 = rng.normal(size=(N, H))
    b_ih = rng.normal(scale=0.1, size=4 * H)
    b_hh = rng.normal(scale=0.1, size=4 * H)
    return x, np.array([3, 4, 1]), h0, c0, W_ih, W_hh, b_ih, b_hh


def describe(inputs, extra=""):
    x, lengths, h0 = inputs[0], inputs[1], inputs[2]
    T, N, D = x.shape
    sizes = verbatim(f"T={T}, N={N}, D={D}, H={h0.shape[1]}, lengths={[int(k) for k in lengths]}")
    return text("{sizes}, {extra}", sizes=sizes, extra=as_text(extra)) if extra else sizes


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def expect_zero_padding(hs, lengths, context, diagnosis):
    """hs[t, n] is 0 for every t >= lengths[n]: said on its own, before the values."""
    T = hs.shape[0]
    padding = np.arange(T)[:, None] >= lengths[None, :]  # (T, N)
    leak = np.where(padding[:, :, None], np.abs(hs.astype(np.float64)), 0.0)
    leak = np.nan_to_num(leak, nan=np.inf)
    if leak.max() > 1e-5:
        t, n, k = (int(i) for i in np.unravel_index(int(np.argmax(leak)), leak.shape))
        raise GradingFailure(
            text(
                "hs[{t}, {n}, {k}] = {value:.6g} at a padded step (lengths[{n}] = {length}, so "
                "steps t >= {length} are padding); the outputs past a sequence's length must be 0 "
                "({context})",
                t=t,
                n=n,
                k=k,
                value=float(hs[t, n, k]),
                length=int(lengths[n]),
                context=as_text(context),
            ),
            diagnosis(),
        )


def check(solution, reference, signatures, inputs, context):
    want_hs, (want_h, want_c) = reference.masked_lstm_forward(*[a.copy() for a in inputs])
    got = solution.masked_lstm_forward(*inputs)
    cache = []

    def diagnosis():
        if not cache:
            cache.append(signatures.diagnose(got, inputs))
        return cache[0]

    hs, h_last, c_last = expect_output_and_state(got, h="h_last", c="c_last", context=context)
    expect_array_like(hs, want_hs.shape, "hs", context=context, diagnose=diagnosis)
    expect_array_like(h_last, want_h.shape, "h_last", context=context, diagnose=diagnosis)
    expect_array_like(c_last, want_c.shape, "c_last", context=context, diagnose=diagnosis)
    expect_zero_padding(hs, inputs[1], context, diagnosis)
    expect_array(hs, want_hs, "hs", context=context, diagnose=diagnosis)
    expect_array(h_last, want_h, "h_last", context=context, diagnose=diagnosis)
    expect_array(c_last, want_c, "c_last", context=context, diagnose=diagnosis)


def test_returns_outputs_and_final_state(solution, signatures):
    """Returns (hs, (h_last, c_last)): hs of shape (T, N, H), h_last and c_last of shape (N, H)."""
    inputs = make_inputs(1, 5, 3, 3, 4, (5, 2, 4))
    context = describe(inputs)
    got = solution.masked_lstm_forward(*inputs)

    def diagnosis():
        return signatures.diagnose(got, inputs)

    hs, h_last, c_last = expect_output_and_state(got, h="h_last", c="c_last", context=context)
    expect_array_like(hs, (5, 3, 4), "hs", context=context, diagnose=diagnosis)
    expect_array_like(h_last, (3, 4), "h_last", context=context, diagnose=diagnosis)
    expect_array_like(c_last, (3, 4), "c_last", context=context, diagnose=diagnosis)


@pytest.mark.parametrize("size", SIZES, ids=[size_id(s) for s in SIZES])
def test_matches_reference(solution, reference, signatures, size):
    """hs (zeros past each length) and the state after step lengths[n]-1 match the reference."""
    T, N, D, H, lengths = size
    inputs = make_inputs(T * 1000 + N * 100 + D * 10 + H, T, N, D, H, lengths)
    check(solution, reference, signatures, inputs, describe(inputs, "non-zero h0 and c0"))


def test_every_sequence_full_length(solution, reference, signatures):
    """With every length equal to T, the result is the plain LSTM's."""
    inputs = make_inputs(31, 4, 3, 3, 2, (4, 4, 4))
    check(solution, reference, signatures, inputs, describe(inputs, "no padding"))


def test_zero_initial_state(solution, reference, signatures):
    """The result matches the reference when h0 = c0 = 0."""
    inputs = make_inputs(12, 5, 4, 2, 3, (2, 5, 3, 1), zero_state=True)
    check(solution, reference, signatures, inputs, describe(inputs, "h0 = c0 = 0"))


def test_large_preactivations(solution, reference, signatures):
    """No NaN or inf when pre-activations pass |z| > 710 at a real step (np.exp overflows there)."""
    inputs = overflow_inputs()
    check(
        solution,
        reference,
        signatures,
        inputs,
        describe(inputs, "pre-activations up to |z| ≈ 1200 at step 1 of sequence 0"),
    )


def test_matches_reference_on_drawn_sizes(solution, reference, signatures):
    """The outputs and the final state match the reference over drawn sizes, lengths and scales (T = 1, N = 1, H = 1, D == H, all-zero inputs among them)."""

    def check_case(case):
        T, N = case["T"], case["N"]
        lengths = np.random.default_rng(case.seed).integers(1, T + 1, size=N)
        inputs = make_inputs(
            case.seed, T, N, case["D"], case["H"], lengths, zero_state=case.zero,
            scale=case.scale, zero_input=case.zero,
        )  # fmt: skip
        check(
            solution,
            reference,
            signatures,
            inputs,
            describe(inputs, text("drawn case: {case}", case=str(case))),
        )

    check_cases(cases(**DRAWN), check_case, corners=corner_cases(**DRAWN), max_examples=20)


def test_inputs_unchanged(solution):
    """The inputs are left unchanged (x's padding, lengths, h0 and c0 included)."""
    expect_inputs_unchanged(
        solution,
        "masked_lstm_forward",
        make_inputs(5, 4, 3, 4, 4, (2, 4, 1)),
        NAMES,
        "the caller still needs them (the same padded batch feeds the backward pass, h0 and c0 "
        "start the next batch). Build new arrays (np.where(valid, h_new, h), hs[t] = ...) instead "
        "of writing into the inputs with [...] =, *= or +=.",
    )
