"""Naming a learner's mistake from its output, for the exercises' signatures.py files.

A signature recomputes the exercise with one classic bug. When the learner's
output equals a signature's output, and that signature's output differs from
the correct one on the same inputs, the diagnosis names the bug. Two bugs
that give identical outputs on the probe are named together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from lstm_quiz.grading.engine_texts import engine
from lstm_quiz.grading.messages import Join, Text, as_text

RTOL = 1e-4
ATOL = 1e-5


def close(a: Any, b: Any, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """np.allclose's rule for arrays, scalars and tuples/lists of them; shapes must match exactly.

    Written out because diagnose() compares dozens of pairs and np.allclose's
    overhead would dominate.
    """
    if isinstance(b, tuple | list):
        return (
            isinstance(a, tuple | list)
            and len(a) == len(b)
            and all(close(x, y, rtol, atol) for x, y in zip(a, b, strict=True))
        )
    if isinstance(a, float | int | np.generic):
        a = np.asarray(a, dtype=float)
    if not isinstance(a, np.ndarray) or a.shape != np.shape(b):
        return False
    try:
        return bool(np.all(np.abs(a - b) <= atol + rtol * np.abs(b)))
    except TypeError:
        return False


def signature_candidates(
    compute: Callable[..., Any],
    inputs: tuple[Any, ...],
    signatures: Iterable[tuple[Text | str, dict]],
) -> list[tuple[Text | str, Callable[[], Any]]]:
    """The (description, thunk) pairs `matching` takes: ``compute(*inputs, **options)`` per signature.

    Each result is computed once per inputs and kept on ``compute`` (the
    signatures module's function, loaded anew for each grading session): a
    batch session diagnosing many submissions on the same probes computes
    every signature once, not once per submission.
    """
    memo: dict[tuple[bytes, str], Any] = compute.__dict__.setdefault("_lstm_quiz_memo", {})
    key = _digest(inputs)

    def thunk(description: Text | str, options: dict) -> Callable[[], Any]:
        name = str(description)

        def result() -> Any:
            if (key, name) not in memo:
                memo[(key, name)] = compute(*inputs, **options)
            return memo[(key, name)]

        return result

    return [(description, thunk(description, options)) for description, options in signatures]


def _digest(value: Any) -> bytes:
    """A fingerprint of probe inputs (arrays, numbers, tuples of them)."""
    import hashlib

    hasher = hashlib.blake2b(digest_size=16)

    def feed(item: Any) -> None:
        if isinstance(item, np.ndarray):
            hasher.update(f"{item.dtype.str}{item.shape}".encode())
            hasher.update(np.ascontiguousarray(item).tobytes())
        elif isinstance(item, tuple | list):
            hasher.update(b"(")
            for part in item:
                feed(part)
            hasher.update(b")")
        else:
            hasher.update(repr(item).encode())

    feed(value)
    return hasher.digest()


def matching(
    got: Any, want: Any, candidates: Iterable[tuple[Text | str, Callable[[], Any]]]
) -> list[Text | str]:
    """Descriptions of the candidates whose result equals ``got`` (and not ``want``).

    A candidate returns None when it cannot apply to these inputs (a transpose
    bug where D != H, say).
    """
    found = []
    for description, compute in candidates:
        result = compute()
        if result is None or close(result, want):
            continue  # this mistake makes no difference on these inputs
        if close(got, result):
            found.append(description)
    return found


def sentence(what: Text | str, matches: Sequence[Text | str]) -> Text | str:
    """'Your h equals the result of a known mistake: ...', or '' when nothing matched.

    ``what`` and the mistakes are the exercise's texts: its catalog
    (messages.zh.yaml) gives their Chinese.
    """
    if not matches:
        return ""
    if len(matches) == 1:
        return engine("diagnosis.one", what=as_text(what), mistake=as_text(matches[0]))
    listed = Join(tuple(as_text(m) for m in matches), sep=("; or ", "；或"))
    return engine("diagnosis.many", what=as_text(what), mistakes=listed)
