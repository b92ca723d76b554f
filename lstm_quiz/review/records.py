"""What the progress store hands out: answers, cards, leeches, exercise attempts.

Plain frozen dataclasses, and the conversions between them and the rows of
the tables in `schema`. The store's modules (`connection`, `log`, `cards`,
`settings`, `attempt_log`) share these.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from lstm_quiz.review.scheduler import Card, Rating, State
from lstm_quiz.review.timeutil import from_db, to_db

__all__ = [
    "LEECH_THRESHOLD",
    "AttemptRecord",
    "CardRecord",
    "Leech",
    "ReviewRecord",
    "new_session_id",
]

# A question answered wrong this many times is a leech (Anki's default is 8;
# a quiz bank is small, so flag earlier).
LEECH_THRESHOLD = 6


@dataclass(frozen=True)
class ReviewRecord:
    """One answer, as kept in the review log."""

    id: int
    question_id: str
    rating: Rating
    correct: bool
    answered_at: datetime
    duration: timedelta | None
    session_id: str
    # None when the question had never been reviewed (nor suspended) before.
    card_before: Card | None
    card_after: Card


@dataclass(frozen=True)
class CardRecord:
    """A question's scheduling state."""

    question_id: str
    card: Card
    suspended: bool
    # Hidden until this instant (the start of the next local day when buried).
    buried_until: datetime | None = None

    @property
    def reviewed(self) -> bool:
        """False for a question suspended or buried without ever being answered."""
        return self.card.last_review is not None

    @property
    def due(self) -> datetime:
        return self.card.due

    @property
    def state(self) -> State:
        return self.card.state

    @property
    def stability(self) -> float | None:
        return self.card.stability

    def buried_at(self, now: datetime) -> bool:
        return self.buried_until is not None and self.buried_until > now


@dataclass(frozen=True)
class Leech:
    """A question answered wrong at least `LEECH_THRESHOLD` times."""

    question_id: str
    wrong_count: int
    suspended: bool


@dataclass(frozen=True)
class AttemptRecord:
    """One timed attempt at a coding exercise."""

    id: int
    exercise_id: str
    started_at: datetime
    ended_at: datetime | None
    # Free text chosen by the exercise runner, e.g. "passed", "failed", "abandoned".
    outcome: str
    tests_passed: int
    tests_total: int
    over_time: bool
    hints_used: int


def new_session_id() -> str:
    """A fresh id for one practice session (undo works within a session)."""
    return uuid.uuid4().hex


REVIEW_COLUMNS = (
    "id, question_id, rating, correct, answered_at, duration_ms, session_id, card_before,"
    " card_after"
)
REVIEW_CARD_BEFORE = 7  # the index of card_before in REVIEW_COLUMNS
CARD_COLUMNS = "question_id, card_json, suspended, buried_until"


def review_from_row(row: tuple[Any, ...]) -> ReviewRecord:
    (log_id, question_id, rating, correct, answered_at, duration_ms, session_id, before, after) = (
        row
    )
    return ReviewRecord(
        id=log_id,
        question_id=question_id,
        rating=Rating(rating),
        correct=bool(correct),
        answered_at=from_db(answered_at),
        duration=None if duration_ms is None else timedelta(milliseconds=duration_ms),
        session_id=session_id,
        card_before=None if before is None else Card.from_json(before),
        card_after=Card.from_json(after),
    )


def card_from_row(row: tuple[Any, ...]) -> CardRecord:
    question_id, card_json, suspended, buried_until = row
    return CardRecord(
        question_id=question_id,
        card=Card.from_json(card_json),
        suspended=bool(suspended),
        buried_until=None if buried_until is None else from_db(buried_until),
    )


def attempt_from_row(row: tuple[Any, ...]) -> AttemptRecord:
    return AttemptRecord(
        id=row[0],
        exercise_id=row[1],
        started_at=from_db(row[2]),
        ended_at=None if row[3] is None else from_db(row[3]),
        outcome=row[4],
        tests_passed=row[5],
        tests_total=row[6],
        over_time=bool(row[7]),
        hints_used=row[8],
    )


def write_card(
    connection: sqlite3.Connection,
    question_id: str,
    card: Card,
    card_json: str,
    *,
    suspended: bool = False,
    buried_until: datetime | None = None,
) -> None:
    """Insert or update a card row; an existing row keeps its suspended and buried marks."""
    connection.execute(
        "INSERT INTO cards (question_id, card_json, due, state, stability, last_review,"
        " suspended, buried_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (question_id) DO UPDATE SET card_json = excluded.card_json,"
        " due = excluded.due, state = excluded.state, stability = excluded.stability,"
        " last_review = excluded.last_review",
        (
            question_id,
            card_json,
            to_db(card.due),
            int(card.state),
            card.stability,
            None if card.last_review is None else to_db(card.last_review),
            int(suspended),
            None if buried_until is None else to_db(buried_until),
        ),
    )
