"""A timed attempt at an exercise: the clock, hints, grading on demand, and the record.

UI-free: `lstm-quiz exercise NAME --watch` and the TUI's exercise screen both
drive an `Attempt`. Grading uses a warm fork server, so a verdict after a
save costs one forked process and one pytest session, not a new interpreter.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from lstm_quiz.exercises.model import Exercise, Text
from lstm_quiz.exercises.workspace import Workspace

if TYPE_CHECKING:
    from lstm_quiz.grading.results import GradingResult
    from lstm_quiz.grading.sandbox import ForkServer
    from lstm_quiz.review.store import AttemptRecord, ProgressStore


def clock(delta: timedelta) -> str:
    """mm:ss, with a minus sign once past zero (the countdown keeps counting)."""
    seconds = int(abs(delta.total_seconds()))
    text = f"{seconds // 60:02d}:{seconds % 60:02d}"
    return f"-{text}" if delta < timedelta(0) else text


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Attempt:
    exercise: Exercise
    workspace: Workspace
    store: ProgressStore | None = None
    started_at: datetime = field(default_factory=_now)
    hints_shown: int = 0
    passed_at: datetime | None = None
    gave_up: bool = False
    last_result: GradingResult | None = None
    last_grading_seconds: float = 0.0
    recorded: bool = False
    time_source: Callable[[], datetime] = _now  # a fixed clock in tests
    _server: ForkServer | None = None

    # -- the clock

    @property
    def time_limit(self) -> timedelta:
        return timedelta(minutes=self.exercise.time_limit_minutes)

    def elapsed(self, now: datetime | None = None) -> timedelta:
        end = self.passed_at or now or self.time_source()
        return end - self.started_at

    def remaining(self, now: datetime | None = None) -> timedelta:
        """Negative once over time: the clock keeps counting."""
        return self.time_limit - self.elapsed(now)

    def over_time(self, now: datetime | None = None) -> bool:
        return self.remaining(now) < timedelta(0)

    # -- hints and the reference

    def next_hint(self) -> Text | None:
        if self.hints_shown >= len(self.exercise.hints):
            return None
        self.hints_shown += 1
        return self.exercise.hints[self.hints_shown - 1]

    @property
    def reference_unlocked(self) -> bool:
        return self.passed_at is not None or self.gave_up

    def reference_source(self) -> str:
        if not self.reference_unlocked:
            raise PermissionError(
                "the reference solution is shown after a pass or a confirmed give-up"
            )
        return self.exercise.reference.read_text(encoding="utf-8")

    # -- grading

    def start_grader(self) -> None:
        """Start the warm fork server now (it imports NumPy/torch in the background)."""
        if self._server is None:
            from lstm_quiz.grading.sandbox import ForkServer

            self.exercise.require_framework()
            self._server = ForkServer(self.exercise.framework)

    def grade(self) -> GradingResult:
        from lstm_quiz.grading.runner import grade_solution

        self.start_grader()
        started = time.perf_counter()
        result = grade_solution(
            self.exercise, self.workspace.solution, server=self._server, display_name="solution.py"
        )
        self.last_grading_seconds = time.perf_counter() - started
        self.last_result = result
        if result.passed and self.passed_at is None and not self.gave_up:
            self.passed_at = self.time_source()
            self._record("passed")
        return result

    def give_up(self) -> None:
        self.gave_up = True
        self._record("gave_up")

    def best_previous(self) -> timedelta | None:
        """The fastest earlier pass of this exercise, for the comparison after a pass."""
        if self.store is None:
            return None
        times = [
            a.ended_at - a.started_at
            for a in self.store.attempts(self.exercise.id)
            if a.outcome == "passed" and a.ended_at is not None and a.started_at != self.started_at
        ]
        return min(times) if times else None

    def finish(self) -> None:
        """On leaving: an attempt that was graded but neither passed nor given up is recorded as abandoned."""
        if not self.recorded and self.last_result is not None:
            self._record("abandoned")
        if self._server is not None:
            self._server.close()
            self._server = None

    def _record(self, outcome: str) -> AttemptRecord | None:
        if self.recorded or self.store is None:
            return None
        self.recorded = True
        result = self.last_result
        ended = self.passed_at or self.time_source()
        return self.store.record_attempt(
            self.exercise.id,
            started_at=self.started_at,
            ended_at=ended,
            outcome=outcome,
            tests_passed=result.passed_count if result else 0,
            tests_total=len(result.tests) if result else 0,
            over_time=ended - self.started_at > self.time_limit,
            hints_used=self.hints_shown,
        )
