"""Diagnoses for stacked_lstm_forward: the outputs of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
``forward`` recomputes the stacked LSTM with one known bug switched on by a
keyword. When a solution's (hs, (h_n, c_n)) equal a mistake's (and the
mistake differs from the correct result on those inputs), the suite names it.
A wrong shape that no mistake explains still gets a note on what it suggests.
"""

import numpy as np

from lstm_quiz.grading.diagnose import close, matching, sentence, signature_candidates
from lstm_quiz.grading.messages import text


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # exact and overflow-free


def _layer(x, h, c, W_ih, W_hh, b_ih, b_hh, recurrent_mask=None):
    hs = []
    for t in range(x.shape[0]):
        h_in = h if recurrent_mask is None else h * recurrent_mask[t]
        z = x[t] @ W_ih.T + b_ih + h_in @ W_hh.T + b_hh
        i, f, g, o = np.split(z, 4, axis=1)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        h = _sigmoid(o) * np.tanh(c)
        hs.append(h)
    return np.stack(hs), h, c


def forward(
    x, h0, c0, params, dropout_masks,
    *, drop="outputs", layer_input="below", init="own", returned="last",
    h_n_order="layers", mask_index="same", rescale=False, h_n_dropped=False,
):  # fmt: skip
    """(hs, (h_n, c_n)) as the correct code computes them, or with one mistake; None if it cannot run."""
    L = len(params)
    below = x
    first_outputs = None
    h_n, c_n = [], []
    states = (h0[0], c0[0])  # where a "carried" layer starts: layer 0 at h0[0], then the last end
    for layer in range(L):
        if init == "own":
            h, c = h0[layer], c0[layer]
        elif init == "first":
            h, c = h0[0], c0[0]
        else:  # "carried": layer l + 1 starts where layer l ended
            h, c = states
        mask = None
        if layer < L - 1:
            mask = dropout_masks[layer if mask_index == "same" else L - 2 - layer]
            if rescale:
                mask = mask * mask.max()  # the 1/(1-p) the masks already hold, applied again
        source = x if layer_input == "x" else below
        try:
            if drop == "input" and mask is not None:
                source = source * mask
            outputs, h, c = _layer(
                source, h, c, *params[layer], recurrent_mask=mask if drop == "recurrent" else None
            )
        except ValueError:  # shapes that cannot broadcast: the learner's code raised too
            return None
        states = (h, c)
        if first_outputs is None:
            first_outputs = outputs
        passed = outputs
        if drop in ("outputs", "also_last") and mask is not None:
            passed = outputs * mask
        if drop == "also_last" and layer == L - 1 and L > 1:
            passed = outputs * dropout_masks[-1]
        h_n.append(passed[-1] if h_n_dropped else h)
        c_n.append(c)
        below = passed
    if h_n_order == "reversed":
        h_n, c_n = h_n[::-1], c_n[::-1]
    hs = below if returned == "last" else first_outputs
    return hs, (np.stack(h_n), np.stack(c_n))


def _signatures():
    yield (
        "dropout also applied to the last layer's outputs (hs multiplied by a mask); torch "
        "applies dropout only between layers, on what the next layer reads",
        {"drop": "also_last"},
    )
    yield (
        "the masks applied to the recurrent state h_{t-1} inside a layer instead of the layer's "
        "outputs; dropout in torch.nn.LSTM acts only between layers, never on the recurrence",
        {"drop": "recurrent"},
    )
    yield (
        "the masks applied to each layer's input from layer 0 on (x itself dropped, the last "
        "layer's input not); dropout_masks[l] multiplies layer l's outputs, before layer l + 1",
        {"drop": "input"},
    )
    yield (
        "every layer fed x; layer l + 1 reads the (masked) outputs of layer l",
        {"layer_input": "x"},
    )
    yield (
        "every layer started from h0[0] and c0[0]; layer l starts from its own h0[l], c0[l]",
        {"init": "first"},
    )
    yield (
        "the state carried across layers (layer l + 1 started from layer l's final h and c); "
        "each layer starts from its own h0[l], c0[l]",
        {"init": "carried"},
    )
    yield (
        "hs holds the outputs of layer 0; it holds those of the last layer",
        {"returned": "first"},
    )
    yield (
        "h_n and c_n in reversed layer order (last layer first); index l holds layer l, as in "
        "torch.nn.LSTM's h_n",
        {"h_n_order": "reversed"},
    )
    yield (
        "the masks indexed by the wrong layer (dropout_masks[L-2-l] after layer l); "
        "dropout_masks[l] belongs to layer l's outputs",
        {"mask_index": "reversed"},
    )
    yield (
        "the masks scaled a second time (outputs * mask / (1 - p)); the masks already hold 0 or "
        "1/(1-p), so multiply by the mask alone",
        {"rescale": True},
    )
    yield (
        "h_n taken from the masked outputs; dropout changes only what the next layer reads, "
        "h_n holds each layer's own final h",
        {"h_n_dropped": True},
    )


SIGNATURES = list(_signatures())


def shape_note(got, want):
    """A sentence on what a wrong shape suggests, or ''."""
    hs, (h_n, c_n) = got
    want_hs, (want_h, _) = want
    T, N, H = want_hs.shape
    L = want_h.shape[0]
    if isinstance(hs, np.ndarray) and hs.shape == (L, T, N, H):
        return "hs holds every layer's outputs, (L, T, N, H); it holds the last layer's, (T, N, H)."
    for value, name in ((h_n, "h_n"), (c_n, "c_n")):
        if isinstance(value, np.ndarray) and value.shape != want_h.shape:
            if value.shape == (N, H):
                return text(
                    "{name} has shape (N, H): only one layer's state? It stacks every layer's, "
                    "(L, N, H), as torch.nn.LSTM's h_n.",
                    name=name,
                )
            if value.shape == (N, L, H):
                return text(
                    "{name} is (N, L, H); stack the layers along axis 0: (L, N, H).", name=name
                )
    return ""


def diagnose(got, inputs):
    """A sentence naming the mistake(s) whose output equals ``got`` = (hs, (h_n, c_n)), or ''."""
    if not (
        isinstance(got, tuple | list)
        and len(got) == 2
        and isinstance(got[1], tuple | list)
        and len(got[1]) == 2
    ):
        return ""
    got = (got[0], tuple(got[1]))
    want = forward(*inputs)
    _, (h_n, c_n) = got
    if close(h_n, want[1][1]) and close(c_n, want[1][0]) and not close(h_n, c_n):
        return (
            "Your final state is swapped: you returned (hs, (c_n, h_n)); "
            "the contract is (hs, (h_n, c_n)), h first as in torch.nn.LSTM."
        )
    candidates = signature_candidates(forward, inputs, SIGNATURES)
    found = sentence("(hs, (h_n, c_n)) equal", matching(got, want, candidates))
    return found or shape_note(got, want)
