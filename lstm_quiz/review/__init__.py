"""Spaced repetition and the learner's progress: scheduling, the SQLite store, stats.

Core only: no Textual or Rich here, so scripts, tests and the plain CLI use
it as the TUI does. `scheduler` wraps fsrs, `schema` holds the database
migrations, `store` is the progress store, `stats` the numbers built on it.
"""

from __future__ import annotations

from lstm_quiz.review.scheduler import (
    DEFAULT_DESIRED_RETENTION,
    Card,
    Rating,
    ReviewScheduler,
    State,
    parse_rating,
    rating_for_result,
)
from lstm_quiz.review.store import (
    LEECH_THRESHOLD,
    PROGRESS_FILENAME,
    AttemptRecord,
    CardRecord,
    Leech,
    ProgressStore,
    ProgressStoreError,
    RecoveryNotice,
    ReviewRecord,
    new_session_id,
)

__all__ = [
    "DEFAULT_DESIRED_RETENTION",
    "LEECH_THRESHOLD",
    "PROGRESS_FILENAME",
    "AttemptRecord",
    "Card",
    "CardRecord",
    "Leech",
    "ProgressStore",
    "ProgressStoreError",
    "Rating",
    "RecoveryNotice",
    "ReviewRecord",
    "ReviewScheduler",
    "State",
    "new_session_id",
    "parse_rating",
    "rating_for_result",
]
