"""Diagnoses for lstm_cell_backward: the gradients of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
`backward` recomputes the seven gradients of one LSTM step with one known bug
switched on by a keyword. A mistake usually changes only some gradients (a
missing forget factor changes dc_prev alone, a wrong bias reduction only
db_ih and db_hh), so a mistake is named when the solution equals it on every
gradient that mistake changes: two independent mistakes are both named, and
mistakes that give identical gradients on these inputs are named together.
"""

from itertools import permutations

import numpy as np

from lstm_quiz.grading.diagnose import sentence
from lstm_quiz.grading.messages import Join, joined, text, verbatim

RTOL, ATOL = 1e-4, 1e-5
KEYS = ("dx", "dh_prev", "dc_prev", "dW_ih", "dW_hh", "db_ih", "db_hh")
ORDER_NAMES = {
    "ifog": "i,f,o,g (the CS231n order)",
    "igfo": "i,g,f,o (TensorFlow 1's BasicLSTMCell: i, j, f, o)",
    "figo": "f,i,g,o (i and f swapped)",
}


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # exact and overflow-free


def _dsigmoid(s, z, how):
    if how == "preact":  # s*(1-s) evaluated at the pre-activation
        return z * (1.0 - z)
    if how == "double":  # sigmoid'(s) written as sigmoid(s)*(1-sigmoid(s)) with s already a sigmoid
        return _sigmoid(s) * (1.0 - _sigmoid(s))
    return s * (1.0 - s)


def _dtanh(t, z, how):
    if how == "linear":  # 1 - tanh(x)
        return 1.0 - t
    if how == "preact":  # 1 - x**2 with x the pre-activation (or c itself)
        return 1.0 - z**2
    return 1.0 - t**2


def backward(
    dh, dc, x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh,
    *, order="ifgo", stack_order=None, dc_total_from="both", dtanh_c="ok", dtanh_g="ok",
    dsigmoid="ok", forget_in_dc_prev=True, df_from="c_prev", swap_di_dg=False, do_from="c",
    dx_with="W_ih", dh_prev_with="W_hh", dW="ok", dW_hh_from="h_prev", bias="sum", db_hh="same",
):  # fmt: skip
    """The seven gradients of one step, with at most a few known bugs switched on."""
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    pre = dict(zip(order, np.split(z, 4, axis=1), strict=True))
    i, f, g, o = _sigmoid(pre["i"]), _sigmoid(pre["f"]), np.tanh(pre["g"]), _sigmoid(pre["o"])
    c = f * c_prev + i * g
    tanh_c = np.tanh(c)

    do = dh * (np.tanh(c_prev) if do_from == "c_prev" else tanh_c)
    through_h = dh * o * _dtanh(tanh_c, c, dtanh_c)
    dc_total = {"both": dc + through_h, "dc_only": dc, "dh_only": through_h}[dc_total_from]
    di = dc_total * (i if swap_di_dg else g)
    dg = dc_total * (g if swap_di_dg else i)
    df = dc_total * (c if df_from == "c" else c_prev)
    dc_prev = dc_total * f if forget_in_dc_prev else dc_total
    dpre = {
        "i": di * _dsigmoid(i, pre["i"], dsigmoid),
        "f": df * _dsigmoid(f, pre["f"], dsigmoid),
        "g": dg * _dtanh(g, pre["g"], dtanh_g),
        "o": do * _dsigmoid(o, pre["o"], dsigmoid),
    }
    dz = np.concatenate([dpre[k] for k in (stack_order or order)], axis=1)

    weights = {"W_ih": W_ih, "W_hh": W_hh}
    h_source = o * tanh_c if dW_hh_from == "h" else h_prev
    if dW == "transposed":
        dW_ih, dW_hh = x.T @ dz, h_source.T @ dz
    else:
        dW_ih, dW_hh = dz.T @ x, dz.T @ h_source
    db = {"sum": dz.sum(axis=0), "none": dz, "mean": dz.mean(axis=0)}[bias]
    db_h = {"same": db, "zero": np.zeros_like(db), "half": db / 2}[db_hh]
    return {
        "dx": dz @ weights[dx_with],
        "dh_prev": dz @ weights[dh_prev_with],
        "dc_prev": dc_prev,
        "dW_ih": dW_ih,
        "dW_hh": dW_hh,
        "db_ih": db / 2 if db_hh == "half" else db,
        "db_hh": db_h,
    }


def _signatures():
    for order in ("".join(p) for p in permutations("ifgo")):
        if order != "ifgo":
            name = text(ORDER_NAMES[order]) if order in ORDER_NAMES else verbatim(",".join(order))
            yield (
                text(
                    "gates ordered {name}; PyTorch orders the rows of W_ih, W_hh, b_ih and b_hh i,f,g,o",
                    name=name,
                ),
                {"order": order},
            )
    yield (
        "the gate gradients stacked in the order i,f,o,g (dz = [di, df, do, dg], the CS231n order) "
        "while the gates are split i,f,g,o; stack them as the rows are ordered: [di, df, dg, do]",
        {"stack_order": "ifog"},
    )
    yield (
        "the gradient reaching c through h = o * tanh(c) left out (dc_total = dc); "
        "it is dc_total = dc + dh * o * (1 - tanh(c)**2)",
        {"dc_total_from": "dc_only"},
    )
    yield (
        "the upstream dc ignored (dc_total = dh * o * (1 - tanh(c)**2)); c also goes on to the "
        "next step, so dc_total = dc + dh * o * (1 - tanh(c)**2)",
        {"dc_total_from": "dh_only"},
    )
    yield (
        "the tanh derivative written as 1 - tanh(x), for tanh(c) and for g; it is 1 - tanh(x)**2",
        {"dtanh_c": "linear", "dtanh_g": "linear"},
    )
    yield (
        "the derivative of tanh(c) written as 1 - tanh(c); it is 1 - tanh(c)**2",
        {"dtanh_c": "linear"},
    )
    yield (
        "the derivative of the candidate written as 1 - g (g = tanh(z_g)); it is 1 - g**2",
        {"dtanh_g": "linear"},
    )
    yield (
        "the derivative of tanh(c) written as 1 - c**2, on c itself; it is 1 - tanh(c)**2",
        {"dtanh_c": "preact"},
    )
    yield (
        "the candidate's tanh derivative taken at the pre-activation (1 - z_g**2); "
        "with g = tanh(z_g) it is 1 - g**2",
        {"dtanh_g": "preact"},
    )
    yield (
        "the sigmoid derivative s*(1-s) applied to the pre-activation z (z*(1-z)); "
        "with s = sigmoid(z) it is s*(1-s)",
        {"dsigmoid": "preact"},
    )
    yield (
        "the sigmoid derivative computed as sigmoid(s)*(1-sigmoid(s)) on the activation s "
        "(a sigmoid applied twice); with s = sigmoid(z) it is s*(1-s)",
        {"dsigmoid": "double"},
    )
    yield (
        "dc_prev = dc_total, without the forget gate factor; c = f*c_prev + i*g gives "
        "dc_prev = dc_total * f",
        {"forget_in_dc_prev": False},
    )
    yield (
        "df computed with the new c (dc_total * c); c = f*c_prev + i*g gives df = dc_total * c_prev",
        {"df_from": "c"},
    )
    yield (
        "di and dg swapped (di = dc_total * i, dg = dc_total * g); c = f*c_prev + i*g gives "
        "di = dc_total * g and dg = dc_total * i",
        {"swap_di_dg": True},
    )
    yield (
        "do computed from tanh(c_prev); h = o * tanh(c) uses the new c: do = dh * tanh(c)",
        {"do_from": "c_prev"},
    )
    yield (
        "dx computed with W_hh; x is multiplied by W_ih, so dx = dz @ W_ih",
        {"dx_with": "W_hh"},
    )
    yield (
        "dh_prev computed with W_ih (dz @ W_ih); h_prev is multiplied by W_hh, so dh_prev = dz @ W_hh",
        {"dh_prev_with": "W_ih"},
    )
    yield (
        "weight gradients computed as x.T @ dz, of shape (D, 4H); W_ih is (4H, D), so "
        "dW_ih = dz.T @ x and dW_hh = dz.T @ h_prev",
        {"dW": "transposed"},
    )
    yield (
        "dW_hh computed from the new h (dz.T @ h); the step multiplies h_prev: dW_hh = dz.T @ h_prev",
        {"dW_hh_from": "h"},
    )
    yield (
        "bias gradients not summed over the batch (db = dz, shape (N, 4H)); a bias is shared by "
        "every row of the batch: db = dz.sum(axis=0)",
        {"bias": "none"},
    )
    yield (
        "bias gradients averaged over the batch (dz.mean(axis=0)); the loss adds the rows, so "
        "db = dz.sum(axis=0)",
        {"bias": "mean"},
    )
    yield (
        "db_hh left at zero; b_hh enters z exactly as b_ih does, so db_hh = db_ih = dz.sum(axis=0)",
        {"db_hh": "zero"},
    )
    yield (
        "the bias gradient split in half between b_ih and b_hh; each bias gets the whole sum: "
        "db_ih = db_hh = dz.sum(axis=0)",
        {"db_hh": "half"},
    )


SIGNATURES = list(_signatures())


def _close(a, b):
    # np.allclose's rule, without its overhead: diagnose() compares ~250 pairs.
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
    if any(isinstance(v, np.ndarray) and v.dtype.kind == "f" and not np.isfinite(v).all()
           for v in got.values()):  # fmt: skip
        return (
            "Non-finite gradients where gates saturate: a derivative written with exp, such as "
            "e^-z / (1 + e^-z)**2 for the sigmoid or 4 / (e^z + e^-z)**2 for tanh, divides inf by "
            "inf when |z| is large. Write the derivatives with the activations: s * (1 - s) and "
            "1 - t**2."
        )
    want = backward(*inputs)
    found = {}  # the gradients a mistake changes -> the mistakes that explain them
    with np.errstate(all="ignore"):
        for description, options in SIGNATURES:
            result = backward(*inputs, **options)
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
