"""Diagnoses for cnn_lstm_forward: the logits of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
``forward`` recomputes the model with one known bug switched on by a keyword.
When a solution's logits equal a mistake's (and the mistake differs from the
correct result on those inputs), the suite names it. A wrong shape that no
mistake explains still gets a note on what it suggests.
"""

import numpy as np

from lstm_quiz.grading.diagnose import matching, sentence, signature_candidates


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # exact and overflow-free


def _conv(x, W, b, stride, *, flip=False, length="ok", bias=True):
    if flip:
        W = W[:, :, ::-1]  # true convolution: the kernel reversed
    L, K = x.shape[2], W.shape[2]
    L_out = (L - K) // stride + 1 - (1 if length == "short" else 0)
    if L_out < 1:
        return None
    out = np.stack(
        [np.einsum("ock,nck->no", W, x[:, :, t * stride : t * stride + K]) for t in range(L_out)],
        axis=2,
    )
    return out + b[:, None] if bias else out


def forward(
    x, conv_W, conv_b, stride, W_ih, W_hh, b_ih, b_hh, W_out, b_out,
    *, flip=False, length="ok", bias=True, ignore_stride=False, activation="relu",
    layout="transpose", readout="last", head="ok",
):  # fmt: skip
    """The logits as the correct code computes them, or with one mistake; None if it cannot run."""
    conv = _conv(x, conv_W, conv_b, 1 if ignore_stride else stride, flip=flip, length=length,
                 bias=bias)  # fmt: skip
    if conv is None:
        return None
    if activation == "relu":
        conv = np.maximum(conv, 0.0)
    elif activation == "tanh":
        conv = np.tanh(conv)
    N, C_out, L_out = conv.shape
    if layout == "transpose":
        sequence = conv.transpose(2, 0, 1)
    elif layout == "reshape":  # (N, C_out, L_out) reshaped, not transposed, to (L_out, N, C_out)
        sequence = conv.reshape(L_out, N, C_out)
    else:  # "channels_as_time": steps over the channels, the time positions read as features
        sequence = conv.transpose(1, 0, 2)
    H = W_hh.shape[1]
    h, c = np.zeros((N, H)), np.zeros((N, H))
    states = []
    try:
        for x_t in sequence:
            z = x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh
            i, f, g, o = np.split(z, 4, axis=1)
            c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
            h = _sigmoid(o) * np.tanh(c)
            states.append(h)
    except ValueError:  # shapes that cannot match: the learner's code raised too
        return None
    read = {"last": states[-1], "first": states[0], "mean": np.mean(states, axis=0)}[readout]
    if activation == "after":
        read = np.maximum(read, 0.0)
    if head == "untransposed":
        if W_out.shape[0] != W_out.shape[1]:
            return None
        return read @ W_out + b_out
    return read @ W_out.T + b_out


def _signatures():
    yield (
        "the kernel flipped (a true convolution); torch.nn.Conv1d computes a cross-correlation: "
        "conv[n, o, t] = sum of conv_W[o, c, k] * x[n, c, t*stride + k], k not reversed",
        {"flip": True},
    )
    yield (
        "the conv output one step short (L_out = (L - K) // stride, the last window missing); "
        "it is L_out = (L - K) // stride + 1",
        {"length": "short"},
    )
    yield (
        "the conv output reshaped to (L_out, N, C_out) instead of transposed; a reshape "
        "reorders no axes and mixes time, batch and channels: use conv.transpose(2, 0, 1)",
        {"layout": "reshape"},
    )
    yield (
        "the channels taken as the time axis (the LSTM stepped over C_out channels, reading the "
        "L_out positions as features); Conv1d's output is (N, C_out, L_out): transpose it to "
        "(L_out, N, C_out)",
        {"layout": "channels_as_time"},
    )
    yield "the ReLU after the convolution missing", {"activation": "none"}
    yield "tanh used after the convolution instead of ReLU", {"activation": "tanh"}
    yield (
        "the ReLU applied to the LSTM's last h instead of the conv output; "
        "it comes between the convolution and the LSTM",
        {"activation": "after"},
    )
    yield (
        "the head read from the first step's h; a many-to-one model reads the last step's",
        {"readout": "first"},
    )
    yield (
        "the head read from the mean of h over time; it reads the last step's h",
        {"readout": "mean"},
    )
    yield (
        "the stride ignored (every position t, not t*stride); window t starts at t*stride",
        {"ignore_stride": True},
    )
    yield "the conv bias dropped; add conv_b[o] to every position of channel o", {"bias": False}
    yield (
        "W_out used without a transpose (h @ W_out); Linear's weight is (O, H): "
        "logits = h @ W_out.T + b_out",
        {"head": "untransposed"},
    )


SIGNATURES = list(_signatures())


def shape_note(got, inputs):
    """A sentence on what a wrong shape suggests, or ''."""
    x, conv_W, _, stride = inputs[:4]
    N, n_out = x.shape[0], inputs[8].shape[0]
    L_out = (x.shape[2] - conv_W.shape[2]) // stride + 1
    if not isinstance(got, np.ndarray):
        return ""
    if got.shape in ((L_out, N, n_out), (N, L_out, n_out)) and got.shape != (N, n_out):
        return "logits for every step: the head reads only the last step's h, giving (N, O)."
    if got.shape == (n_out, N) and n_out != N:
        return "the logits are transposed, (O, N); the contract is (N, O), one row per sequence."
    return ""


def diagnose(got, inputs):
    """A sentence naming the mistake(s) whose logits equal ``got``, or ''."""
    want = forward(*inputs)
    candidates = signature_candidates(forward, inputs, SIGNATURES)
    found = sentence("logits equal", matching(got, want, candidates))
    return found or shape_note(got, inputs)
