"""Diagnoses for masked_lstm_forward: the outputs of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
``forward`` recomputes the padded batch with one known bug: which steps count
as real (``valid``), which of h and c are held past a sequence's length
(``held``), what the padded outputs hold (``outputs``), where the final state
comes from (``final``), and whether hs stops at max(lengths) (``trim``). When
a solution's (hs, (h_last, c_last)) equal a mistake's (and the mistake differs
from the correct result on those inputs), the suite names it. Outputs of the
wrong shape are compared too: h_last picked as hs[lengths - 1] is (N, N, H).
"""

import numpy as np

from lstm_quiz.grading.diagnose import close, matching, sentence, signature_candidates
from lstm_quiz.grading.messages import text


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # exact and overflow-free


def cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    i, f, g, o = np.split(x @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
    c_new = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
    return _sigmoid(o) * np.tanh(c_new), c_new


def _valid(rule, t, lengths, T):
    """(N,) bool: the sequences that take step t as a real step under ``rule``."""
    if rule == "lengths":
        return t < lengths
    if rule == "plus1":  # lengths[n] taken as the index of the last real step
        return t <= lengths
    if rule == "minus1":
        return t < lengths - 1
    if rule == "inverted":  # the padding mask used as the mask of real steps
        return t >= lengths
    if rule == "sorted":  # packed-batch style: the first count(lengths > t) sequences run
        return np.arange(len(lengths)) < np.count_nonzero(lengths > t)
    if rule == "left":  # real steps assumed at the end (left padding)
        return t >= T - lengths
    raise ValueError(rule)


def forward(
    x, lengths, h0, c0, W_ih, W_hh, b_ih, b_hh,
    *, valid="lengths", held="hc", outputs="zero", final="state", trim=False,
):  # fmt: skip
    """(hs, (h_last, c_last)) as the correct code computes them, or with one mistake; None if it cannot run."""
    params = (W_ih, W_hh, b_ih, b_hh)
    T = x.shape[0]
    lengths = np.asarray(lengths)
    h, c = h0, c0
    free_h, free_c = h0, c0  # the same LSTM with no mask at all
    hs, free_hs, free_cs = [], [], []
    for t in range(T):
        h_new, c_new = cell(x[t], h, c, *params)
        ok = _valid(valid, t, lengths, T)[:, None]
        h = np.where(ok, h_new, h) if "h" in held else h_new
        c = np.where(ok, c_new, c) if "c" in held else c_new
        if outputs == "zero":
            hs.append(np.where(ok, h_new, 0.0))
        elif outputs == "carried":
            hs.append(h)
        elif outputs == "raw":
            hs.append(h_new)
        else:
            raise ValueError(outputs)
        free_h, free_c = cell(x[t], free_h, free_c, *params)
        free_hs.append(free_h)
        free_cs.append(free_c)
    hs = np.stack(hs)
    if trim:
        hs = hs[: int(lengths.max())]
    rows = np.arange(len(lengths))
    if final == "state":
        last = (h, c)
    elif final == "hs_last":  # h_last read from the zeroed outputs
        last = (hs[-1], c)
    elif final == "at_lengths":  # the unmasked run's state at step lengths[n]
        if (lengths >= T).any():
            return None  # index out of range: the learner's code raised
        last = (np.stack(free_hs)[lengths, rows], np.stack(free_cs)[lengths, rows])
    elif final == "rows_only":  # hs[lengths - 1] without np.arange(N): (N, N, H)
        last = (np.stack(free_hs)[lengths - 1], np.stack(free_cs)[lengths - 1])
    else:
        raise ValueError(final)
    return hs, last


SIGNATURES = [
    (
        "lengths ignored: a plain LSTM over the padding too (padded outputs not 0, and the final "
        "state taken after step T-1 instead of step lengths[n]-1)",
        {"held": "", "outputs": "raw"},
    ),
    (
        "the state updated on the padded steps, so h_last and c_last are the state after step T-1 "
        "for every sequence; past its length a sequence keeps its state: h = np.where(valid, h_new, h), "
        "and the same for c",
        {"held": ""},
    ),
    (
        "padded outputs not zeroed: past its length, hs holds the carried (last real) state; "
        "hs[t, n] is 0 for t >= lengths[n]",
        {"outputs": "carried"},
    ),
    (
        "padded outputs not zeroed: past its length, hs holds what the LSTM step computed there; "
        "hs[t, n] is 0 for t >= lengths[n]",
        {"outputs": "raw"},
    ),
    (
        "the mask applied to c but not to h: h kept changing on the padded steps; hold both h and c",
        {"held": "c"},
    ),
    (
        "the mask applied to h but not to c: c kept changing on the padded steps; hold both h and c",
        {"held": "h"},
    ),
    (
        "lengths[n] taken as the index of the last real step (steps t <= lengths[n] kept): one "
        "step too many; lengths[n] counts the steps, which are t = 0 .. lengths[n]-1",
        {"valid": "plus1"},
    ),
    (
        "one step too few (steps t < lengths[n]-1 kept); a sequence of length L has the real "
        "steps t = 0 .. L-1",
        {"valid": "minus1"},
    ),
    (
        "h_last and c_last taken at step lengths[n], one step past the end: lengths[n] counts the "
        "steps, so the last real one is lengths[n]-1 (and step lengths[n] = T does not exist)",
        {"final": "at_lengths"},
    ),
    (
        "h_last picked as hs[lengths - 1] (or hs[lengths - 1, :]): indexing the time axis alone "
        "takes N whole steps, (N, N, H); pick one row per sequence with "
        "hs[lengths - 1, np.arange(N)]",
        {"final": "rows_only"},
    ),
    (
        "h_last read from hs[-1], which is 0 for every sequence shorter than T; the final state is "
        "the state after step lengths[n]-1",
        {"final": "hs_last"},
    ),
    (
        "the mask inverted: the state was updated on the padded steps and held on the real ones "
        "(t >= lengths[n] used as the mask of real steps); real steps are t < lengths[n]",
        {"valid": "inverted"},
    ),
    (
        "lengths assumed sorted in decreasing order (as pack_padded_sequence does by default): at "
        "step t the first count(lengths > t) sequences were run, not those with lengths[n] > t; "
        "mask each sequence by its own length",
        {"valid": "sorted"},
    ),
    (
        "the real steps assumed to be the last lengths[n] steps (left padding); here the padding "
        "comes after: the real steps are t < lengths[n]",
        {"valid": "left"},
    ),
    (
        "hs cut to max(lengths) steps (as pad_packed_sequence does without total_length); hs keeps "
        "all T steps, zeros past each length",
        {"trim": True},
    ),
]


def shape_note(got, want, lengths):
    """A sentence on what a wrong shape suggests, or ''."""
    hs, (h_last, c_last) = got
    want_hs, (want_h, _) = want
    T, N, H = want_hs.shape
    longest = int(np.max(lengths))
    if isinstance(hs, np.ndarray) and hs.shape != want_hs.shape:
        if hs.shape == tuple(n for n in want_hs.shape if n != 1):
            return (
                "np.squeeze dropped the axes of length 1 from hs; hs keeps its shape (T, N, H) "
                "in every case."
            )
        if hs.shape == (longest, N, H):
            return text(
                "hs has max(lengths) = {longest} steps; it keeps all T = {T} steps, zeros "
                "past each length (pad_packed_sequence needs total_length=T for that).",
                longest=longest,
                T=T,
            )
        if hs.shape == (N, T, H):
            return "hs is batch-first, (N, T, H); the contract is time-major, (T, N, H), like x."
    for value, name in ((h_last, "h_last"), (c_last, "c_last")):
        if isinstance(value, np.ndarray) and value.shape != want_h.shape:
            if value.shape == (N, N, H):
                return text(
                    "{name} has shape (N, N, H): indexing the time axis alone with lengths - 1 "
                    "takes N whole steps; pick one row per sequence with "
                    "hs[lengths - 1, np.arange(N)].",
                    name=name,
                )
            if value.shape == (1, N, H):
                return text(
                    "{name} is shaped like torch.nn.LSTM's h_n, (num_layers, N, H); the "
                    "contract asks for (N, H).",
                    name=name,
                )
    return ""


def diagnose(got, inputs):
    """A sentence naming the mistake(s) whose output equals ``got`` = (hs, (h_last, c_last)), or ''."""
    if not (
        isinstance(got, tuple | list)
        and len(got) == 2
        and isinstance(got[1], tuple | list)
        and len(got[1]) == 2
    ):
        return ""
    got = (got[0], tuple(got[1]))
    want = forward(*inputs)
    _, (h_last, c_last) = got
    if close(h_last, want[1][1]) and close(c_last, want[1][0]) and not close(h_last, c_last):
        return (
            "Your final state is swapped: you returned (hs, (c_last, h_last)); "
            "the contract is (hs, (h_last, c_last)), h first as in torch.nn.LSTM."
        )
    candidates = signature_candidates(forward, inputs, SIGNATURES)
    found = sentence("(hs, (h_last, c_last)) equal", matching(got, want, candidates))
    return found or shape_note(got, want, inputs[1])
