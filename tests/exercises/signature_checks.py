"""Checks shared by the exercises' reference tests: is every known mistake told apart?"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from types import ModuleType
from typing import Any


def mistakes_never_named_alone(
    signatures: ModuleType,
    probes: Sequence[Sequence[Any]],
    run: Callable[..., Any],
) -> list[str]:
    """The mistakes of `signatures.SIGNATURES` that no probe names on their own.

    `run(*inputs, **options)` computes a mistake's output (None when it does not
    apply to those inputs). A diagnosis listing several candidates ("each of
    these ...") does not count: the learner would not know which one they made.
    """
    missing = []
    for description, options in signatures.SIGNATURES:
        if not any(_named_alone(signatures, run, description, options, p) for p in probes):
            missing.append(description)
    return missing


def mistakes_without_effect(
    signatures: ModuleType, inputs: Sequence[Any], run: Callable[..., Any], want: Any
) -> list[str]:
    """The mistakes whose output on ``inputs`` is missing (None) or equals ``want``, the right one.

    Each known mistake must change the result on some input, or the suite
    could never catch it and its diagnosis could never be given.
    """
    from lstm_quiz.grading.diagnose import close

    return [
        description
        for description, options in signatures.SIGNATURES
        if (got := run(*inputs, **options)) is None or close(got, want)
    ]


def _named_alone(
    signatures: ModuleType,
    run: Callable[..., Any],
    description: str,
    options: dict[str, Any],
    inputs: Iterable[Any],
) -> bool:
    inputs = tuple(inputs)
    got = run(*inputs, **options)
    if got is None:
        return False
    diagnosis = str(signatures.diagnose(got, inputs))  # a Text in the learner's language
    return str(description) in diagnosis and "each of these" not in diagnosis
