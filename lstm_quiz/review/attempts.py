"""What a learner has done on each coding exercise, from the attempts in the progress store.

Shared by the exercise picker (status, best time) and the stats report
(attempts, passes, the last outcome).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from lstm_quiz.review.store import AttemptRecord

Status = Literal["new", "attempted", "passed"]

# A pass faster than this was no attempt. Before the reopen fix, opening a solved
# exercise graded the old file at once and recorded "passed in 00:00", and stores
# keep such rows; nobody reads a task, writes a solution and saves it in 5 s. Such a
# pass still counts as a pass (the file does pass), never as a time.
MIN_TIMED_PASS = timedelta(seconds=5)


@dataclass(frozen=True)
class ExerciseProgress:
    status: Status
    attempts: int
    passes: int = 0
    best: timedelta | None = None  # the fastest pass
    last_outcome: str = ""  # "passed", "gave_up" or "abandoned"
    last_at: datetime | None = None  # when the last attempt ended (or began)


NEW = ExerciseProgress(status="new", attempts=0)


def pass_time(attempt: AttemptRecord) -> timedelta | None:
    """How long a pass took, when that counts as its time (a pass, ended, not implausibly fast)."""
    if attempt.outcome != "passed" or attempt.ended_at is None:
        return None
    took = attempt.ended_at - attempt.started_at
    return took if took >= MIN_TIMED_PASS else None


def best_time(attempts: Iterable[AttemptRecord]) -> timedelta | None:
    """The fastest pass that counts as a time, or None."""
    return min((t for a in attempts if (t := pass_time(a)) is not None), default=None)


def progress_by_exercise(attempts: Iterable[AttemptRecord]) -> dict[str, ExerciseProgress]:
    """Per exercise id, in the order first attempted; exercises never attempted are absent ("new")."""
    grouped: dict[str, list[AttemptRecord]] = {}
    for attempt in attempts:
        grouped.setdefault(attempt.exercise_id, []).append(attempt)
    progress = {}
    for exercise_id, records in grouped.items():
        passes = [a for a in records if a.outcome == "passed" and a.ended_at is not None]
        best = best_time(passes)
        last = max(records, key=lambda a: (a.ended_at or a.started_at, a.id))
        progress[exercise_id] = ExerciseProgress(
            status="passed" if passes else "attempted",
            attempts=len(records),
            passes=len(passes),
            best=best,
            last_outcome=last.outcome,
            last_at=last.ended_at or last.started_at,
        )
    return progress
