"""Diagnoses for ctc_greedy_decode: the outputs of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
``decode`` recomputes the decoding with one known bug: which axis the argmax
runs over (``axis``), which class is taken as blank (``blank_rule``), which
frames are read (``frames``), and how the path collapses (``collapse``). When
a solution's lists equal a mistake's (and the mistake differs from the correct
result on those inputs), the suite names it.
"""

import numpy as np

from lstm_quiz.grading.diagnose import matching, sentence, signature_candidates
from lstm_quiz.grading.messages import text


def _collapse(path, blank, rule, previous):
    """The tokens of one path under ``rule``, and the class the next sequence starts after."""
    tokens = []
    if rule == "blanks_first":  # blanks dropped, then repeats merged: "a _ a" -> "a"
        path = [k for k in path if k != blank]
    for k in path:
        if k != previous and (k != blank or rule == "keep_blanks"):
            tokens.append(k)
        previous = k
    if rule == "unique":  # every duplicate dropped, as list(dict.fromkeys(...)) or a set does
        tokens = list(dict.fromkeys(tokens))
    return tokens, previous


def decode(
    log_probs, lengths, blank=0,
    *, axis=2, blank_rule="given", frames="lengths", collapse="runs", reset=True,
):  # fmt: skip
    """The decoded lists as the correct code computes them, or with one mistake; None if it cannot run."""
    T, N, C = log_probs.shape
    best = np.argmax(log_probs, axis=axis)  # axis=1: (T, C), the argmax over the batch
    if axis == 1 and N > C:
        return None  # best[:, n] is out of range: the learner's code raised
    blank = {"given": blank, "zero": 0, "last": C - 1}[blank_rule]
    decoded = []
    previous = None
    for n in range(N):
        length = int(lengths[n])
        start, stop = {
            "lengths": (0, length),
            "all": (0, T),
            "skip_first": (1, length),
            "drop_last": (0, length - 1),
        }[frames]
        if reset:
            previous = None
        tokens, previous = _collapse(best[start:stop, n].tolist(), blank, collapse, previous)
        decoded.append(tokens)
    return decoded


BLANKS_FIRST = (
    "blanks dropped before repeats were merged (or the previous class not updated on blank "
    "frames), so two equal labels with a blank between them became one: the path a _ a decodes "
    "to a a; merge runs of equal frames first, then drop the blanks"
)

SIGNATURES = [
    (BLANKS_FIRST, {"collapse": "blanks_first"}),
    (
        "lengths ignored: the padding frames t >= lengths[n] were decoded too; sequence n's path "
        "is best[:lengths[n], n]",
        {"frames": "all"},
    ),
    (
        "the argmax taken over axis 1, the batch axis; log_probs is (T, N, C), so the best class "
        "of each frame is np.argmax(log_probs, axis=2)",
        {"axis": 1},
    ),
    (
        "the blank taken as the last class, C - 1; the blank is the `blank` argument (0 by "
        "default, as in torch.nn.CTCLoss)",
        {"blank_rule": "last"},
    ),
    (
        "the `blank` argument ignored (blank taken as 0); use the index it gives",
        {"blank_rule": "zero"},
    ),
    (
        "the first frame of every sequence dropped; the path is the frames t = 0 .. lengths[n]-1",
        {"frames": "skip_first"},
    ),
    (
        "the last frame of every sequence dropped (off by one: frames t < lengths[n] - 1); the "
        "path is the frames t = 0 .. lengths[n]-1",
        {"frames": "drop_last"},
    ),
    (
        "every duplicate label dropped (a set, or dict.fromkeys): only runs of equal frames are "
        "merged, so a label may come back later, as in a b a",
        {"collapse": "unique"},
    ),
    (
        "blanks not removed: repeats were merged but the blank labels kept in the output",
        {"collapse": "keep_blanks"},
    ),
    (
        "the previous class carried over from one sequence to the next, so a sequence that starts "
        "with the label the previous one ended with lost it; start every sequence afresh",
        {"reset": False},
    ),
]


def diagnose(got, inputs):
    """A sentence naming the mistake(s) whose output equals ``got`` (a list of N lists), or ''."""
    N = inputs[0].shape[1]
    if isinstance(got, np.ndarray):
        return text(
            "You returned one padded array of shape {shape}; the decoded sequences have "
            "different lengths, so return a plain list of N lists, each as long as its own "
            "decoding (possibly empty).",
            shape=got.shape,
        )
    if not isinstance(got, list | tuple) or len(got) != N:
        return ""
    got = [row.tolist() if isinstance(row, np.ndarray) else list(row) for row in got]
    want = decode(*inputs)
    candidates = signature_candidates(decode, tuple(inputs), SIGNATURES)
    return sentence("decoded lists equal", matching(got, want, candidates))
