"""Timed attempts at the coding exercises, as the progress store keeps them."""

from __future__ import annotations

from datetime import datetime

from lstm_quiz.review.connection import StoreBase
from lstm_quiz.review.records import AttemptRecord, attempt_from_row
from lstm_quiz.review.timeutil import to_db, to_utc

__all__ = ["AttemptLog"]

_ATTEMPT_COLUMNS = (
    "id, exercise_id, started_at, ended_at, outcome, tests_passed, tests_total, over_time,"
    " hints_used"
)


class AttemptLog(StoreBase):
    """The exercise-attempts part of the progress store."""

    def record_attempt(
        self,
        exercise_id: str,
        *,
        started_at: datetime,
        ended_at: datetime | None,
        outcome: str,
        tests_passed: int,
        tests_total: int,
        over_time: bool,
        hints_used: int = 0,
    ) -> AttemptRecord:
        """Commit one timed attempt at a coding exercise."""
        if not 0 <= tests_passed <= tests_total:
            raise ValueError(
                f"need 0 <= tests_passed <= tests_total, got {tests_passed}/{tests_total}"
            )
        if hints_used < 0:
            raise ValueError(f"hints_used must not be negative, got {hints_used}")
        started = to_utc(started_at)
        ended = None if ended_at is None else to_utc(ended_at)
        with self._write() as connection:
            cursor = connection.execute(
                "INSERT INTO exercise_attempts (exercise_id, started_at, ended_at, outcome,"
                " tests_passed, tests_total, over_time, hints_used)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    exercise_id,
                    to_db(started),
                    None if ended is None else to_db(ended),
                    outcome,
                    tests_passed,
                    tests_total,
                    int(over_time),
                    hints_used,
                ),
            )
            attempt_id = cursor.lastrowid
        assert attempt_id is not None
        return AttemptRecord(
            id=attempt_id,
            exercise_id=exercise_id,
            started_at=started,
            ended_at=ended,
            outcome=outcome,
            tests_passed=tests_passed,
            tests_total=tests_total,
            over_time=over_time,
            hints_used=hints_used,
        )

    def attempts(self, exercise_id: str | None = None) -> list[AttemptRecord]:
        """Attempts, oldest first, of one exercise or of all."""
        query = f"SELECT {_ATTEMPT_COLUMNS} FROM exercise_attempts"
        with self._read() as connection:
            if exercise_id is None:
                rows = connection.execute(f"{query} ORDER BY started_at, id").fetchall()
            else:
                rows = connection.execute(
                    f"{query} WHERE exercise_id = ? ORDER BY started_at, id", (exercise_id,)
                ).fetchall()
        return [attempt_from_row(row) for row in rows]
