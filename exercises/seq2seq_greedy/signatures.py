"""Diagnoses for seq2seq_greedy: the outputs of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
``train`` recomputes the teacher-forced logits and ``decode`` the greedy tokens,
each with one known bug chosen by its options. When a solution's output equals
a mistake's (and the mistake differs from the correct result on those inputs),
the suite names it.
"""

import numpy as np

from lstm_quiz.grading.diagnose import matching, sentence, signature_candidates

PAD, BOS, EOS = 0, 1, 2


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # exact and overflow-free


def _cell(x, h, c, p, side):
    z = x @ p[f"{side}_W_ih"].T + p[f"{side}_b_ih"] + h @ p[f"{side}_W_hh"].T + p[f"{side}_b_hh"]
    i, f, g, o = np.split(z, 4, axis=1)
    c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
    return _sigmoid(o) * np.tanh(c), c


def _params(p):
    return p if isinstance(p, dict) else dict(zip(KEYS, p, strict=True))


def _encode(src, p, init, src_order):
    N, H = src.shape[1], p["enc_W_hh"].shape[1]
    h = c = np.zeros((N, H))
    for t in range(src.shape[0]) if src_order == "forward" else reversed(range(src.shape[0])):
        h, c = _cell(p["emb_src"][src[t]], h, c, p, "enc")
    if init == "zeros":
        return np.zeros_like(h), np.zeros_like(c)
    if init == "h_only":
        return h, np.zeros_like(c)
    return h, c


def _step(y, h, c, p, dec_emb, proj):
    h, c = _cell(p[f"emb_{dec_emb}"][y], h, c, p, "dec")
    W = p["W_out"]
    if proj == "untransposed":  # h @ W_out runs only when V == H
        if W.shape[0] != W.shape[1]:
            raise ValueError("shapes")
        return h, c, h @ W + p["b_out"]
    return h, c, h @ W.T + p["b_out"]


def train(
    src, tgt, p,
    *, feed="shifted", init="encoder", src_order="forward", dec_emb="tgt", proj="h",
    out="logits",
):  # fmt: skip
    """The teacher-forced logits as the correct code computes them, or with one mistake; None if it cannot run."""
    p = _params(p)
    try:
        h, c = _encode(src, p, init, src_order)
        N = tgt.shape[1]
        inputs = {
            "shifted": [np.full(N, BOS), *tgt[:-1]],
            "gold": list(tgt),  # the answer leaks: step t reads tgt[t]
            "no_bos": list(tgt[:-1]),  # tgt assumed to start with BOS: T - 1 steps
        }[feed]
        logits = []
        for y in inputs:
            h, c, step = _step(y, h, c, p, dec_emb, proj)
            logits.append(step)
    except (ValueError, IndexError):
        return None  # shapes that cannot run: the learner's code raised too
    logits = np.stack(logits) if logits else np.zeros((0, *tgt.shape[1:], p["W_out"].shape[0]))
    if out == "log_softmax":
        top = logits.max(axis=2, keepdims=True)
        logits = logits - top - np.log(np.exp(logits - top).sum(axis=2, keepdims=True))
    return logits


def decode(
    src, p, max_len,
    *, init="encoder", src_order="forward", dec_emb="tgt", proj="h", feedback="argmax", axis=1,
    after_eos="pad", emit_eos=True, stop="row",
):  # fmt: skip
    """The greedy tokens as the correct code computes them, or with one mistake; None if it cannot run."""
    p = _params(p)
    N = src.shape[1]
    tokens = np.full((N, max_len), PAD, dtype=np.int64)
    try:
        h, c = _encode(src, p, init, src_order)
        y = np.full(N, BOS)
        done = np.zeros(N, dtype=bool)
        for t in range(max_len):
            h, c, logits = _step(y, h, c, p, dec_emb, proj)
            best = np.argmax(logits, axis=axis)
            if best.shape != (N,):
                return None  # argmax over the batch gives V ids: runs only when V == N
            if after_eos == "continue":
                tokens[:, t] = best
            elif after_eos == "eos":
                tokens[:, t] = np.where(done, EOS, best)
            else:
                tokens[:, t] = np.where(done, PAD, best)
            if not emit_eos:
                tokens[:, t] = np.where(best == EOS, PAD, tokens[:, t])
            done |= best == EOS
            if stop == "batch" and done.any():
                break  # every row stopped at the first row's EOS
            if feedback == "argmax":
                y = best
            elif feedback == "pad":  # a teacher-forced pass with a dummy all-PAD target
                y = np.full(N, PAD)
    except (ValueError, IndexError):
        return None
    return tokens


TRAIN_SIGNATURES = [
    (
        "the gold token t fed at step t: the answer leaks into the input it must predict; under "
        "teacher forcing the input at step t is BOS for t = 0, then tgt[t-1]",
        {"feed": "gold"},
    ),
    (
        "the decoder fed tgt[:-1] with no BOS (as if tgt began with BOS), so the logits have "
        "T_tgt - 1 steps; tgt holds no BOS: feed BOS, tgt[0], ..., tgt[T_tgt-2]",
        {"feed": "no_bos"},
    ),
    (
        "the log-softmax applied: the contract returns the logits, h_t W_out^T + b_out, before "
        "any softmax",
        {"out": "log_softmax"},
    ),
]

SHARED = [
    (
        "the decoder started from zeros, not from the encoder's final (h, c): the source has no "
        "effect on the output",
        {"init": "zeros"},
    ),
    (
        "only h passed from the encoder to the decoder (c started from zeros); the decoder "
        "starts from the encoder's final h and c",
        {"init": "h_only"},
    ),
    (
        "the encoder read the source reversed (src[T_src-1] first); here it reads src[0], "
        "src[1], ... in order",
        {"src_order": "reversed"},
    ),
    (
        "the source embedding emb_src used for the decoder's inputs; target tokens are "
        "embedded with emb_tgt",
        {"dec_emb": "src"},
    ),
    (
        "W_out not transposed (h @ W_out runs here only because V == H); W_out is (V, H), "
        "so the logits are h @ W_out.T + b_out",
        {"proj": "untransposed"},
    ),
]

DECODE_SIGNATURES = [
    (
        "decoding continued after EOS: a row keeps its argmax tokens after emitting EOS; every "
        "position after a row's EOS is PAD (0)",
        {"after_eos": "continue"},
    ),
    (
        "the positions after EOS filled with EOS repeated; they are PAD (0)",
        {"after_eos": "eos"},
    ),
    (
        "EOS not emitted: the step that predicts EOS was written as PAD; the EOS itself is kept "
        "in the output, then PAD follows",
        {"emit_eos": False},
    ),
    (
        "the input never updated: BOS fed at every step; from step 1 on, the input is the argmax "
        "of the step before",
        {"feedback": "bos"},
    ),
    (
        "the decoder fed a placeholder gold target (PAD) instead of its own argmax: decoding "
        "reused the teacher-forced pass, but at inference there is no gold token; from step 1 "
        "on, the input is the argmax of the step before",
        {"feedback": "pad"},
    ),
    (
        "the argmax taken over axis 0, the batch axis; the logits are (N, V), so each row's "
        "token is np.argmax(logits, axis=1)",
        {"axis": 0},
    ),
    (
        "every row stopped when the first row emitted EOS; each row stops at its own EOS, the "
        "others keep decoding",
        {"stop": "batch"},
    ),
]

KEYS = (
    "emb_src", "emb_tgt", "enc_W_ih", "enc_W_hh", "enc_b_ih", "enc_b_hh",
    "dec_W_ih", "dec_W_hh", "dec_b_ih", "dec_b_hh", "W_out", "b_out",
)  # fmt: skip


def _as_tuple(p):
    """The params as a tuple in KEYS order: signature_candidates fingerprints arrays, not dicts."""
    return tuple(p[k] for k in KEYS)


def train_diagnose(got, inputs):
    """A sentence naming the mistake(s) whose logits equal ``got``, or ''."""
    src, tgt, p = inputs
    inputs = (src, tgt, _as_tuple(p))
    candidates = signature_candidates(train, inputs, TRAIN_SIGNATURES + SHARED)
    return sentence("logits equal", matching(got, train(*inputs), candidates))


def decode_diagnose(got, inputs):
    """A sentence naming the mistake(s) whose tokens equal ``got``, or ''."""
    src, p, max_len = inputs
    inputs = (src, _as_tuple(p), max_len)
    candidates = signature_candidates(decode, inputs, SHARED + DECODE_SIGNATURES)
    return sentence("tokens equal", matching(got, decode(*inputs), candidates))
