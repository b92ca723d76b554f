"""Diagnoses for beam_search: the outputs of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
``search`` recomputes the search with one known bug, chosen by its options.
When a solution's (tokens, score) equal a mistake's (and the mistake differs
from the correct result on those inputs), the suite names it.
"""

import math

import numpy as np

from lstm_quiz.grading.diagnose import close, sentence, signature_candidates


def _penalty(length, alpha, rule):
    if rule == "none":
        return 1.0
    if rule == "power":  # |Y|^alpha, without GNMT's 5 and 6
        return float(length) ** alpha
    return ((5.0 + length) / 6.0) ** alpha


def _ranked(candidates, ties):
    if ties == "reversed":  # np.argsort(x)[::-1]: the last of equal scores first
        order = sorted(range(len(candidates)), key=lambda k: candidates[k][1])[::-1]
        return [candidates[k] for k in order]
    return sorted(candidates, key=lambda hyp: -hyp[1])


def _extend(score, step, space):
    return score * float(step) if space == "prob" else score + float(step)


def search(
    log_init, log_trans, beam_width, max_len, eos, alpha,
    *, space="log", finished_rule="stop", prune="global", slots="shared", penalty="gnmt",
    eos_counted=True, returned="score", extra_step=False, truncated="keep", first_eos=True,
    ties="stable",
):  # fmt: skip
    """(tokens, score) as the correct code computes them, or with one mistake; None if it cannot run."""
    V = log_init.shape[0]
    if space == "prob":  # probabilities multiplied: they underflow to 0 where logP < -745
        with np.errstate(under="ignore"):
            init, trans = np.exp(log_init), np.exp(log_trans)
        candidates = [([int(v)], float(init[v])) for v in range(V)]
    else:
        candidates = [([int(v)], float(log_init[v])) for v in range(V)]
    steps = max_len + 1 if extra_step else max_len
    finished, beam = [], []
    for step in range(1, steps + 1):
        # per parent: each parent's own best child, in beam order, and no ranking across parents
        per_parent = prune == "per_parent" and step > 1
        ranked = candidates if per_parent else _ranked(candidates, ties)
        kept = ranked if slots == "refill" else ranked[:beam_width]
        beam = []
        for tokens, logp in kept:
            ends = tokens[-1] == eos and finished_rule != "never" and (first_eos or step > 1)
            if ends:
                finished.append((tokens, logp))
            if not ends or finished_rule == "expand":
                beam.append((tokens, logp))
            if len(beam) == beam_width:  # refill: walk on until beam_width are alive
                break
        if not beam or step == steps:
            break
        candidates = []
        for tokens, logp in beam:
            row = trans[tokens[-1]] if space == "prob" else log_trans[tokens[-1]]
            if prune == "per_parent":
                v = int(np.argmax(row))
                candidates.append(([*tokens, v], _extend(logp, row[v], space)))
            else:
                candidates += [([*tokens, v], _extend(logp, row[v], space)) for v in range(V)]
    if truncated == "keep":
        finished += beam
    if not finished:
        return None  # nothing to return: the learner's code raised or returned nothing
    scored = []
    for tokens, logp in finished:
        if space == "prob":
            logp = math.log(logp) if logp > 0 else -math.inf
        length = len(tokens) - (0 if eos_counted or tokens[-1] != eos else 1)
        scored.append((tokens, logp, logp / _penalty(length, alpha, penalty)))
    best = max(scored, key=lambda hyp: hyp[2])
    return best[0], (best[1] if returned == "logp" else best[2])


SIGNATURES = [
    (
        "probabilities multiplied instead of log-probabilities added: the products underflow to 0 "
        "(a float64 cannot hold a positive number below about e^-745), so the long hypotheses "
        "all tie at probability 0; add log-probabilities",
        {"space": "prob"},
    ),
    (
        "finished hypotheses still expanded: a hypothesis that emitted eos stayed in the beam and "
        "grew tokens after eos; once it ends with eos it leaves the beam",
        {"finished_rule": "expand"},
    ),
    (
        "eos never finishes a hypothesis: it was expanded like any other token until max_len; a "
        "hypothesis that emits eos is finished",
        {"finished_rule": "never"},
    ),
    (
        "no length normalisation (alpha ignored): the hypotheses were compared by logP alone; "
        "rank them by logP / lp(Y), lp(Y) = ((5 + |Y|) / 6) ** alpha",
        {"penalty": "none"},
    ),
    (
        "length penalty |Y| ** alpha; GNMT's is ((5 + |Y|) / 6) ** alpha",
        {"penalty": "power"},
    ),
    (
        "|Y| counted without the eos token (off by one in the length penalty); |Y| counts every "
        "token, eos included",
        {"eos_counted": False},
    ),
    (
        "the unnormalised score returned: the best hypothesis is right but its score is logP; "
        "return logP / lp(Y)",
        {"returned": "logp"},
    ),
    (
        "beams not re-ranked across parents: each hypothesis was extended by its own best token "
        "(beam_width greedy searches side by side); rank the children of all parents together",
        {"prune": "per_parent"},
    ),
    (
        "finished hypotheses did not take a place in the beam: the beam was refilled to "
        "beam_width unfinished ones; keep the beam_width best candidates, and those that end "
        "with eos leave the beam (so width 1 is greedy decoding)",
        {"slots": "refill"},
    ),
    (
        "one step too many: hypotheses grew to max_len + 1 tokens (the first token, from "
        "log_init, counts towards max_len)",
        {"extra_step": True},
    ),
    (
        "the hypotheses still unfinished at max_len were dropped; they compete with the "
        "finished ones",
        {"truncated": "drop"},
    ),
    (
        "a first token equal to eos not finished: the hypothesis [eos] was expanded; eos "
        "finishes a hypothesis at every step, the first included",
        {"first_eos": False},
    ),
    (
        "ties broken towards the later candidate (np.argsort(x)[::-1] reverses the order of "
        "equal values); sort stably on -logP, so equal ones keep parent rank, then token id, order",
        {"ties": "reversed"},
    ),
]


def same(got, result):
    """Equal tokens, and scores within tolerance (equal infinities count as equal)."""
    tokens, score = got
    want_tokens, want_score = result
    if list(tokens) != list(want_tokens):
        return False
    if math.isinf(want_score):
        return score == want_score
    return close(score, want_score)


def diagnose(got, inputs):
    """A sentence naming the mistake(s) whose output equals ``got`` = (tokens, score), or ''."""
    if not (isinstance(got, tuple | list) and len(got) == 2 and isinstance(got[0], list | tuple)):
        return ""
    tokens, score = got
    if not isinstance(score, float | int | np.floating | np.integer):
        return ""
    got = ([int(t) for t in tokens], float(score))
    want = search(*inputs)
    found = []
    for description, result in signature_candidates(search, tuple(inputs), SIGNATURES):
        value = result()
        if value is not None and not same(value, want) and same(got, value):
            found.append(description)
    return sentence("(tokens, score) equal", found)
