"""Diagnoses for lstm_cell: the outputs of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
Each signature recomputes one LSTM step with one known bug. When a
solution's (h, c) equal a signature's (and the signature differs from the
correct step on these inputs), the suite names that mistake. Two bugs can
give identical outputs: gates ordered f,i,g,o and "forget gate on the
candidate" both compute c = i'*c_prev + f'*g, so both are named.
"""

from itertools import permutations

import numpy as np

from lstm_quiz.grading.diagnose import close, matching, sentence, signature_candidates
from lstm_quiz.grading.messages import text

ORDER_NAMES = {
    "ifog": "gates ordered i,f,o,g (the CS231n order); PyTorch orders them i,f,g,o",
    "igfo": "gates ordered i,g,f,o (TensorFlow 1's BasicLSTMCell: i, j, f, o); PyTorch orders them i,f,g,o",
    "figo": "gates ordered f,i,g,o (i and f swapped); PyTorch orders them i,f,g,o",
}


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # exact and overflow-free


def _hard_sigmoid_keras2(z):
    return np.clip(0.2 * z + 0.5, 0.0, 1.0)


def _hard_sigmoid_relu6(z):
    return np.clip(z + 3.0, 0.0, 6.0) / 6.0


def step(
    x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh,
    *, order="ifgo", gate=_sigmoid, candidate=np.tanh, forget_bias=0.0, forget_on="c_prev",
    h_from="c", tanh_on_c=True, use_b_ih=True, use_b_hh=True, transpose=True, one_block=False,
):  # fmt: skip
    H = h_prev.shape[1]
    if transpose:
        z = x @ W_ih.T + h_prev @ W_hh.T
    else:  # per-gate blocks multiplied without .T: only shape-valid when D == H
        if x.shape[1] != H:
            return None
        z = np.concatenate(
            [x @ W_ih[k * H : (k + 1) * H] + h_prev @ W_hh[k * H : (k + 1) * H] for k in range(4)],
            axis=1,
        )
    z = z + (b_ih if use_b_ih else 0.0) + (b_hh if use_b_hh else 0.0)
    blocks = np.split(z, 4, axis=1)
    if one_block:
        blocks = [blocks[0]] * 4
    named = dict(zip(order, blocks, strict=True))
    i, f, g, o = (
        gate(named["i"]),
        gate(named["f"] + forget_bias),
        candidate(named["g"]),
        gate(named["o"]),
    )
    kept = {"c_prev": c_prev, "g": g, "h_prev": h_prev}[forget_on]
    added = c_prev if forget_on == "g" else g
    c = f * kept + i * added
    source = c if h_from == "c" else c_prev
    h = o * (np.tanh(source) if tanh_on_c else source)
    return h, c


def _signatures():
    for order in ("".join(p) for p in permutations("ifgo")):
        if order != "ifgo":
            yield (
                ORDER_NAMES.get(order)
                or text(
                    "gates ordered {order}; PyTorch orders them i,f,g,o", order=",".join(order)
                ),
                {"order": order},
            )
    yield (
        "a forget bias of +1 added in the step (TensorFlow's forget_bias=1.0); PyTorch adds none",
        {"forget_bias": 1.0},
    )
    yield (
        "hard_sigmoid (clip(0.2z + 0.5, 0, 1)) instead of the sigmoid",
        {"gate": _hard_sigmoid_keras2},
    )
    yield "hard_sigmoid (relu6(z + 3) / 6) instead of the sigmoid", {"gate": _hard_sigmoid_relu6}
    yield (
        "the forget gate applied to the candidate (c = f*g + i*c_prev); it scales the old cell state: c = f*c_prev + i*g",
        {"forget_on": "g"},
    )
    yield (
        "the forget gate applied to the hidden state (c = f*h_prev + i*g); it scales the old cell state c_prev",
        {"forget_on": "h_prev"},
    )
    yield (
        "h computed from the old cell state (o * tanh(c_prev)); use the new c",
        {"h_from": "c_prev"},
    )
    yield "no tanh on the cell state (h = o * c); h = o * tanh(c)", {"tanh_on_c": False}
    yield (
        "a sigmoid on the candidate g; the candidate takes tanh, so it can be negative",
        {"candidate": _sigmoid},
    )
    yield "b_ih left out; PyTorch adds both bias vectors, b_ih and b_hh", {"use_b_ih": False}
    yield "b_hh left out; PyTorch adds both bias vectors, b_ih and b_hh", {"use_b_hh": False}
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
    """A sentence naming the mistake(s) whose output equals ``got`` = (h, c), or ''."""
    if not (isinstance(got, tuple | list) and len(got) == 2):
        return ""
    want = step(*inputs)
    if close(got, (want[1], want[0])):
        return "Your outputs are swapped: you returned (c, h); the contract is (h, c)."
    candidates = signature_candidates(step, inputs, SIGNATURES)
    return sentence("(h, c) equal", matching(tuple(got), want, candidates))
