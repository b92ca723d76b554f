"""Choosing the questions of a session: filter, then a seeded shuffle, then count.

Used by `practice --plain` and, later, by the TUI.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence

from lstm_quiz.bank.models import DIFFICULTIES, Bank, Question
from lstm_quiz.errors import UsageError, did_you_mean


def select_questions(
    questions: Iterable[Question],
    *,
    topics: Collection[str] = (),
    difficulties: Collection[int] = (),
    tags: Collection[str] = (),
    types: Collection[str] = (),
    count: int | None = None,
    seed: int | None = None,
    shuffle: bool = True,
) -> list[Question]:
    """The questions matching every given filter (each filter: any of its values).

    An empty filter matches everything. With ``shuffle``, the order is random,
    reproducible with ``seed``; ``count`` then keeps the first ``count``.
    """
    chosen = [
        q
        for q in questions
        if (not topics or q.topic in topics)
        and (not difficulties or q.difficulty in difficulties)
        and (not tags or not set(tags).isdisjoint(q.tags))
        and (not types or q.type in types)
    ]
    if shuffle:
        random.Random(seed).shuffle(chosen)
    if count is not None:
        if count < 0:
            raise UsageError(f"count must be 0 or more, not {count}")
        chosen = chosen[:count]
    return chosen


def check_filters(
    bank: Bank,
    *,
    topics: Sequence[str] = (),
    difficulties: Sequence[int] = (),
    tags: Sequence[str] = (),
) -> None:
    """Raise `UsageError` for a topic, tag or difficulty the bank does not know."""
    for topic in topics:
        if topic not in bank.topics:
            raise UsageError(f"unknown topic '{topic}': {did_you_mean(topic, list(bank.topics))}")
    known_tags = sorted(bank.vocabulary.tags)
    for tag in tags:
        if tag not in bank.vocabulary.tags:
            raise UsageError(f"unknown tag '{tag}': {did_you_mean(tag, known_tags)}")
    for difficulty in difficulties:
        if difficulty not in DIFFICULTIES:
            raise UsageError(f"difficulty must be 1, 2 or 3, not {difficulty}")


def parse_difficulties(values: Sequence[str]) -> list[int]:
    """``["1", "2,3"]`` or ``["1-2"]`` -> ``[1, 2, 3]``; `UsageError` for anything else."""
    found: list[int] = []
    for value in values:
        for part in value.replace(" ", "").split(","):
            low, dash, high = part.partition("-")
            try:
                numbers = range(int(low), int(high) + 1) if dash else [int(low)]
            except ValueError:
                raise UsageError(
                    f"bad difficulty '{value}': expected 1, 2 or 3, a list such as 1,2 or a range such as 1-2"
                ) from None
            for number in numbers:
                if number not in DIFFICULTIES:
                    raise UsageError(f"difficulty must be 1, 2 or 3, not {number}")
                if number not in found:
                    found.append(number)
    return found
