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


@dataclass(frozen=True)
class ExerciseProgress:
    status: Status
    attempts: int
    passes: int = 0
    best: timedelta | None = None  # the fastest pass
    last_outcome: str = ""  # "passed", "gave_up" or "abandoned"
    last_at: datetime | None = None  # when the last attempt ended (or began)


NEW = ExerciseProgress(status="new", attempts=0)


def progress_by_exercise(attempts: Iterable[AttemptRecord]) -> dict[str, ExerciseProgress]:
    """Per exercise id, in the order first attempted; exercises never attempted are absent ("new")."""
    grouped: dict[str, list[AttemptRecord]] = {}
    for attempt in attempts:
        grouped.setdefault(attempt.exercise_id, []).append(attempt)
    progress = {}
    for exercise_id, records in grouped.items():
        passes = [a for a in records if a.outcome == "passed" and a.ended_at is not None]
        best = min((a.ended_at - a.started_at for a in passes if a.ended_at), default=None)
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
