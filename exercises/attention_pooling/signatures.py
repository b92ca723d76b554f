"""Diagnoses for attention_pooling: the outputs of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
``pool`` recomputes the pooling with one known bug; when a solution's
(context, weights) equal a mistake's (and the mistake differs from the
correct pooling on those inputs), the suite names it. Outputs of the wrong
shape are compared too, so "weights returned as (N, T)" is named even when
T != N. NaN from an unstable softmax gets its own diagnosis, by which
sequences went NaN: a softmax without the max subtracted overflows where a
real score passes ~709; one whose max includes the padding underflows to
0/0 where a padding score towers over every real one.
"""

import numpy as np

from lstm_quiz.grading.diagnose import sentence

RTOL, ATOL = 1e-4, 1e-5


def scores_of(hs, W, b, v, *, score="ok"):
    """(T, N) scores, correct or with one mistake; None when the mistake cannot run."""
    if score == "no_transpose":  # hs @ W: shape-valid only when A == H
        if W.shape[0] != W.shape[1]:
            return None
        return np.tanh(hs @ W + b) @ v
    pre = hs @ W.T + (0.0 if score == "no_b" else b)
    if score == "no_tanh":
        return pre @ v
    if score == "no_v":
        return np.tanh(pre).sum(axis=-1)
    return np.tanh(pre) @ v


def _softmax(scores, keep, axis):
    """Stable softmax of ``scores`` over ``axis`` (None: all entries), 0 where ``keep`` is False."""
    with np.errstate(invalid="ignore", divide="ignore"):
        masked = np.where(keep, scores, -np.inf)
        top = masked.max(axis=axis, keepdims=True)
        e = np.where(keep, np.exp(masked - top), 0.0)
        return e / e.sum(axis=axis, keepdims=True)


def pool(
    hs, mask, W, b, v,
    *, score="ok", mask_mode="where", axis=0, context_axis=0, transpose_weights=False,
):  # fmt: skip
    """(context, weights) as the correct code computes them, or with one mistake; None if it cannot run."""
    s = scores_of(hs, W, b, v, score=score)
    if s is None:
        return None
    everywhere = np.ones_like(mask, dtype=bool)
    if mask_mode == "where":
        weights = _softmax(s, mask, axis)
    elif mask_mode == "inverted":
        weights = _softmax(s, ~mask, axis)
    elif mask_mode == "none":
        weights = _softmax(s, everywhere, axis)
    elif mask_mode == "after":  # softmax over every step, then padding zeroed, not renormalised
        weights = _softmax(s, everywhere, axis) * mask
    elif (
        mask_mode == "additive"
    ):  # padding scores lowered by 1000: not enough when scores reach ±900
        weights = _softmax(s - 1000.0 * ~mask, everywhere, axis)
    elif mask_mode == "multiply":  # padding scores set to 0, which still has weight exp(0)
        weights = _softmax(s * mask, everywhere, axis)
    else:
        raise ValueError(mask_mode)
    if context_axis == 0:
        context = np.einsum("tn,tnh->nh", weights, hs)
    else:  # summed over the batch: (T, H)
        context = np.einsum("tn,tnh->th", weights, hs)
    return context, (weights.T if transpose_weights else weights)


SIGNATURES = [
    (
        "the softmax taken over the batch axis (axis=1); take it over time, axis 0, so that each sequence's weights sum to 1",
        {"axis": 1},
    ),
    (
        "the softmax normalised over all T×N scores at once (a sum without axis=); normalise each sequence over time, axis 0",
        {"axis": None},
    ),
    ("the mask not applied: the padding steps got attention weight", {"mask_mode": "none"}),
    (
        "the mask applied after the softmax without renormalising, so the real steps' weights sum to less than 1; mask the scores before the softmax, or renormalise",
        {"mask_mode": "after"},
    ),
    (
        "the scores multiplied by the mask: a padding score of 0 still gets weight exp(0); set padding scores to -inf (np.where(mask, scores, -np.inf)) before the softmax",
        {"mask_mode": "multiply"},
    ),
    (
        "an additive mask that the scores outweigh (such as scores - 1000 * ~mask where scores reach ±900); "
        "use np.where(mask, scores, -np.inf), or a constant far beyond the scores' range such as -1e4",
        {"mask_mode": "additive"},
    ),
    ("the mask inverted: True marks a real step, False marks padding", {"mask_mode": "inverted"}),
    ("no tanh in the scores; scores = v · tanh(W h + b)", {"score": "no_tanh"}),
    (
        "v left out (the tanh features summed over A); scores = v · tanh(W h + b)",
        {"score": "no_v"},
    ),
    ("b left out of the scores; scores = v · tanh(W h + b)", {"score": "no_b"}),
    (
        "W used without transposing (hs @ W instead of hs @ W.T); it only runs because A == H",
        {"score": "no_transpose"},
    ),
    (
        "the context summed over the batch axis; sum over time (axis 0) to get one (H,) vector per sequence: (N, H)",
        {"context_axis": 1},
    ),
    (
        "weights returned as (N, T); the contract is (T, N), time first like hs",
        {"transpose_weights": True},
    ),
]

NAIVE = (
    "a softmax computed as exp(scores) / sum(exp(scores)) without subtracting the max: "
    "np.exp overflows to inf beyond ≈709 and inf/inf is NaN; subtract the max over the real steps first"
)
MAX_OVER_PADDING = (
    "the max subtracted before exp taken over the padding too: a padding score far above every real one "
    "makes each real exp underflow to 0, and 0/0 is NaN; take the max over the real steps only "
    "(np.where(mask, scores, -np.inf).max(axis=0))"
)


def _close(a, b):
    return (
        isinstance(a, np.ndarray)
        and a.dtype.kind == "f"
        and a.shape == b.shape
        and bool(np.all(np.abs(a - b) <= ATOL + RTOL * np.abs(b)))
    )


def _close_nan(a, b):
    """Close, with NaN where ``b`` has NaN (a mistake that divides 0 by 0 somewhere)."""
    if not (isinstance(a, np.ndarray) and a.dtype.kind == "f" and a.shape == b.shape):
        return False
    a = a.astype(np.float64)
    if not np.array_equal(np.isfinite(a), np.isfinite(b)):
        return False
    fine = np.isfinite(b)
    return bool(np.all(np.abs(a[fine] - b[fine]) <= ATOL + RTOL * np.abs(b[fine])))


def _same(result, want):
    return all(
        isinstance(r, np.ndarray) and r.shape == w.shape and _close_nan(r, w)
        for r, w in zip(result, want, strict=True)
    )


def unstable_sequences(inputs):
    """For each unstable softmax, the ways it can come out: the sets of sequences n whose
    weights are NaN (0/0 or inf/inf). {description: [set of n, ...]}"""
    hs, mask, W, b, v = inputs
    s = scores_of(hs, W, b, v)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        e = np.exp(s)
        picked = np.where(mask, e, 0.0).sum(axis=0)  # np.where(mask, np.exp(s), 0)
        multiplied = (e * mask).sum(axis=0)  # np.exp(s) * mask: inf * 0 is NaN on padding too
        over_all = (np.exp(s - s.max(axis=0)) * mask).sum(axis=0)

    def bad(sums):
        return set(np.flatnonzero(~np.isfinite(sums) | (sums == 0)).tolist())

    return {NAIVE: [bad(picked), bad(multiplied)], MAX_OVER_PADDING: [bad(over_all)]}


def _sentence(matches):
    return sentence("(context, weights) equal", matches)


def diagnose(got, inputs):
    """A sentence naming the mistake(s) whose output equals ``got`` = (context, weights), or ''."""
    if not (isinstance(got, tuple | list) and len(got) == 2):
        return ""
    got_context, got_weights = got
    want_context, want_weights = pool(*inputs)
    if _close(got_context, want_weights) and _close(got_weights, want_context):
        return "Your outputs are swapped: you returned (weights, context); the contract is (context, weights)."
    mask = inputs[1]
    if (
        isinstance(got_weights, np.ndarray)
        and got_weights.shape == mask.shape
        and got_weights.dtype.kind == "f"
    ):
        broken = set(np.flatnonzero(~np.isfinite(got_weights).all(axis=0)).tolist())
        if broken:
            unstable = [name for name, ways in unstable_sequences(inputs).items() if broken in ways]
            if unstable:
                return _sentence(unstable)
    matches = []
    for description, options in SIGNATURES:
        result = pool(*inputs, **options)
        if result is None or _same(result, (want_context, want_weights)):
            continue  # cannot run, or makes no difference on these inputs
        if _same((got_context, got_weights), result):
            matches.append(description)
    return _sentence(matches)
