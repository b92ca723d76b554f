"""Which questions a session asks, and in what order.

- review: the questions due now, most overdue first;
- learn: questions never answered, topic by topic in the bank's learning order
  (topics.yaml's `learn_order`), easy ones first within a topic;
- mixed: due reviews first, then new questions, up to `count` (what a plain
  `practice` run does);
- mock: auto-graded questions (answered or not), topics interleaved so that
  a mock interview moves around like a real one.

Every kind applies the filters of `bank.select` first and leaves suspended
questions out (buried ones too, until the next day).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from lstm_quiz.bank.models import Bank, Question
from lstm_quiz.bank.select import select_questions
from lstm_quiz.review.store import ProgressStore

SessionKind = Literal["review", "learn", "mixed", "mock"]
SESSION_KINDS: tuple[SessionKind, ...] = ("review", "learn", "mixed", "mock")
# Types a mock interview asks: those graded without the learner's own rating.
MOCK_TYPES = ("single", "multiple", "true_false", "numeric")
DEFAULT_COUNT = 10
DEFAULT_MOCK_COUNT = 10
# Seconds per question of a mock interview: a brisk interview pace.
MOCK_SECONDS_PER_QUESTION = 90


@dataclass(frozen=True)
class Filters:
    """The command line's selection: empty tuples match everything."""

    topics: tuple[str, ...] = ()
    difficulties: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()
    count: int = DEFAULT_COUNT
    seed: int | None = None
    mock_count: int = DEFAULT_MOCK_COUNT

    @property
    def active(self) -> bool:
        return bool(self.topics or self.difficulties or self.tags)

    def describe(self) -> str:
        """ "topic lstm_architecture · difficulty 1,2 · tag gates", or "" without filters."""
        parts = []
        if self.topics:
            parts.append("topic " + ",".join(self.topics))
        if self.difficulties:
            parts.append("difficulty " + ",".join(str(d) for d in self.difficulties))
        if self.tags:
            parts.append("tag " + ",".join(self.tags))
        return " · ".join(parts)


def matching(bank: Bank | Sequence[Question], filters: Filters) -> list[Question]:
    """The questions the filters keep, in bank order."""
    return select_questions(
        bank,
        topics=filters.topics,
        difficulties=filters.difficulties,
        tags=filters.tags,
        shuffle=False,
    )


def due_questions(
    questions: Sequence[Question], store: ProgressStore, now: datetime
) -> list[Question]:
    """The questions due at `now`, most overdue first (suspended ones left out)."""
    by_id = {q.id: q for q in questions}
    return [by_id[i] for i in store.due_ids(now, ids=by_id)]


def new_questions(
    questions: Sequence[Question],
    store: ProgressStore,
    seed: int | None,
    topic_rank: Mapping[str, int] | None = None,
    now: datetime | None = None,
) -> list[Question]:
    """The questions never answered, nor suspended, nor buried at `now`, in learning order.

    With ``topic_rank`` (see `Vocabulary.topic_rank`): by topic, then
    difficulty, then bank order, so a learner meets the basics before what
    builds on them. Without it, in a seeded shuffle.
    """
    by_id = {q.id: q for q in questions}
    fresh = set(store.new_ids(by_id, now=now))
    pool = [q for q in questions if q.id in fresh]
    if topic_rank is None:
        return select_questions(pool, seed=seed)
    last = len(topic_rank)
    return sorted(pool, key=lambda q: (topic_rank.get(q.topic, last), q.difficulty))


def interleave_topics(questions: Sequence[Question]) -> list[Question]:
    """Round-robin over topics (each topic's questions keep their order)."""
    by_topic: dict[str, list[Question]] = {}
    for question in questions:
        by_topic.setdefault(question.topic, []).append(question)
    lanes = list(by_topic.values())
    mixed: list[Question] = []
    depth = max((len(lane) for lane in lanes), default=0)
    for index in range(depth):
        mixed += [lane[index] for lane in lanes if index < len(lane)]
    return mixed


def build_queue(
    kind: SessionKind,
    bank: Bank | Sequence[Question],
    store: ProgressStore,
    filters: Filters,
    now: datetime,
) -> list[Question]:
    """The questions of a session of `kind`, in the order to ask them."""
    pool = matching(bank, filters)
    rank = bank.vocabulary.topic_rank() if isinstance(bank, Bank) else None
    if kind == "review":
        return due_questions(pool, store, now)[: filters.count]
    if kind == "learn":
        return new_questions(pool, store, filters.seed, rank, now)[: filters.count]
    if kind == "mixed":
        due = due_questions(pool, store, now)
        return (due + new_questions(pool, store, filters.seed, rank, now))[: filters.count]
    if kind == "mock":
        hidden = set(store.suspended_ids()) | set(store.buried_ids(now))
        graded = [q for q in pool if q.type in MOCK_TYPES and q.id not in hidden]
        shuffled = select_questions(graded, seed=filters.seed)
        # Topics take turns in the order they first come up in the shuffle.
        return interleave_topics(shuffled)[: filters.mock_count]
    raise ValueError(f"unknown session kind {kind!r}; expected one of {SESSION_KINDS}")
