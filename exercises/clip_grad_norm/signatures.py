"""Diagnoses for clip_grad_norm: what classic mistakes return, to name the one a solution made."""

import numpy as np

from lstm_quiz.grading.diagnose import matching, sentence


def _l2(g):
    return float(np.sqrt(np.sum(np.square(g))))


def _global(grads):
    return float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))


def _scaled(grads, total, max_norm):
    scale = max_norm / (total + 1e-6)
    return [g * scale if scale < 1 else g for g in grads]


# Each mistake returns (clipped, total_norm) as the buggy code would.
def per_tensor(grads, max_norm):
    return [g * min(1.0, max_norm / (_l2(g) + 1e-6)) for g in grads], _global(grads)


def by_value(grads, max_norm):
    return [np.clip(g, -max_norm, max_norm) for g in grads], _global(grads)


def always_rescale(grads, max_norm):
    total = _global(grads)
    return [g * max_norm / (total + 1e-6) for g in grads], total


def sum_of_norms(grads, max_norm):
    total = sum(_l2(g) for g in grads)
    return _scaled(grads, total, max_norm), total


def l1_norm(grads, max_norm):
    total = float(sum(np.sum(np.abs(g)) for g in grads))
    return _scaled(grads, total, max_norm), total


def rms(grads, max_norm):
    total = float(np.sqrt(np.mean(np.concatenate([g.ravel() for g in grads]) ** 2)))
    return _scaled(grads, total, max_norm), total


def norm_after(grads, max_norm):
    clipped = _scaled(grads, _global(grads), max_norm)
    return clipped, _global(clipped)


SIGNATURES = [
    (
        "each array clipped by its own norm; clip_grad_norm_ uses one norm over all of them",
        per_tensor,
    ),
    ("entries clipped by value (np.clip); this rule rescales by the global L2 norm", by_value),
    (
        "the gradients rescaled even when their norm is below max_norm; scale only when it is < 1",
        always_rescale,
    ),
    (
        "the norms of the arrays added up; the global norm is the square root of the sum of all squares",
        sum_of_norms,
    ),
    ("an L1 norm (sum of absolute values); clip_grad_norm_ uses the L2 norm", l1_norm),
    ("a root-mean-square instead of the norm; do not divide by the number of entries", rms),
    ("the norm measured after clipping; return the norm before clipping", norm_after),
]


def diagnose_norm(got_total, grads, max_norm, want_total):
    candidates = [
        (text, lambda m=mistake: m([g.copy() for g in grads], max_norm)[1])
        for text, mistake in SIGNATURES
    ]
    return sentence("total_norm equals", matching(got_total, want_total, candidates))


def diagnose(got_list, grads, max_norm, want_list):
    if not isinstance(got_list, list | tuple) or len(got_list) != len(grads):
        return ""
    candidates = [
        (text, lambda m=mistake: m([g.copy() for g in grads], max_norm)[0])
        for text, mistake in SIGNATURES
    ]
    return sentence(
        "clipped gradients equal", matching(list(got_list), list(want_list), candidates)
    )
