"""Diagnoses for bilstm_forward: the outputs of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
``forward`` recomputes the bidirectional layer with one known bug: how the
backward direction's input is reversed (``reverse``) and whether its outputs
are reversed back (``realign``), which parameters and initial state it gets,
whether it reads the forward direction's outputs (``stacked``), and how the
two halves are put together (``combine``). When a solution's hs equals a
mistake's (and the mistake differs from the correct result on those inputs),
the suite names it. Outputs of the wrong shape are compared too: a sum of
the directions is (T, N, H), a concatenation along time (2T, N, H).
"""

import numpy as np

from lstm_quiz.grading.diagnose import matching, sentence, signature_candidates


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # exact and overflow-free


def run(x, params, state=None):
    """hs (T, N, H) and the final (h, c) of one direction over x in the order given."""
    W_ih, W_hh, b_ih, b_hh = params
    N, H = x.shape[1], W_hh.shape[1]
    h, c = state if state is not None else (np.zeros((N, H)), np.zeros((N, H)))
    hs = []
    for xt in x:
        i, f, g, o = np.split(xt @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        h = _sigmoid(o) * np.tanh(c)
        hs.append(h)
    return np.stack(hs), (h, c)


_FLIPS = {
    "time": lambda a: a[::-1],
    "batch": lambda a: a[:, ::-1],
    "all": np.flip,  # np.flip(a) without axis= flips every axis
    "none": lambda a: a,
}


def forward(
    x, params_fwd, params_bwd,
    *, reverse="time", realign=True, backward_params="bwd", backward_state="zeros",
    stacked=False, combine="concat", halves="fb",
):  # fmt: skip
    """hs as the correct code computes it, or with one mistake; None if it cannot run."""
    flip = _FLIPS[reverse]
    fwd, final = run(x, params_fwd)
    source = fwd if stacked else x  # stacked: the backward direction reads the forward outputs
    params = params_fwd if backward_params == "fwd" else params_bwd
    if source.shape[2] != params[0].shape[1]:
        return None  # W_ih does not fit: the learner's code raised
    state = final if backward_state == "forward_final" else None
    bwd, _ = run(flip(source), params, state)
    if realign:
        bwd = flip(bwd)
    first, second = (fwd, bwd) if halves == "fb" else (bwd, fwd)
    if combine == "concat":
        return np.concatenate([first, second], axis=2)
    if combine == "concat_time":
        return np.concatenate([first, second], axis=0)
    if combine == "concat_batch":
        return np.concatenate([first, second], axis=1)
    if combine == "stack":
        return np.stack([first, second], axis=2)
    if combine == "sum":
        return fwd + bwd
    if combine == "forward_only":
        return fwd
    raise ValueError(combine)


SIGNATURES = [
    (
        "the backward outputs not reversed back in time: the backward LSTM ran over x[::-1], so "
        "its output i belongs to step T-1-i; reverse its outputs again before concatenating",
        {"realign": False},
    ),
    (
        "the halves concatenated in the wrong order: the forward direction comes first, "
        "hs[..., :H], then the backward one, hs[..., H:]",
        {"halves": "bf"},
    ),
    (
        "the backward direction run with the forward parameters; each direction has its own "
        "(W_ih, W_hh, b_ih, b_hh): use params_bwd for the backward one",
        {"backward_params": "fwd"},
    ),
    (
        "the backward direction never ran backward in time: x was not reversed, or it was "
        "reversed along the batch axis (x[:, ::-1]) and back, which changes nothing since the "
        "sequences are independent; reverse the time axis, x[::-1]",
        {"reverse": "none"},
    ),
    (
        "x reversed along the batch axis (x[:, ::-1]) instead of time (x[::-1]): the backward "
        "direction ran forward in time, over the sequences in reverse order",
        {"reverse": "batch", "realign": False},
    ),
    (
        "np.flip without axis=: it flips every axis of x (batch and features too) and of the "
        "outputs; flip the time axis only, np.flip(x, axis=0) or x[::-1]",
        {"reverse": "all"},
    ),
    (
        "the backward direction started from the forward direction's final state; both "
        "directions start from zeros",
        {"backward_state": "forward_final"},
    ),
    (
        "the backward direction run on the forward direction's outputs (two stacked layers); "
        "both directions read x, side by side",
        {"stacked": True},
    ),
    (
        "the two directions summed; a bidirectional LSTM concatenates them along the last "
        "axis: (T, N, 2H)",
        {"combine": "sum"},
    ),
    (
        "the directions concatenated along time (axis 0, np.concatenate's default): (2T, N, H); "
        "concatenate along the last axis, axis=2",
        {"combine": "concat_time"},
    ),
    (
        "the directions concatenated along the batch axis (axis 1): (T, 2N, H); concatenate "
        "along the last axis, axis=2",
        {"combine": "concat_batch"},
    ),
    (
        "the directions stacked on a new axis (np.stack): (T, N, 2, H); concatenate them along "
        "the last axis instead, np.concatenate([h_fwd, h_bwd], axis=2)",
        {"combine": "stack"},
    ),
    (
        "only the forward direction returned; hs holds both directions, (T, N, 2H)",
        {"combine": "forward_only"},
    ),
]


def shape_note(got, want):
    """A sentence on what a wrong shape suggests, or ''."""
    if not isinstance(got, np.ndarray) or got.shape == want.shape:
        return ""
    T, N, H2 = want.shape
    H = H2 // 2
    notes = {
        (
            T,
            N,
            H,
        ): "hs has H features, not 2H: a bidirectional LSTM concatenates the two directions.",
        (2 * T, N, H): "hs is (2T, N, H): concatenate along the last axis, axis=2.",
        (T, 2 * N, H): "hs is (T, 2N, H): concatenate along the last axis, axis=2.",
        (
            T,
            N,
            2,
            H,
        ): "hs is (T, N, 2, H): np.stack adds an axis; np.concatenate(..., axis=2) does not.",
        (
            N,
            T,
            H2,
        ): "hs is batch-first, (N, T, 2H); the contract is time-major, (T, N, 2H), like x.",
    }
    if got.shape in notes:
        return notes[got.shape]
    if got.shape == tuple(n for n in want.shape if n != 1):
        return (
            "np.squeeze dropped the axes of length 1; hs keeps its shape (T, N, 2H) in every case."
        )
    return ""


def diagnose(got, inputs):
    """A sentence naming the mistake(s) whose output equals ``got`` = hs, or ''."""
    want = forward(*inputs)
    candidates = signature_candidates(forward, inputs, SIGNATURES)
    return sentence("hs equals", matching(got, want, candidates)) or shape_note(got, want)
