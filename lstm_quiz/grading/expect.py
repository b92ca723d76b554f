"""Checks for hidden suites, with failure messages written for the learner.

A suite compares in the trusted process, so a solution cannot patch these.
Each check raises ``GradingFailure`` with a message that says which output is
wrong and how (type, shape, NaN, largest error), and an optional diagnosis.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from lstm_quiz.grading.box.protocol import Opaque
from lstm_quiz.grading.engine_texts import ENGINE, engine
from lstm_quiz.grading.expect_tokens import TOKEN_WINDOW, expect_token_sequences
from lstm_quiz.grading.failure import GradingFailure, Message, _in_context, describe_type
from lstm_quiz.grading.messages import Join, Text, as_text

RTOL = 1e-4
ATOL = 1e-5


# What a NaN in a recurrent step usually means; a suite may pass its own.
NAN_HINT = engine("hint.nan")
UNCHANGED_HINT = engine("hint.unchanged")


def expect_tuple(value: Any, names: Sequence[str]) -> tuple[Any, ...]:
    """A tuple (or list) of exactly len(names) items, e.g. (h, c)."""
    shape = "(" + ", ".join(names) + ")"
    if not isinstance(value, tuple | list):
        raise GradingFailure(engine("tuple.type", form=shape, got=describe_type(value)))
    if len(value) != len(names):
        raise GradingFailure(engine("tuple.length", form=shape, n=len(names), count=len(value)))
    return tuple(value)


def expect_dict(value: Any, keys: Sequence[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise GradingFailure(engine("dict.type", keys=", ".join(keys), got=describe_type(value)))
    missing = [k for k in keys if k not in value]
    if missing:
        raise GradingFailure(engine("dict.missing", keys=", ".join(missing)))
    return value


def expect_array_like(
    got: Any,
    shape: tuple[int, ...],
    name: Message,  # a value ("h"), or a Text for a name with words in it
    *,
    context: Message = "",
    diagnose: Callable[[], Message] | None = None,
) -> np.ndarray:
    """``got`` is a float NumPy array of exactly ``shape``.

    ``diagnose`` (called only on a failure) names a known mistake that gives
    this wrong type or shape.
    """
    try:
        return _expect_array_like(got, shape, name, context)
    except GradingFailure as failure:
        if diagnose is None:
            raise
        raise GradingFailure(failure.text, diagnose()) from None


def _expect_array_like(
    got: Any, shape: tuple[int, ...], name: Message, context: Message
) -> np.ndarray:
    if not isinstance(got, np.ndarray):
        key = "array.type"
        if isinstance(got, Opaque) and got.type_name.startswith("torch"):
            key = "array.type_torch"
        elif isinstance(got, list | tuple):
            key = "array.type_list"
        raise GradingFailure(_in_context(engine(key, name=name, got=describe_type(got)), context))
    if got.dtype.kind not in "f":
        raise GradingFailure(
            _in_context(engine("array.dtype", name=name, dtype=str(got.dtype)), context)
        )
    if got.shape != shape:
        key = "array.shape_same_size" if got.size == int(np.prod(shape)) else "array.shape"
        raise GradingFailure(
            _in_context(engine(key, name=name, got=got.shape, want=shape), context)
        )
    return got


def expect_output_and_state(
    got: Any, *, h: str = "h_T", c: str = "c_T", context: Message = ""
) -> tuple[Any, Any, Any]:
    """(hs, h, c) from a result shaped like torch.nn.LSTM's: ``hs, (h, c)``.

    A wrong structure fails with what was returned and how to return it.
    """
    form = f"(hs, ({h}, {c}))"
    if not isinstance(got, tuple | list):
        key = "state.type_array" if isinstance(got, np.ndarray) else "state.type"
        failure = engine(key, form=form, got=describe_type(got), h=h, c=c)
        raise GradingFailure(_in_context(failure, context))
    if len(got) == 3:
        raise GradingFailure(_in_context(engine("state.flat", form=form, h=h, c=c), context))
    if len(got) != 2:
        raise GradingFailure(
            _in_context(engine("state.length", form=form, count=len(got)), context)
        )
    hs, final = got
    if not isinstance(final, tuple | list) or len(final) != 2:
        what = (
            engine("items", count=len(final))
            if isinstance(final, tuple | list)
            else describe_type(final)
        )
        raise GradingFailure(
            _in_context(engine("state.second", form=form, h=h, c=c, got=what), context)
        )
    return hs, final[0], final[1]


def expect_array(
    got: Any,
    want: np.ndarray,
    name: Message,
    *,
    context: Message = "",
    diagnose: Callable[[], Message] | None = None,
    rtol: float = RTOL,
    atol: float = ATOL,
    nan_hint: Message | None = None,
) -> None:
    """``got`` is a float NumPy array of ``want``'s exact shape, finite where it is, and close to it.

    ``nan_hint`` replaces the advice given when ``got`` has NaN/inf where ``want``
    is finite ("" for none).
    """
    got = expect_array_like(got, want.shape, name, context=context)
    bad = ~np.isfinite(got)
    if bad.any() and np.isfinite(want).all():
        kinds = Join(
            tuple(k for k, mask in (("NaN", np.isnan(got)), ("inf", np.isinf(got))) if mask.any()),
            sep=ENGINE["nan.and"],
        )
        first = [int(i) for i in np.argwhere(bad)[0]]
        found = engine(
            "nan", name=name, kinds=kinds, bad=int(bad.sum()), size=got.size, first=first
        )
        message = _in_context(found, context)
        hint = NAN_HINT if nan_hint is None else nan_hint
        raise GradingFailure(
            engine("then", first=message, second=as_text(hint))
            if hint
            else engine("end", sentence=message),
            diagnose() if diagnose else "",
            nan=True,
        )
    if not np.allclose(got, want, rtol=rtol, atol=atol, equal_nan=True):
        error = np.abs(got.astype(np.float64) - want)
        where = np.unravel_index(int(np.nanargmax(error)), error.shape)
        index = [int(i) for i in where]
        differs = engine(
            "differs",
            name=name,
            error=float(error[where]),
            index=index,
            got=float(got[where]),
            want=float(want[where]),
        )
        raise GradingFailure(_in_context(differs, context), diagnose() if diagnose else "")


def expect_unchanged(
    before: Sequence[np.ndarray],
    after: Sequence[Any],
    names: Sequence[str],
    hint: Message = UNCHANGED_HINT,
) -> None:
    """The solution left its inputs as they were; ``hint`` says why that matters here."""
    changed = [
        name
        for name, old, new in zip(names, before, after, strict=True)
        if not (
            isinstance(new, np.ndarray)
            and new.shape == old.shape
            and np.array_equal(new, old, equal_nan=True)
        )
    ]
    if changed:
        raise GradingFailure(engine("unchanged", names=", ".join(changed), hint=as_text(hint)))


# -- shared by several suites: inputs left unchanged, many gradients at once


def expect_inputs_unchanged(
    solution: Any,
    function: str,
    inputs: Sequence[Any],
    names: Sequence[str],
    hint: Message = UNCHANGED_HINT,
    diagnosis: Message = "",
) -> None:
    """Calls ``function`` on ``inputs`` and checks it left every array among them as it was.

    An input that is a tuple or list of arrays (a parameter tuple, a list of
    gradients) is checked item by item, named "NAME[k]"; scalars are not checked.
    """
    flat_names: list[str] = []
    before: list[np.ndarray] = []
    for name, value in zip(names, inputs, strict=True):
        if isinstance(value, tuple | list):
            flat_names += [f"{name}[{k}]" for k in range(len(value))]
            before += [np.array(v, copy=True) for v in value]
        elif isinstance(value, np.ndarray):
            flat_names.append(name)
            before.append(value.copy())
    after_args = solution.call(function, *inputs).args_after
    after: list[Any] = []
    for value, new in zip(inputs, after_args, strict=True):
        if isinstance(value, tuple | list):
            same_length = isinstance(new, tuple | list) and len(new) == len(value)
            after += list(new) if same_length else [None] * len(value)
        elif isinstance(value, np.ndarray):
            after.append(new)
    try:
        expect_unchanged(before, after, flat_names, hint)
    except GradingFailure as failure:
        raise GradingFailure(failure.text, diagnosis) from None


def rel_error(got: np.ndarray, want: np.ndarray) -> float:
    """CS231n's gradient-check error: max(|a - b| / max(1e-8, |a| + |b|))."""
    got = got.astype(np.float64)
    return float(np.max(np.abs(got - want) / np.maximum(1e-8, np.abs(got) + np.abs(want))))


def _and_list(names: Sequence[str]) -> Join:
    return Join(tuple(names), last=(" and ", " 和 "))


def expect_gradients(
    got: dict[str, Any],
    want: dict[str, np.ndarray],
    *,
    context: Message = "",
    diagnose: Callable[[], Message] | None = None,
) -> None:
    """Every gradient in ``want`` (in its order) matches; a failure names which are wrong and which right.

    Each wrong gradient gets its own line with its largest error and its
    rel_error; the advice on NaN is given once, not once per gradient.
    """
    keys = list(want)
    problems: dict[str, Message] = {}
    explained = False  # the advice on NaN was given
    for name in keys:
        value, target = got.get(name), want[name]
        extra: Message = ""
        if (
            isinstance(value, np.ndarray)
            and value.dtype.kind == "f"
            and value.shape == target.shape
            and np.isfinite(value).all()
        ):
            extra = engine("rel_error", value=rel_error(value, target))
        try:
            expect_array(value, target, name, context=extra, nan_hint="" if explained else None)
        except GradingFailure as failure:
            problems[name] = failure.text
            explained = explained or failure.nan
    if not problems:
        return
    wrong = [k for k in keys if k in problems]
    right = [k for k in keys if k not in problems]
    if not right:
        summary = engine("gradients.all_wrong", n=len(keys))
    else:
        summary = engine(
            "gradients.some_wrong",
            wrong=_and_list(wrong),
            wrong_verb=engine("verb.is" if len(wrong) == 1 else "verb.are"),
            right=_and_list(right),
            right_verb=engine("verb.is" if len(right) == 1 else "verb.are"),
        )
    lines = Join(tuple(as_text(problems[k]) for k in wrong), sep=("\n", "\n"))
    message = Text(
        "{summary}\n{lines}",
        {"summary": _in_context(summary, context), "lines": lines},
        "{summary}\n{lines}",
    )
    raise GradingFailure(message, diagnose() if diagnose else "")


__all__ = [
    "ATOL",
    "NAN_HINT",
    "RTOL",
    "TOKEN_WINDOW",
    "UNCHANGED_HINT",
    "GradingFailure",
    "Message",
    "describe_type",
    "expect_array",
    "expect_array_like",
    "expect_dict",
    "expect_gradients",
    "expect_inputs_unchanged",
    "expect_output_and_state",
    "expect_token_sequences",
    "expect_tuple",
    "expect_unchanged",
    "rel_error",
]
