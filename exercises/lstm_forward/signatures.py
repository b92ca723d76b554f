"""Diagnoses for lstm_forward: the outputs of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
``forward`` recomputes the sequence with one known bug. When a solution's
(hs, (h_T, c_T)) equal a mistake's (and the mistake differs from the correct
result on those inputs), the suite names it. Outputs of the wrong shape are
compared too (hs with h0 included has T + 1 steps), and a wrong shape that no
mistake explains still gets a note on what the shape suggests.
"""

from itertools import permutations

import numpy as np

from lstm_quiz.grading.diagnose import close, matching, sentence, signature_candidates
from lstm_quiz.grading.messages import text


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # exact and overflow-free


def cell(x, h, c, W_ih, W_hh, b_ih, b_hh, order="ifgo"):
    z = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    named = dict(zip(order, np.split(z, 4, axis=1), strict=True))
    c_new = _sigmoid(named["f"]) * c + _sigmoid(named["i"]) * np.tanh(named["g"])
    return _sigmoid(named["o"]) * np.tanh(c_new), c_new


def forward(
    x, h0, c0, W_ih, W_hh, b_ih, b_hh,
    *, order="ifgo", carry="both", init="given", hs_from="h", hs_mode="each", batch_first=False,
):  # fmt: skip
    """(hs, (h_T, c_T)) as the correct code computes them, or with one mistake; None if it cannot run."""
    params = (W_ih, W_hh, b_ih, b_hh)
    if init == "zeros":
        h0, c0 = np.zeros_like(h0), np.zeros_like(c0)
    # x read as (N, T, D): x[:, t], T rows, taken as the batch at step t; NumPy broadcasts
    # it against h0's N rows when T == N, T == 1 or N == 1, and raises otherwise
    steps = [x[:, t] for t in range(x.shape[1])] if batch_first else list(x)
    h, c = h0, c0
    states, cells, before = [], [], []
    for xt in steps:
        before.append(h)
        try:
            h, c = cell(
                xt,
                h if carry in ("both", "h") else h0,
                c if carry in ("both", "c") else c0,
                *params,
                order=order,
            )
        except ValueError:  # shapes that cannot broadcast: the learner's code raised too
            return None
        states.append(h)
        cells.append(c)
    source = states if hs_from == "h" else cells
    if hs_mode == "each":
        outputs = source
    elif hs_mode == "last":
        outputs = [source[-1]] * len(source)
    elif hs_mode == "with_h0":
        outputs = [h0, *source]
    elif hs_mode == "shifted":
        outputs = before
    else:
        raise ValueError(hs_mode)
    hs = np.stack(outputs, axis=1 if batch_first else 0)
    return hs, (h, c)


ORDER_NAMES = {
    "ifog": "gates ordered i,f,o,g (the CS231n order); PyTorch orders them i,f,g,o",
    "igfo": "gates ordered i,g,f,o (TensorFlow 1's BasicLSTMCell: i, j, f, o); PyTorch orders them i,f,g,o",
    "figo": "gates ordered f,i,g,o (i and f swapped); PyTorch orders them i,f,g,o",
}

STALE = (
    "the state not carried from step to step: every step started again from h0 and c0; "
    "feed each step the h and c that the previous step returned"
)


def _signatures():
    yield STALE, {"carry": "none"}
    yield (
        "only h carried from step to step: every step started from c0; carry c as well",
        {"carry": "h"},
    )
    yield (
        "only c carried from step to step: every step started from h0; carry h as well",
        {"carry": "c"},
    )
    yield (
        "h0 and c0 ignored (the sequence started from zeros); start from the given h0 and c0",
        {"init": "zeros"},
    )
    yield "hs built from the cell states c; hs holds the hidden states h", {"hs_from": "c"}
    yield (
        "every step of hs holds the last h: one array was appended at every step and updated "
        "in place (h[:] = ...), so every entry shows its final value; store each step's values "
        "(hs[t] = h into a preallocated array, or hs.append(h) with h rebound by h, c = lstm_cell(...))",
        {"hs_mode": "last"},
    )
    yield (
        "hs includes the initial state h0 as its first step (T + 1 steps); hs holds the T states "
        "after each step, hs[t] = h after step t",
        {"hs_mode": "with_h0"},
    )
    yield (
        "hs shifted by one step: hs[t] holds the state before step t (h0 first, the last step "
        "missing); store h after the step that computes it",
        {"hs_mode": "shifted"},
    )
    yield (
        "x read as batch-first (N, T, D): x[:, t] taken as step t; x is time-major, (T, N, D), "
        "so step t is x[t]",
        {"batch_first": True},
    )
    for order in ("".join(p) for p in permutations("ifgo")):
        if order != "ifgo":
            yield (
                ORDER_NAMES.get(order)
                or text(
                    "gates ordered {order}; PyTorch orders them i,f,g,o", order=",".join(order)
                ),
                {"order": order},
            )


SIGNATURES = list(_signatures())


def _squeezed(shape):
    return tuple(n for n in shape if n != 1)


def shape_note(got, want):
    """A sentence on what a wrong shape suggests, or ''."""
    hs, (h_T, c_T) = got
    want_hs, (want_h, _) = want
    T, N, H = want_hs.shape
    if isinstance(hs, np.ndarray) and hs.shape != want_hs.shape:
        if hs.shape == _squeezed(want_hs.shape):
            return (
                "np.squeeze dropped the axes of length 1 from hs (T, N or H is 1 here); "
                "hs keeps its shape (T, N, H) in every case."
            )
        if hs.shape == (N, T, H):
            return "hs is batch-first, (N, T, H); the contract is time-major, (T, N, H), like x."
        if hs.shape == (T + 1, N, H):
            return text(
                "hs has T + 1 = {steps} steps: did it include the initial state h0? hs holds "
                "the T states after each step.",
                steps=T + 1,
            )
        if hs.shape == (T - 1, N, H):
            return text(
                "hs has T - 1 = {steps} steps: a step is missing, the first or the last.",
                steps=T - 1,
            )
    for value, name in ((h_T, "h_T"), (c_T, "c_T")):
        if isinstance(value, np.ndarray) and value.shape != want_h.shape:
            if value.shape == (1, N, H):
                return text(
                    "{name} is shaped like torch.nn.LSTM's h_n, (num_layers, N, H); "
                    "the contract asks for (N, H).",
                    name=name,
                )
            if value.shape == _squeezed(want_h.shape):
                return text(
                    "np.squeeze dropped the axes of length 1 from {name}; it keeps its shape "
                    "(N, H) even when N or H is 1.",
                    name=name,
                )
            if value.shape == (T, N, H):
                return text(
                    "{name} has the shape of hs, (T, N, H); the final state is one step: (N, H).",
                    name=name,
                )
    return ""


def diagnose(got, inputs):
    """A sentence naming the mistake(s) whose output equals ``got`` = (hs, (h_T, c_T)), or ''."""
    if not (
        isinstance(got, tuple | list)
        and len(got) == 2
        and isinstance(got[1], tuple | list)
        and len(got[1]) == 2
    ):
        return ""
    got = (got[0], tuple(got[1]))
    want = forward(*inputs)
    _, (h_T, c_T) = got
    if close(h_T, want[1][1]) and close(c_T, want[1][0]) and not close(h_T, c_T):
        return (
            "Your final state is swapped: you returned (hs, (c_T, h_T)); "
            "the contract is (hs, (h_T, c_T)), h first as in torch.nn.LSTM."
        )
    candidates = signature_candidates(forward, inputs, SIGNATURES)
    found = sentence("(hs, (h_T, c_T)) equal", matching(got, want, candidates))
    return found or shape_note(got, want)
