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

RTOL = 1e-4
ATOL = 1e-5


# What a NaN in a recurrent step usually means; a suite may pass its own.
NAN_HINT = (
    "With large inputs, np.exp overflows (e^z is inf beyond z ≈ 709 in float64): a tanh written as "
    "(e^z - e^-z)/(e^z + e^-z) gives inf/inf = NaN. Use np.tanh, and a sigmoid that cannot divide inf by inf."
)
UNCHANGED_HINT = (
    "the caller still needs them (e.g. c_prev for the backward pass): compute new arrays "
    "(c = f * c_prev + ...) instead of updating with *=, += or [...] ="
)


class GradingFailure(AssertionError):
    def __init__(self, message: str, diagnosis: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.diagnosis = diagnosis


def describe_type(value: Any) -> str:
    if value is None:
        return "None (did you forget to return?)"
    if isinstance(value, Opaque):
        return f"a {value.type_name}"
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape}"
    if isinstance(value, np.generic | float | int):
        return f"a scalar ({type(value).__name__})"
    return f"a {type(value).__name__}"


def expect_tuple(value: Any, names: Sequence[str]) -> tuple[Any, ...]:
    """A tuple (or list) of exactly len(names) items, e.g. (h, c)."""
    shape = "(" + ", ".join(names) + ")"
    if not isinstance(value, tuple | list):
        raise GradingFailure(f"expected a tuple {shape}, got {describe_type(value)}")
    if len(value) != len(names):
        raise GradingFailure(
            f"expected a tuple {shape} of {len(names)} items, got {len(value)} items"
        )
    return tuple(value)


def expect_dict(value: Any, keys: Sequence[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise GradingFailure(
            f"expected a dict with keys {', '.join(keys)}, got {describe_type(value)}"
        )
    missing = [k for k in keys if k not in value]
    if missing:
        raise GradingFailure(f"the returned dict has no key(s) {', '.join(missing)}")
    return value


def expect_array_like(
    got: Any,
    shape: tuple[int, ...],
    name: str,
    *,
    context: str = "",
    diagnose: Callable[[], str] | None = None,
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
        raise GradingFailure(failure.message, diagnose()) from None


def _expect_array_like(got: Any, shape: tuple[int, ...], name: str, context: str) -> np.ndarray:
    suffix = f" ({context})" if context else ""
    if not isinstance(got, np.ndarray):
        hint = ""
        if isinstance(got, Opaque) and got.type_name.startswith("torch"):
            hint = "; convert with .numpy() or, better, compute with NumPy"
        elif isinstance(got, list | tuple):
            hint = "; wrap it with np.array(...) or compute with NumPy arrays throughout"
        raise GradingFailure(
            f"{name} should be a numpy.ndarray, got {describe_type(got)}{hint}{suffix}"
        )
    if got.dtype.kind not in "f":
        raise GradingFailure(
            f"{name} has dtype {got.dtype}; expected floating point values{suffix}"
        )
    if got.shape != shape:
        hint = ""
        if got.size == int(np.prod(shape)):
            hint = " (same number of values: a squeeze, reshape or transpose too many?)"
        raise GradingFailure(f"{name} has shape {got.shape}, expected {shape}{hint}{suffix}")
    return got


def expect_output_and_state(
    got: Any, *, h: str = "h_T", c: str = "c_T", context: str = ""
) -> tuple[Any, Any, Any]:
    """(hs, h, c) from a result shaped like torch.nn.LSTM's: ``hs, (h, c)``.

    A wrong structure fails with what was returned and how to return it.
    """
    suffix = f" ({context})" if context else ""
    form = f"(hs, ({h}, {c}))"
    if not isinstance(got, tuple | list):
        hint = ""
        if isinstance(got, np.ndarray):
            hint = f"; return the final state too: return hs, ({h}, {c})"
        raise GradingFailure(f"expected a tuple {form}, got {describe_type(got)}{hint}{suffix}")
    if len(got) == 3:
        raise GradingFailure(
            f"expected {form}: a pair whose second item is itself the pair ({h}, {c}), "
            "as torch.nn.LSTM returns output, (h_n, c_n); got a flat tuple of 3 items. "
            f"Return hs, (h, c), not hs, h, c{suffix}"
        )
    if len(got) != 2:
        raise GradingFailure(f"expected a tuple {form} of 2 items, got {len(got)} items{suffix}")
    hs, final = got
    if not isinstance(final, tuple | list) or len(final) != 2:
        what = f"{len(final)} items" if isinstance(final, tuple | list) else describe_type(final)
        raise GradingFailure(
            f"the second item of {form} should be the pair ({h}, {c}), got {what}{suffix}"
        )
    return hs, final[0], final[1]


def expect_array(
    got: Any,
    want: np.ndarray,
    name: str,
    *,
    context: str = "",
    diagnose: Callable[[], str] | None = None,
    rtol: float = RTOL,
    atol: float = ATOL,
    nan_hint: str | None = None,
) -> None:
    """``got`` is a float NumPy array of ``want``'s exact shape, finite where it is, and close to it.

    ``nan_hint`` replaces the advice given when ``got`` has NaN/inf where ``want``
    is finite ("" for none).
    """
    suffix = f" ({context})" if context else ""
    got = expect_array_like(got, want.shape, name, context=context)
    bad = ~np.isfinite(got)
    if bad.any() and np.isfinite(want).all():
        kinds = " and ".join(
            k for k, mask in (("NaN", np.isnan(got)), ("inf", np.isinf(got))) if mask.any()
        )
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        raise GradingFailure(
            f"{name} contains {kinds} in {int(bad.sum())} of {got.size} entries (first at {list(first)}), "
            f"where the reference is finite{suffix}. {NAN_HINT if nan_hint is None else nan_hint}".rstrip(),
            diagnose() if diagnose else "",
        )
    if not np.allclose(got, want, rtol=rtol, atol=atol, equal_nan=True):
        error = np.abs(got.astype(np.float64) - want)
        where = np.unravel_index(int(np.nanargmax(error)), error.shape)
        index = [int(i) for i in where]
        raise GradingFailure(
            f"{name} differs from the reference: max abs error {float(error[where]):.3g} at {index} "
            f"(got {float(got[where]):.6g}, want {float(want[where]):.6g}){suffix}",
            diagnose() if diagnose else "",
        )


def expect_unchanged(
    before: Sequence[np.ndarray],
    after: Sequence[Any],
    names: Sequence[str],
    hint: str = UNCHANGED_HINT,
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
        raise GradingFailure(
            f"your function modified its input(s) {', '.join(changed)} in place; {hint}"
        )


# -- discrete sequences (decoded tokens, token ids): an array diff says nothing useful there

# How many tokens of a long sequence a failure shows on each side of the first difference.
TOKEN_WINDOW = 12


def expect_token_sequences(
    got: Any,
    want: Sequence[int] | Sequence[Sequence[int]] | np.ndarray,
    name: str,
    *,
    context: str = "",
    diagnose: Callable[[], str] | None = None,
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
        raise GradingFailure(failure.message, diagnose()) from None


def _is_token(value: Any) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def _expect_token_sequences(got: Any, want: Any, name: str, context: str) -> None:
    suffix = f" ({context})" if context else ""
    if isinstance(want, np.ndarray):
        if not isinstance(got, np.ndarray):
            raise GradingFailure(
                f"{name} should be a numpy.ndarray of integer token ids, shape {want.shape}, "
                f"got {describe_type(got)}{suffix}"
            )
        if got.dtype.kind not in "iu":
            raise GradingFailure(
                f"{name} has dtype {got.dtype}; expected integer token ids (np.argmax returns "
                f"int64; convert with .astype(np.int64)){suffix}"
            )
        if got.shape != want.shape:
            raise GradingFailure(f"{name} has shape {got.shape}, expected {want.shape}{suffix}")
        for n, (row, want_row) in enumerate(zip(got.tolist(), want.tolist(), strict=True)):
            _expect_same_tokens(row, want_row, f"{name}[{n}]", suffix)
        return
    if all(_is_token(t) for t in want):
        _expect_same_tokens(_tokens_of(got, name, suffix), [int(t) for t in want], name, suffix)
        return
    if not isinstance(got, list | tuple):
        raise GradingFailure(
            f"{name} should be a list of {len(want)} token lists, got {describe_type(got)}{suffix}"
        )
    if len(got) != len(want):
        raise GradingFailure(
            f"{name} has {len(got)} sequences, expected {len(want)} (one per batch row){suffix}"
        )
    for n, (row, want_row) in enumerate(zip(got, want, strict=True)):
        row_name = f"{name}[{n}]"
        _expect_same_tokens(
            _tokens_of(row, row_name, suffix), [int(t) for t in want_row], row_name, suffix
        )


def _tokens_of(value: Any, name: str, suffix: str) -> list[int]:
    """A list of ints from a list, tuple or 1-D integer array of token ids, or a failure saying why not."""
    if isinstance(value, np.ndarray):
        if value.ndim != 1 or value.dtype.kind not in "iu":
            raise GradingFailure(
                f"{name} should be a list of int token ids, got {describe_type(value)} of dtype "
                f"{value.dtype}{suffix}"
            )
        return [int(t) for t in value.tolist()]
    if not isinstance(value, list | tuple):
        raise GradingFailure(
            f"{name} should be a list of int token ids, got {describe_type(value)}{suffix}"
        )
    for k, token in enumerate(value):
        if not _is_token(token):
            raise GradingFailure(
                f"{name}[{k}] should be an int token id, got {describe_type(token)} "
                f"({token!r}){suffix}"
            )
    return [int(t) for t in value]


def _expect_same_tokens(got: list[int], want: list[int], name: str, suffix: str) -> None:
    if got == want:
        return
    first = next(
        (k for k, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
        min(len(got), len(want)),
    )
    if first == min(len(got), len(want)):
        where = (
            f"{name} has {_count(len(got))}, the reference {len(want)}; they agree on the first "
            f"{first}"
        )
    else:
        where = f"{name} differs from the reference at position {first} (got {got[first]}, want {want[first]})"
    raise GradingFailure(
        f"{where}: got {_show_tokens(got, first)}, want {_show_tokens(want, first)}{suffix}"
    )


def _count(tokens: int) -> str:
    return f"{tokens} token" if tokens == 1 else f"{tokens} tokens"


def _show_tokens(tokens: list[int], around: int) -> str:
    """[a, b, c], cut to TOKEN_WINDOW tokens either side of ``around`` for long sequences."""
    start = max(0, around - TOKEN_WINDOW)
    stop = min(len(tokens), around + TOKEN_WINDOW + 1)
    shown = ", ".join(str(t) for t in tokens[start:stop])
    return f"[{'..., ' if start else ''}{shown}{', ...' if stop < len(tokens) else ''}]"


# -- shared by several suites: inputs left unchanged, many gradients at once


def expect_inputs_unchanged(
    solution: Any,
    function: str,
    inputs: Sequence[Any],
    names: Sequence[str],
    hint: str = UNCHANGED_HINT,
    diagnosis: str = "",
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
        raise GradingFailure(failure.message, diagnosis) from None


def rel_error(got: np.ndarray, want: np.ndarray) -> float:
    """CS231n's gradient-check error: max(|a - b| / max(1e-8, |a| + |b|))."""
    got = got.astype(np.float64)
    return float(np.max(np.abs(got - want) / np.maximum(1e-8, np.abs(got) + np.abs(want))))


def _and_list(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def expect_gradients(
    got: dict[str, Any],
    want: dict[str, np.ndarray],
    *,
    context: str = "",
    diagnose: Callable[[], str] | None = None,
) -> None:
    """Every gradient in ``want`` (in its order) matches; a failure names which are wrong and which right.

    Each wrong gradient gets its own line with its largest error and its
    rel_error; the advice on NaN is given once, not once per gradient.
    """
    keys = list(want)
    problems: dict[str, str] = {}
    for name in keys:
        value, target = got.get(name), want[name]
        extra = ""
        if (
            isinstance(value, np.ndarray)
            and value.dtype.kind == "f"
            and value.shape == target.shape
            and np.isfinite(value).all()
        ):
            extra = f"rel_error {rel_error(value, target):.2e}"
        try:
            expect_array(value, target, name, context=extra)
        except GradingFailure as failure:
            problems[name] = failure.message
    if not problems:
        return
    wrong = [k for k in keys if k in problems]
    right = [k for k in keys if k not in problems]
    if not right:
        summary = f"all {len(keys)} gradients are wrong"
    else:
        summary = (
            f"{_and_list(wrong)} {'is' if len(wrong) == 1 else 'are'} wrong; "
            f"{_and_list(right)} {'is' if len(right) == 1 else 'are'} right"
        )
    lines, explained = [], False
    for k in wrong:
        first, sep, _ = problems[k].partition(
            ". " + NAN_HINT.split(",")[0]
        )  # ". With large inputs"
        lines.append(first + "." if sep and explained else problems[k])
        explained = explained or bool(sep)
    suffix = f" ({context})" if context else ""
    raise GradingFailure(f"{summary}{suffix}\n" + "\n".join(lines), diagnose() if diagnose else "")
