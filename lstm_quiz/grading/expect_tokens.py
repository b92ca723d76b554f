"""Checks of discrete sequences (decoded tokens, token ids) for hidden suites.

Split from expect.py, which re-exports ``expect_token_sequences``; a failure
shows the first differing position and both sequences, in the learner's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from lstm_quiz.grading.engine_texts import engine
from lstm_quiz.grading.failure import GradingFailure, Message, _in_context, describe_type
from lstm_quiz.grading.messages import Text

# -- discrete sequences (decoded tokens, token ids): an array diff says nothing useful there

# How many tokens of a long sequence a failure shows on each side of the first difference.
TOKEN_WINDOW = 12


def expect_token_sequences(
    got: Any,
    want: Sequence[int] | Sequence[Sequence[int]] | np.ndarray,
    name: str,
    *,
    context: Message = "",
    diagnose: Callable[[], Message] | None = None,
) -> None:
    """``got`` equals ``want`` token for token; a failure shows the first differing position and both sequences.

    ``want`` is one of:

    - a flat sequence of ints (or an empty one): ``got`` must be a list (or
      tuple, or 1-D integer array) of ints, e.g. the best hypothesis of a beam;
    - a sequence of such sequences, one per batch row (rows may differ in
      length): ``got`` must be a list or tuple of as many rows;
    - a 2-D integer array: ``got`` must be an integer NumPy array of exactly
      that shape (padded rows, e.g. greedy decoding to max_len).

    ``diagnose`` (called only on a failure) names a known mistake.
    """
    try:
        _expect_token_sequences(got, want, name, context)
    except GradingFailure as failure:
        if diagnose is None:
            raise
        raise GradingFailure(failure.text, diagnose()) from None


def _is_token(value: Any) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def _expect_token_sequences(got: Any, want: Any, name: str, context: Message) -> None:

    def fail(key: str, **params: Any) -> GradingFailure:
        return GradingFailure(_in_context(engine(key, name=name, **params), context))

    if isinstance(want, np.ndarray):
        if not isinstance(got, np.ndarray):
            raise fail("tokens.array_type", shape=want.shape, got=describe_type(got))
        if got.dtype.kind not in "iu":
            raise fail("tokens.array_dtype", dtype=str(got.dtype))
        if got.shape != want.shape:
            raise fail("array.shape", got=got.shape, want=want.shape)
        for n, (row, want_row) in enumerate(zip(got.tolist(), want.tolist(), strict=True)):
            _expect_same_tokens(row, want_row, f"{name}[{n}]", context)
        return
    if all(_is_token(t) for t in want):
        _expect_same_tokens(_tokens_of(got, name, context), [int(t) for t in want], name, context)
        return
    if not isinstance(got, list | tuple):
        raise fail("tokens.rows_type", n=len(want), got=describe_type(got))
    if len(got) != len(want):
        raise fail("tokens.rows_count", got=len(got), want=len(want))
    for n, (row, want_row) in enumerate(zip(got, want, strict=True)):
        row_name = f"{name}[{n}]"
        _expect_same_tokens(
            _tokens_of(row, row_name, context), [int(t) for t in want_row], row_name, context
        )


def _tokens_of(value: Any, name: str, context: Message) -> list[int]:
    """A list of ints from a list, tuple or 1-D integer array of token ids, or a failure saying why not."""

    def fail(key: str, **params: Any) -> GradingFailure:
        return GradingFailure(_in_context(engine(key, **params), context))

    if isinstance(value, np.ndarray):
        if value.ndim != 1 or value.dtype.kind not in "iu":
            raise fail(
                "tokens.list_dtype", name=name, got=describe_type(value), dtype=str(value.dtype)
            )
        return [int(t) for t in value.tolist()]
    if not isinstance(value, list | tuple):
        raise fail("tokens.list_type", name=name, got=describe_type(value))
    for k, token in enumerate(value):
        if not _is_token(token):
            raise fail(
                "tokens.item_type", name=f"{name}[{k}]", got=describe_type(token), value=repr(token)
            )
    return [int(t) for t in value]


def _expect_same_tokens(got: list[int], want: list[int], name: str, context: Message) -> None:
    if got == want:
        return
    first = next(
        (k for k, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
        min(len(got), len(want)),
    )
    if first == min(len(got), len(want)):
        where = engine(
            "tokens.length", name=name, count=_count(len(got)), want=len(want), first=first
        )
    else:
        where = engine("tokens.differs", name=name, first=first, got=got[first], want=want[first])
    shown = engine(
        "tokens.shown", where=where, got=_show_tokens(got, first), want=_show_tokens(want, first)
    )
    raise GradingFailure(_in_context(shown, context))


def _count(tokens: int) -> Text:
    return engine("tokens.count_one" if tokens == 1 else "tokens.count", n=tokens)


def _show_tokens(tokens: list[int], around: int) -> str:
    """[a, b, c], cut to TOKEN_WINDOW tokens either side of ``around`` for long sequences."""
    start = max(0, around - TOKEN_WINDOW)
    stop = min(len(tokens), around + TOKEN_WINDOW + 1)
    shown = ", ".join(str(t) for t in tokens[start:stop])
    return f"[{'..., ' if start else ''}{shown}{', ...' if stop < len(tokens) else ''}]"
