"""The end of a session: score, time, per-topic results, weakest topics, what is due next.

The score counts questions, not answers: a missed card that came back in the
session (see `practice.RETURN_AFTER_CARDS`) is scored by its first answer, so
"6/7" means six of seven questions known at first sight. A mock interview is
scored over the questions it asked: one left unanswered counts as wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from lstm_quiz.bank.models import Question
from lstm_quiz.review.store import ProgressStore
from lstm_quiz.review.timeutil import end_of_local_day, local_date
from lstm_quiz.session.practice import Outcome, PracticeSession
from lstm_quiz.session.queue import SessionKind

__all__ = ["DueNext", "SessionSummary", "TopicResult", "due_next", "summarize"]

# At most this many topics are called the weakest.
WEAKEST_COUNT = 3


@dataclass(frozen=True)
class TopicResult:
    topic: str
    answered: int
    right: int

    @property
    def wrong(self) -> int:
        return self.answered - self.right

    @property
    def fraction(self) -> float:
        return self.right / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class DueNext:
    """Reviews coming up, counted over the questions of the bank."""

    now: int  # due at this moment (overdue included)
    tomorrow: int  # due during tomorrow (local day)
    week: int  # due before the end of the 7th local day from today, `now` included
    next_due: datetime | None  # the earliest due time after now, if any


@dataclass(frozen=True)
class SessionSummary:
    kind: SessionKind
    total: int  # questions in the session's queue
    answered: int
    right: int
    duration: timedelta
    per_topic: list[TopicResult]  # in the order topics first came up
    weakest: list[TopicResult]  # topics with a wrong answer, worst first
    due: DueNext
    outcomes: list[Outcome]  # every answer, a returning card's included
    unanswered: list[str]  # ids of the queue's questions left unanswered
    missed: list[str] = field(default_factory=list)  # ids answered wrong, first missed first
    # Each question of the session as shown (a template's values drawn): what a face
    # names and reviews, never the bank's question with its {placeholders}.
    shown: dict[str, Question] = field(default_factory=dict)

    def question(self, question_id: str) -> Question | None:
        """The question `question_id` as the session showed it (drawn if never shown)."""
        return self.shown.get(question_id)

    @property
    def score_total(self) -> int:
        """What the score is out of: questions answered, or all asked in a mock interview."""
        return self.total if self.kind == "mock" else self.answered

    @property
    def wrong(self) -> int:
        return self.answered - self.right

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.score_total) if self.score_total else 0


def first_answers(outcomes: Iterable[Outcome]) -> list[Outcome]:
    """The first answer to each question, in the order given."""
    first: dict[str, Outcome] = {}
    for outcome in outcomes:
        first.setdefault(outcome.question.id, outcome)
    return list(first.values())


def topic_results(outcomes: Iterable[Outcome]) -> list[TopicResult]:
    counts: dict[str, list[int]] = {}
    for outcome in outcomes:
        answered_right = counts.setdefault(outcome.question.topic, [0, 0])
        answered_right[0] += 1
        answered_right[1] += outcome.correct
    return [TopicResult(topic, answered, right) for topic, (answered, right) in counts.items()]


def weakest_topics(results: Iterable[TopicResult], limit: int = WEAKEST_COUNT) -> list[TopicResult]:
    """Topics with at least one wrong answer: lowest share right first, then most wrong."""
    weak = [result for result in results if result.wrong]
    weak.sort(key=lambda result: (result.fraction, -result.wrong, result.topic))
    return weak[:limit]


def due_next(
    store: ProgressStore, ids: Iterable[str], now: datetime, tz: tzinfo | None = None
) -> DueNext:
    """What falls due among `ids` (the bank's questions): now, tomorrow, this week, next."""
    records = [
        record for record in store.card_records(ids) if record.reviewed and not record.suspended
    ]
    today = local_date(now, tz)
    end_today = end_of_local_day(today, tz)
    end_tomorrow = end_of_local_day(today + timedelta(days=1), tz)
    end_week = end_of_local_day(today + timedelta(days=6), tz)
    dues = [record.due for record in records]
    later = [due for due in dues if due > now]
    return DueNext(
        now=sum(1 for due in dues if due <= now),
        tomorrow=sum(1 for due in dues if end_today <= due < end_tomorrow),
        week=sum(1 for due in dues if due < end_week),
        next_due=min(later, default=None),
    )


def summarize(
    session: PracticeSession,
    bank_ids: Iterable[str],
    *,
    tz: tzinfo | None = None,
    topic_order: Mapping[str, int] | None = None,
) -> SessionSummary:
    """The summary of `session` (finished or not); `bank_ids` scope the due counts."""
    first = first_answers(session.outcomes)
    per_topic = topic_results(first)
    if topic_order is not None:
        per_topic.sort(key=lambda result: topic_order.get(result.topic, len(topic_order)))
    answered_ids = {outcome.question.id for outcome in first}
    asked = list(dict.fromkeys(question.id for question in session.questions))
    shown: dict[str, Question] = {}
    for position, question in enumerate(session.questions):
        shown.setdefault(question.id, session.showing(position).question)
    for outcome in session.outcomes:  # as answered (a returning card's last showing)
        shown[outcome.question.id] = outcome.question
    now = session.ended_at or session.clock()
    return SessionSummary(
        kind=session.kind,
        total=len(asked),
        answered=len(first),
        right=sum(outcome.correct for outcome in first),
        duration=session.elapsed(),
        per_topic=per_topic,
        weakest=weakest_topics(per_topic),
        due=due_next(session.store, bank_ids, now, tz),
        outcomes=list(session.outcomes),
        unanswered=[question_id for question_id in asked if question_id not in answered_ids],
        missed=list(dict.fromkeys(o.question.id for o in session.outcomes if not o.correct)),
        shown=shown,
    )
