"""Diagnoses for lstm_backward: the gradients of classic BPTT mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
``backward`` recomputes the seven gradients of the sequence with one known
bug switched on by a keyword. A mistake often changes only some gradients (a
wrong bias split changes db_ih and db_hh alone), so a mistake is named when
the solution equals it on every gradient that mistake changes: two
independent mistakes are both named, and mistakes that give identical
gradients on these inputs are named together.
"""

import numpy as np

from lstm_quiz.grading.diagnose import sentence
from lstm_quiz.grading.messages import Join, joined, text

RTOL, ATOL = 1e-4, 1e-5
KEYS = ("dx", "dh0", "dc0", "dW_ih", "dW_hh", "db_ih", "db_hh")


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # exact and overflow-free


def backward(
    dhs, dh_T, dc_T, x, h0, c0, W_ih, W_hh, b_ih, b_hh,
    *, order="ifgo", stack_order=None, dh_next_added=True, carry="both", final="given",
    dc_through_f=True, weights="accumulate", loop="all", cache="prev", dtanh_c_from="c",
    dsigmoid="ok", dx_with="W_ih", db_hh="same",
):  # fmt: skip
    """The gradients as the correct code computes them, or with one mistake; None if it cannot run."""
    T = x.shape[0]
    h, c = h0, c0
    steps = []
    for t in range(T):
        z = x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh
        pre = dict(zip(order, np.split(z, 4, axis=1), strict=True))
        i, f, g, o = _sigmoid(pre["i"]), _sigmoid(pre["f"]), np.tanh(pre["g"]), _sigmoid(pre["o"])
        c_new = f * c + i * g
        h_new = o * np.tanh(c_new)
        steps.append(
            {"h_prev": h, "c_prev": c, "i": i, "f": f, "g": g, "o": o, "c": c_new, "h": h_new}
        )
        h, c = h_new, c_new

    grads = {
        k: np.zeros_like(v) for k, v in (("dx", x), ("dW_ih", W_ih), ("dW_hh", W_hh), ("db", b_ih))
    }
    dh_T, dc_T = (np.zeros_like(dh_T), np.zeros_like(dc_T)) if final == "ignored" else (dh_T, dc_T)
    dh_next, dc_next = dh_T, dc_T
    visited = range(T - 1, 0 if loop == "skip_first" else -1, -1)
    for t in visited:
        s = steps[t]
        h_prev, c_prev = (s["h"], s["c"]) if cache == "shifted" else (s["h_prev"], s["c_prev"])
        i, f, g, o = s["i"], s["f"], s["g"], s["o"]
        if carry == "none":  # nothing carried from step t+1
            dh_next, dc_next = np.zeros_like(dh_T), np.zeros_like(dc_T)
        elif carry == "stale":  # the next-step gradients never updated: dh_T, dc_T at every step
            dh_next, dc_next = dh_T, dc_T
        dh = dhs[t] + dh_next if dh_next_added else dhs[t]
        tanh_c = np.tanh(s["c"])
        d_tanh = 1.0 - (np.tanh(s["c_prev"]) if dtanh_c_from == "c_prev" else tanh_c) ** 2
        do = dh * tanh_c
        dc = dc_next + dh * o * d_tanh
        dpre = {"i": dc * g, "f": dc * c_prev, "g": dc * i, "o": do}
        for k in "ifo":
            s_k = {"i": i, "f": f, "o": o}[k]
            dpre[k] = dpre[k] * (s_k * (1.0 + s_k) if dsigmoid == "plus" else s_k * (1.0 - s_k))
        dpre["g"] = dpre["g"] * (1.0 - g**2)
        dz = np.concatenate([dpre[k] for k in (stack_order or order)], axis=1)
        W_x = W_hh if dx_with == "W_hh" else W_ih
        if W_x.shape[1] != x.shape[2]:
            return None  # dz @ W_hh has H columns, dx[t] D: the learner's code raised too
        grads["dx"][t] = dz @ W_x
        step_grads = {"dW_ih": dz.T @ x[t], "dW_hh": dz.T @ h_prev, "db": dz.sum(axis=0)}
        for k, v in step_grads.items():
            grads[k] = grads[k] + v if weights == "accumulate" else v
        dh_next = dz @ W_hh
        dc_next = dc * f if dc_through_f else dc
    db = grads["db"]
    db_h = {"same": db, "zero": np.zeros_like(db), "half": db / 2}[db_hh]
    return {
        "dx": grads["dx"],
        "dh0": dh_next,
        "dc0": dc_next,
        "dW_ih": grads["dW_ih"],
        "dW_hh": grads["dW_hh"],
        "db_ih": db / 2 if db_hh == "half" else db,
        "db_hh": db_h,
    }


SIGNATURES = [
    (
        "the gradient from the next step not added to dh (dh = dhs[t]); h_t also feeds step t+1, "
        "so dh = dhs[t] + dh_next, with dh_next = dh_T at the last step",
        {"dh_next_added": False},
    ),
    (
        "dc carried to the step before without the forget gate (dc_next = dc); "
        "c_t = f * c_{t-1} + i * g gives dc_next = dc * f",
        {"dc_through_f": False},
    ),
    (
        "the state gradients reset at every step (dh_next = dc_next = 0 inside the loop): "
        "nothing flows from step t+1 to step t, not even dh_T and dc_T; carry dh_next = dz @ W_hh "
        "and dc_next = dc * f",
        {"carry": "none"},
    ),
    (
        "dh_next and dc_next never updated in the loop: every step received dh_T and dc_T; "
        "after each step set dh_next = dz @ W_hh and dc_next = dc * f",
        {"carry": "stale"},
    ),
    (
        "the weight gradients assigned at each step instead of accumulated: only the step the "
        "loop visits last (t = 0) remains; W_ih, W_hh and the biases are shared by every step, "
        "so dW_ih += dz.T @ x[t] (and so on)",
        {"weights": "assign"},
    ),
    (
        "the reversed loop stops before step 0 (range(T - 1, 0, -1)); "
        "visit t = T-1 down to 0: range(T - 1, -1, -1) or reversed(range(T))",
        {"loop": "skip_first"},
    ),
    (
        "the backward of step t used the state after step t (h_t, c_t) as h_prev and c_prev; "
        "step t reads h_{t-1} and c_{t-1}, with h0 and c0 at t = 0",
        {"cache": "shifted"},
    ),
    (
        "dh_T and dc_T ignored (the loop started from zero next-step gradients); "
        "start from dh_next = dh_T, dc_next = dc_T",
        {"final": "ignored"},
    ),
    (
        "gates ordered i,f,o,g (the CS231n order); PyTorch orders the rows of W_ih, W_hh, b_ih "
        "and b_hh i,f,g,o",
        {"order": "ifog"},
    ),
    (
        "the gate gradients stacked in the order i,f,o,g (dz = [di, df, do, dg], the CS231n "
        "order) while the gates are split i,f,g,o; stack them as the rows are ordered",
        {"stack_order": "ifog"},
    ),
    (
        "the derivative of tanh(c) taken at c_prev (1 - tanh(c_prev)**2); h_t = o * tanh(c_t) "
        "uses the new c: 1 - tanh(c_t)**2",
        {"dtanh_c_from": "c_prev"},
    ),
    (
        "the sigmoid derivative written s * (1 + s); with s = sigmoid(z) it is s * (1 - s)",
        {"dsigmoid": "plus"},
    ),
    (
        "dx computed with W_hh; x is multiplied by W_ih, so dx[t] = dz @ W_ih",
        {"dx_with": "W_hh"},
    ),
    (
        "db_hh left at zero; b_hh enters z exactly as b_ih does, so db_hh = db_ih",
        {"db_hh": "zero"},
    ),
    (
        "the bias gradient split in half between b_ih and b_hh; each bias gets the whole sum: "
        "db_ih = db_hh",
        {"db_hh": "half"},
    ),
]


def _close(a, b):
    # np.allclose's rule, without its overhead: diagnose() compares ~100 pairs.
    return (
        isinstance(a, np.ndarray)
        and a.shape == b.shape
        and bool(np.all(np.abs(a - b) <= ATOL + RTOL * np.abs(b)))
    )


def _names(keys):
    return Join(tuple(keys), last=(" and ", " 和 "))


def diagnose(got, inputs):
    """Sentences naming the mistake(s) the gradients in ``got`` (a dict) equal, or ''."""
    if not isinstance(got, dict):
        return ""
    want = backward(*inputs)
    found = {}  # the gradients a mistake changes -> the mistakes that explain them
    with np.errstate(all="ignore"):
        for description, options in SIGNATURES:
            result = backward(*inputs, **options)
            if result is None:
                continue
            changed = tuple(k for k in KEYS if not _close(result[k], want[k]))
            if changed and all(_close(got.get(k), result[k]) for k in changed):
                found.setdefault(changed, []).append(description)
    sentences = []
    for changed, descriptions in found.items():
        if any(set(changed) < set(other) for other in found):
            continue  # a mistake that explains more of the same gradients is named instead
        if len(changed) == len(KEYS):
            what = text("gradients equal")
        elif len(changed) == 1:
            what = text("{names} equals", names=changed[0])
        else:
            what = text("{names} equal", names=_names(changed))
        sentences.append(sentence(what, descriptions))
    return joined(tuple(sentences)) if sentences else ""
