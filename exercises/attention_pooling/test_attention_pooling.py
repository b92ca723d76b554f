"""Hidden suite for attention_pooling. Runs in the trusted process; `solution` calls the learner's code.

The contract:

    def attention_pooling(hs, mask, W, b, v):
        '''hs: (T, N, H) LSTM outputs, time-major; mask: (T, N) bool, True where a step is real
        (False = padding; every sequence has at least one real step).
        W: (A, H), b: (A,), v: (A,)
        scores[t, n] = v · tanh(W hs[t, n] + b)              (T, N)
        weights = softmax of scores over t, masked positions get weight exactly 0
        context[n] = sum_t weights[t, n] * hs[t, n]            (N, H)
        returns (context, weights) with shapes (N, H) and (T, N)'''

"Exactly 0" is checked to the suite's tolerance (|w| <= 1e-5 on padding): an
additive mask of -1e4 passes every probe here (scores stay within ±900),
-1000 fails the large-score probe.
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import (
    ATOL,
    GradingFailure,
    expect_array,
    expect_array_like,
    expect_inputs_unchanged,
    expect_tuple,
)
from lstm_quiz.grading.messages import Join, as_text, text
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

NAMES = ["hs", "mask", "W", "b", "v"]

# (T, N, H, A, lengths): N = 1 catches a squeezed batch, H = 1 a broadcasting
# slip, T == N a transposed (N, T) weights array or a context summed over the
# batch, A == H a W used without .T. Every probe has padding; the others
# also mix in full-length sequences, and three have a sequence of length 1.
SIZES = [
    (5, 3, 4, 6, (5, 2, 1)),
    (4, 1, 3, 2, (3,)),
    (6, 4, 1, 3, (6, 4, 1, 5)),
    (3, 3, 5, 5, (3, 1, 2)),
    (7, 2, 3, 8, (4, 7)),
]


def size_id(size):
    T, N, H, A, _ = size
    return f"T={T},N={N},H={H},A={A}"


def make_mask(T, lengths, left=()):
    """(T, N) bool: sequence n's real steps first, or last when n is in ``left`` (left padding)."""
    mask = np.zeros((T, len(lengths)), dtype=bool)
    for n, length in enumerate(lengths):
        if n in left:
            mask[T - length :, n] = True
        else:
            mask[:length, n] = True
    return mask


def make_inputs(seed, T, N, H, A, lengths, left=()):
    rng = np.random.default_rng(seed)
    hs = rng.normal(size=(T, N, H))
    W = rng.normal(size=(A, H)) / np.sqrt(H)
    b = 0.5 * rng.normal(size=A)
    v = 1.5 * rng.normal(size=A)
    return hs, make_mask(T, lengths, left), W, b, v


def describe(inputs, extra=""):
    hs, mask, W = inputs[0], inputs[1], inputs[2]
    T, N, H = hs.shape
    lengths = [int(k) for k in mask.sum(axis=0)]
    sizes = text(
        "T={T}, N={N}, H={H}, A={A}, real steps per sequence {lengths}",
        T=T,
        N=N,
        H=H,
        A=W.shape[0],
        lengths=lengths,
    )
    return text("{sizes}, {extra}", sizes=sizes, extra=as_text(extra)) if extra else sizes


def dominant_padding_inputs():
    """Padding steps whose scores are the largest of all: unmasked, they take nearly all the weight."""
    hs, mask, W, b, v = make_inputs(21, 6, 3, 5, 3, (2, 6, 4))
    # Solve W h + b = 4 sign(v) so that tanh(W h + b) ≈ sign(v): score ≈ 0.999 * sum|v|, the most any step can get.
    target = np.linalg.lstsq(W, 4.0 * np.sign(v) - b, rcond=None)[0]
    hs[~mask] = target
    return hs, mask, W, b, v


def large_score_inputs():
    """Scores up to |900|, where np.exp overflows (beyond ≈709) or underflows (below ≈-745).

    tanh saturates in the first three features, so the scores sit at sums of
    ±450, ±350, ±100 plus a small spread from the fourth (v_3 = 1.5).
    Sequence 0: real scores ≈ 900, 900, 700 (a softmax without the max overflows).
    Sequence 1, left-padded: padding score ≈ +900, real ≈ -700, -700, -900 (a max
    taken over the padding too underflows every real exp; an additive mask of
    -1000 leaves the padding on top; -1e4 is enough). Sequence 2: full length, ≈ 0.
    Sequence 3: real ≈ -200, -200, padding ≈ +200 and -900: unmasked, the +200
    wins; masked by multiplying, both padding steps score 0 and share the
    weight; an additive -1000 is enough here, which tells the three apart.
    """
    rng = np.random.default_rng(900)
    signs = np.array(
        [
            [[1, 1, 1], [1, 1, 1], [-1, 1, 1], [-1, 1, -1]],
            [[1, 1, 1], [-1, -1, 1], [1, -1, -1], [-1, 1, -1]],
            [[1, 1, -1], [-1, -1, 1], [-1, 1, 1], [1, -1, 1]],
            [[-1, -1, -1], [-1, -1, -1], [1, -1, -1], [-1, -1, -1]],
        ],
        dtype=float,
    )  # (T=4, N=4, 3)
    hs = signs + 0.1 * rng.normal(size=signs.shape)
    W = np.vstack([40.0 * np.eye(3) + 0.1 * rng.normal(size=(3, 3)), 0.8 * rng.normal(size=(1, 3))])
    b = 0.1 * rng.normal(size=4)
    v = np.array([450.0, 350.0, 100.0, 1.5])
    mask = make_mask(4, (3, 3, 4, 2), left=(1,))
    return hs, mask, W, b, v


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def expect_no_padding_weight(weights, mask, context, diagnosis, hint=""):
    w = np.abs(weights.astype(np.float64))
    broken = ~np.isfinite(w)
    if broken.any() and not (broken & mask).any():  # NaN or inf on padding only
        t, n = (int(i) for i in np.argwhere(broken)[0])
        raise GradingFailure(
            text(
                "weights[{t}, {n}] = {value} at a padding step (mask[{t}, {n}] is False); "
                "padding must get weight 0 ({context}): a NaN or inf weight spoils whatever it "
                "multiplies, in the context or in the backward pass. Give padding an exact 0, e.g. "
                "np.where(mask, np.exp(masked - m), 0.0).",
                t=t,
                n=n,
                value=float(weights[t, n]),
                context=as_text(context),
            ),
            diagnosis(),
        )
    leak = np.where(~mask & ~broken, w, 0.0)
    if leak.max() > ATOL:
        t, n = (int(i) for i in np.unravel_index(int(np.argmax(leak)), leak.shape))
        message = text(
            "weights[{t}, {n}] = {value:.6g} at a padding step (mask[{t}, {n}] is False); "
            "padding must get weight 0 ({context}). Leave the padding out of the softmax: "
            "np.where(mask, scores, -np.inf) before it.",
            t=t,
            n=n,
            value=float(weights[t, n]),
            context=as_text(context),
        )
        if hint:
            message = text("{message} {hint}", message=message, hint=as_text(hint))
        raise GradingFailure(message, diagnosis())


def expect_finite(value, name, context, diagnosis):
    bad = ~np.isfinite(value)
    if bad.any():
        first = [int(i) for i in np.argwhere(bad)[0]]
        kinds = Join(
            tuple(
                k
                for k, where in (("NaN", np.isnan(value)), ("inf", np.isinf(value)))
                if where.any()
            ),
            sep=(" and ", " 和 "),
        )
        raise GradingFailure(
            text(
                "{name} contains {kinds} in {bad} of {size} entries (first at {first}), where the "
                "reference is finite ({context}). A softmax gives NaN as inf/inf (np.exp overflows "
                "beyond ≈709: subtract the max over the real steps before np.exp) or as 0/0 (every "
                "exp of a sequence underflowed or was masked: take that max over the real steps "
                "only, not over the padding).",
                name=name,
                kinds=kinds,
                bad=int(bad.sum()),
                size=value.size,
                first=first,
                context=as_text(context),
            ),
            diagnosis(),
        )


def check(solution, reference, signatures, inputs, context, hint=""):
    want_context, want_weights = reference.attention_pooling(*[a.copy() for a in inputs])
    got = solution.attention_pooling(*inputs)

    def diagnosis():
        return signatures.diagnose(got, inputs)

    got_context, weights = expect_tuple(got, ["context", "weights"])
    expect_array_like(weights, want_weights.shape, "weights", context=context, diagnose=diagnosis)
    expect_array_like(
        got_context, want_context.shape, "context", context=context, diagnose=diagnosis
    )
    expect_no_padding_weight(weights, inputs[1], context, diagnosis, hint)
    expect_finite(weights, "weights", context, diagnosis)
    expect_finite(got_context, "context", context, diagnosis)
    expect_array(weights, want_weights, "weights", context=context, diagnose=diagnosis)
    expect_array(got_context, want_context, "context", context=context, diagnose=diagnosis)


def test_returns_context_and_weights(solution):
    """Returns a tuple (context, weights) of NumPy arrays shaped (N, H) and (T, N)."""
    inputs = make_inputs(1, 5, 3, 4, 6, (5, 2, 4))
    context, weights = expect_tuple(solution.attention_pooling(*inputs), ["context", "weights"])
    expect_array_like(context, (3, 4), "context", context=describe(inputs))
    expect_array_like(weights, (5, 3), "weights", context=describe(inputs))


@pytest.mark.parametrize("size", SIZES, ids=[size_id(s) for s in SIZES])
def test_matches_reference(solution, reference, signatures, size):
    """context and weights match the reference for a padded batch."""
    T, N, H, A, lengths = size
    inputs = make_inputs(T * 100 + N * 10 + H + A, T, N, H, A, lengths)
    check(solution, reference, signatures, inputs, describe(inputs))


def test_weights_sum_to_one(solution, signatures):
    """Each sequence's weights over its real steps sum to 1."""
    inputs = make_inputs(7, 6, 4, 3, 5, (6, 3, 1, 5))
    mask = inputs[1]
    context = describe(inputs)
    got = solution.attention_pooling(*inputs)

    def diagnosis():
        return signatures.diagnose(got, inputs)

    _, weights = expect_tuple(got, ["context", "weights"])
    expect_array_like(weights, mask.shape, "weights", context=context, diagnose=diagnosis)
    sums = np.where(mask, weights.astype(np.float64), 0.0).sum(axis=0)
    wrong = ~np.isclose(sums, 1.0, rtol=1e-4, atol=1e-5)  # NaN sums are wrong too
    if wrong.any():
        n = int(np.flatnonzero(wrong)[0])
        raise GradingFailure(
            text(
                "the weights of sequence {n} sum to {total:.6g} over its real steps, not 1 "
                "({context}); a softmax over time (axis 0) of the real steps sums to 1 for every "
                "sequence",
                n=n,
                total=float(sums[n]),
                context=as_text(context),
            ),
            diagnosis(),
        )


def test_padding_gets_zero_weight(solution, reference, signatures):
    """Padding steps get weight 0, even when their scores are the largest in the batch."""
    inputs = dominant_padding_inputs()
    check(
        solution,
        reference,
        signatures,
        inputs,
        describe(inputs, "padding scores larger than any real step's"),
    )


def test_left_padding(solution, reference, signatures):
    """The mask decides, wherever the padding is: here some sequences are padded at the start."""
    inputs = make_inputs(33, 5, 4, 3, 4, (5, 3, 2, 1), left=(1, 3))
    check(
        solution,
        reference,
        signatures,
        inputs,
        describe(inputs, "sequences 1 and 3 padded at the start"),
    )


def test_large_scores(solution, reference, signatures):
    """No NaN or inf when scores reach |900| (np.exp overflows beyond ≈709)."""
    inputs = large_score_inputs()
    check(
        solution,
        reference,
        signatures,
        inputs,
        describe(inputs, "sequence 1 padded at the start, scores up to |900|"),
        hint="An additive mask must outweigh the scores, which reach ±900 here: -1e4 does, -1000 does not.",
    )


# Drawn sizes: T = 1 (one real step, weight 1), N = 1, H = 1, A == H, all-zero hs (every
# score equal: uniform weights over the real steps); lengths in 1..T, some padded at the start.
DRAWN = {"T": (1, 6), "N": (1, 4), "H": (1, 4), "A": (1, 5)}


def test_matches_reference_on_drawn_sizes(solution, reference, signatures):
    """context and weights match the reference over drawn sizes, masks and scales (T = 1, N = 1, H = 1, all-zero hs among them)."""

    def check_case(case):
        T, N = case["T"], case["N"]
        rng = np.random.default_rng(case.seed)
        lengths = tuple(int(k) for k in rng.integers(1, T + 1, size=N))
        left = tuple(n for n in range(N) if rng.random() < 0.3)
        hs, mask, W, b, v = make_inputs(case.seed, T, N, case["H"], case["A"], lengths, left)
        hs = np.zeros_like(hs) if case.zero else case.scale * hs
        inputs = (hs, mask, W, b, v)
        check(
            solution,
            reference,
            signatures,
            inputs,
            describe(inputs, text("drawn case: {case}", case=str(case))),
        )

    check_cases(cases(**DRAWN), check_case, corners=corner_cases(**DRAWN), max_examples=20)


def test_inputs_unchanged(solution):
    """The inputs are left unchanged."""
    expect_inputs_unchanged(
        solution,
        "attention_pooling",
        make_inputs(5, 4, 3, 4, 4, (4, 2, 3)),
        NAMES,
        "the caller still needs them (the LSTM outputs feed the backward pass and other layers): "
        "build new arrays, e.g. np.where(mask[:, :, None], hs, 0.0), instead of assigning with "
        "hs[...] = or *=",
    )
