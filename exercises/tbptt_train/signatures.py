"""Diagnoses for tbptt_train: the training runs of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite. ``variant`` is tbptt_train with one
known bug: how the state is detached (``detach``), whether it is reset per
chunk, where zero_grad sits, and how the chunks are cut. The suite runs each
variant with the harness's ``rig`` on the same model and data as the
solution; when the solution's run (its autograd error, or its losses and
parameters after every step) equals a variant's, and the variant's differs
from the correct run, the mistake is named. ``call_notes`` reads the record
of the model's calls for what no variant covers.
"""

import numpy as np
import torch

from lstm_quiz.grading.diagnose import close, sentence
from lstm_quiz.grading.messages import joined, text


def variant(
    model, optimizer, loss_fn, x, y, k,
    *, detach="chunk", reset=False, zero_grad="first", chunks="right",
):  # fmt: skip
    T = x.shape[1]
    last = T - k + 1 if chunks == "drop_partial" else T
    width = {"right": k, "drop_partial": k, "short": k - 1, "overlap": k + 1}[chunks]
    losses, state = [], None
    for start in range(0, last, k):
        cx, cy = x[:, start : start + width], y[:, start : start + width]
        if cx.shape[1] == 0:
            continue
        if reset:
            state = None
        if zero_grad == "first":
            optimizer.zero_grad()
        if detach == "every_step":  # the graph cut after every step inside the chunk
            outs = []
            for t in range(cx.shape[1]):
                out, state = model(cx[:, t : t + 1], state)
                state = tuple(s.detach() for s in state)
                outs.append(out)
            out = outs[0] if len(outs) == 1 else torch.cat(outs, dim=1)
        else:
            out, state = model(cx, state)
        loss = loss_fn(out, cy)
        loss.backward(retain_graph=detach == "none_retain")
        if zero_grad == "before_step":
            optimizer.zero_grad()
        optimizer.step()
        if detach == "chunk":
            state = tuple(s.detach() for s in state)
        elif detach == "h_only":
            state = (state[0].detach(), state[1])
        losses.append(loss.item())
    return losses


SIGNATURES = [
    (
        "the state not detached between chunks: the second chunk's backward ran back into the "
        "first chunk's graph, which the first backward had already freed; detach the state after "
        "each chunk: state = tuple(s.detach() for s in state)",
        {"detach": "none"},
    ),
    (
        "the state not detached, with backward(retain_graph=True): each backward runs back through "
        "every earlier chunk (the graph grows with the sequence) and reaches weights that "
        "optimizer.step() has since changed in place; detach the state instead of retaining graphs",
        {"detach": "none_retain"},
    ),
    (
        "h detached but not c: c still links the chunks' graphs; detach both tensors of the state",
        {"detach": "h_only"},
    ),
    (
        "the state detached after every step inside the chunk: gradients flow back one step "
        "instead of up to k; detach only between chunks",
        {"detach": "every_step"},
    ),
    (
        "the state reset to zeros at every chunk: nothing learnt in one chunk reaches the next; "
        "pass the previous chunk's final state (detached) to the next chunk",
        {"reset": True},
    ),
    (
        "optimizer.zero_grad() never called: each step applies the sum of the gradients of all "
        "chunks so far; call it once per chunk, before backward",
        {"zero_grad": "never"},
    ),
    (
        "optimizer.zero_grad() called between backward() and step(): every step applies zero "
        "gradients and the parameters never change; call it before backward",
        {"zero_grad": "before_step"},
    ),
    (
        "chunks of k - 1 steps (x[:, start:start + k - 1]): one step of every chunk is skipped; a "
        "chunk is x[:, start:start + k]",
        {"chunks": "short"},
    ),
    (
        "chunks of k + 1 steps (x[:, start:start + k + 1]): consecutive chunks overlap by one step; "
        "a chunk is x[:, start:start + k]",
        {"chunks": "overlap"},
    ),
    (
        "the last, shorter chunk dropped (range(0, T - k + 1, k)): its steps are never trained on; "
        "range(0, T, k) keeps it, and slicing past the end simply gives fewer steps",
        {"chunks": "drop_partial"},
    ),
]


def same_run(a, b):
    """Two rig results are the same run: the same autograd error after the same calls (which of h
    and c still carried a graph tells the detach mistakes apart), or the same losses and parameters."""
    if a["error"] or b["error"]:
        return a["error"] == b["error"] and bool(np.array_equal(a["calls"], b["calls"]))
    if a["losses"] is None or b["losses"] is None:
        return False
    return close(a["losses"], b["losses"]) and close(a["snapshots"], b["snapshots"])


def matching_mistakes(got, want, run_variant):
    """Descriptions of the variants whose run equals ``got`` (and differs from ``want``)."""
    found = []
    for description, options in SIGNATURES:
        result = run_variant(options)
        if same_run(result, want):
            continue
        if same_run(got, result):
            found.append(description)
    return found


def chunk_lengths(T, k):
    return [min(k, T - start) for start in range(0, T, k)]


def call_notes(calls, T, k):
    """Sentences on what the record of the model's calls shows, or ''."""
    if len(calls) == 0:
        return "Your tbptt_train never called the model."
    lengths = [int(n) for n in calls[:, 0]]
    want = chunk_lengths(T, k)
    notes = []
    if lengths != want and not (set(lengths) == {1} and len(lengths) == T):
        notes.append(
            text(
                "The model was called on chunks of {lengths} steps; the chunks of T = {T} with "
                "k = {k} are {want}.",
                lengths=str(lengths),
                T=T,
                k=k,
                want=str(want),
            )
        )
    if len(calls) > 1 and calls[1:, 1].any():
        first = int(np.flatnonzero(calls[1:, 1])[0]) + 1
        notes.append(
            text(
                "Call {call} of the model started from a zero state (or None): the state was not "
                "carried over from the previous chunk.",
                call=first + 1,
            )
        )
    return joined(tuple(notes)) if notes else ""


def diagnose(got, want, run_variant, T, k):
    """A sentence naming the mistake(s) whose run equals ``got``, else what the calls show, or ''."""
    found = matching_mistakes(got, want, run_variant)
    return sentence("training run equals", found) or call_notes(got["calls"], T, k)


__all__ = ["SIGNATURES", "call_notes", "chunk_lengths", "diagnose", "same_run", "variant"]
