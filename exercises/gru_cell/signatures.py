"""Diagnoses for gru_cell: the outputs of classic mistakes, to name the one a solution made."""

from itertools import permutations

import numpy as np

from lstm_quiz.grading.diagnose import matching, sentence, signature_candidates
from lstm_quiz.grading.messages import text


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def step(
    x, h_prev, W_ih, W_hh, b_ih, b_hh,
    *, order="rzn", reset="after", update="pytorch", candidate=np.tanh,
    use_b_ih=True, use_b_hh=True, transpose=True, one_block=False,
):  # fmt: skip
    H = h_prev.shape[1]
    if not transpose and x.shape[1] != H:
        return None

    def matmul(a, W, k):
        block = W[k * H : (k + 1) * H]
        return a @ (block.T if transpose else block)

    def blocks(a, W, b, use_b):
        ks = [0, 0, 0] if one_block else [0, 1, 2]
        parts = [matmul(a, W, k) + (b[k * H : (k + 1) * H] if use_b else 0.0) for k in ks]
        return dict(zip(order, parts, strict=True))

    gi = blocks(x, W_ih, b_ih, use_b_ih)
    gh = blocks(h_prev, W_hh, b_hh, use_b_hh)
    r = _sigmoid(gi["r"] + gh["r"])
    z = _sigmoid(gi["z"] + gh["z"])
    if reset == "after":
        n = candidate(gi["n"] + r * gh["n"])
    elif reset == "before":  # Cho et al. (2014): W (r * h)
        k = order.index("n")
        hidden = matmul(r * h_prev, W_hh, 0 if one_block else k) + (
            b_hh[k * H : (k + 1) * H] if use_b_hh else 0.0
        )
        n = candidate(gi["n"] + hidden)
    else:  # "bias outside": r * (h W^T) + b_hn
        k = order.index("n")
        n = candidate(
            gi["n"] + r * matmul(h_prev, W_hh, k) + (b_hh[k * H : (k + 1) * H] if use_b_hh else 0.0)
        )
    if update == "pytorch":
        return (1.0 - z) * n + z * h_prev
    return z * n + (1.0 - z) * h_prev


def _signatures():
    for order in ("".join(p) for p in permutations("rzn")):
        if order != "rzn":
            yield (
                text("gates ordered {order}; PyTorch orders them r,z,n", order=",".join(order)),
                {"order": order},
            )
    yield (
        "the reset gate applied before the matrix product, W_hn (r * h) (Cho et al. 2014's GRU); "
        "PyTorch computes r * (W_hn h + b_hn)",
        {"reset": "before"},
    )
    yield (
        "b_hn added outside the reset gate (r * (h W_hn^T) + b_hn); PyTorch resets it too",
        {"reset": "bias_outside"},
    )
    yield (
        "the update gate weighting the candidate (h = z*n + (1-z)*h_prev); PyTorch: h = (1-z)*n + z*h_prev",
        {"update": "swapped"},
    )
    yield "a sigmoid on the candidate n; it takes tanh", {"candidate": _sigmoid}
    yield "b_ih left out; PyTorch adds both bias vectors", {"use_b_ih": False}
    yield "b_hh left out; PyTorch adds both bias vectors", {"use_b_hh": False}
    yield (
        "weights used without transposing (x @ W instead of x @ W.T); it only runs because D == H",
        {"transpose": False},
    )
    yield (
        "one weight block used for every gate; each gate has its own rows of W_ih and W_hh",
        {"one_block": True},
    )


SIGNATURES = list(_signatures())


def diagnose(got, inputs):
    """A sentence naming the mistake(s) whose output equals ``got``, or ''."""
    candidates = signature_candidates(step, inputs, SIGNATURES)
    return sentence("h equals", matching(got, step(*inputs), candidates))
