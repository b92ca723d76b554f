"""A timed attempt at an exercise: the clock, hints, grading on demand, and the record.

UI-free: `lstm-quiz exercise NAME --watch` and the TUI's exercise screen both
drive an `Attempt`. Grading uses a warm fork server, so a verdict after a
save costs one forked process and one pytest session, not a new interpreter.

Every grading is of a `Snapshot`: the file's bytes copied aside when the
grading starts, so a save while a slow solution is graded cannot mix two
versions in one verdict. A pass counts (and is timed) only for a file whose
content differs from the one the attempt opened with: re-opening a solved
exercise does not record a best of 00:00.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
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


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


@dataclass(frozen=True)
class Snapshot:
    """One version of solution.py, copied aside: what a verdict is about."""

    version: int  # 1, 2, ... in the order the attempt took them
    digest: str
    taken_at: datetime  # when grading of it started, within a poll of the save
    path: Path  # the private copy that is graded


@dataclass
class Attempt:
    exercise: Exercise
    workspace: Workspace
    store: ProgressStore | None = None
    started_at: datetime = field(default_factory=_now)
    hints_shown: int = 0
    passed_at: datetime | None = None
    gave_up_at: datetime | None = None
    last_result: GradingResult | None = None
    last_snapshot: Snapshot | None = None
    last_grading_seconds: float = 0.0
    # The last verdict passed, but for the file the attempt opened with: not a pass of this attempt.
    unchanged_pass: bool = False
    recorded: bool = False
    time_source: Callable[[], datetime] = _now  # a fixed clock in tests
    opened_digest: str | None = None  # solution.py's content when the attempt began
    _server: ForkServer | None = None
    _snapshots_dir: Path | None = None
    _versions: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _grading: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        if self.opened_digest is None:
            self.opened_digest = _file_digest(self.workspace.solution)

    # -- opening on earlier work

    @property
    def starter_digest(self) -> str:
        return digest(self.exercise.starter.read_bytes())

    @property
    def opened_on_earlier_work(self) -> bool:
        """solution.py is not the starter: ask whether to continue with it or start over."""
        return self.opened_digest != self.starter_digest

    def start_over(self) -> Path | None:
        """Put the starter back (the file is kept as a backup) and restart the clock."""
        backup = self.workspace.reset()
        self.opened_digest = _file_digest(self.workspace.solution)
        self.started_at = self.time_source()
        return backup

    # -- the clock

    @property
    def time_limit(self) -> timedelta:
        return timedelta(minutes=self.exercise.time_limit_minutes)

    @property
    def gave_up(self) -> bool:
        return self.gave_up_at is not None

    def elapsed(self, now: datetime | None = None) -> timedelta:
        """Stops on a pass and on giving up."""
        end = self.passed_at or self.gave_up_at or now or self.time_source()
        return end - self.started_at

    def remaining(self, now: datetime | None = None) -> timedelta:
        """Negative once over time: the clock keeps counting."""
        return self.time_limit - self.elapsed(now)

    def over_time(self, now: datetime | None = None) -> bool:
        return self.remaining(now) < timedelta(0)

    @property
    def clock_stopped(self) -> bool:
        return self.passed_at is not None or self.gave_up

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
        with self._lock:
            if self._server is None:
                from lstm_quiz.grading.sandbox import ForkServer

                self.exercise.require_framework()
                self._server = ForkServer(self.exercise.framework)

    def snapshot(self) -> Snapshot:
        """Copy solution.py aside now; the copy, not the live file, is what gets graded."""
        data = self.workspace.solution.read_bytes()
        with self._lock:
            if self._snapshots_dir is None:
                self._snapshots_dir = Path(tempfile.mkdtemp(prefix="lstm-quiz-versions-"))
                os.chmod(self._snapshots_dir, 0o755)  # the sandboxed process may run as nobody
            self._versions += 1
            version = self._versions
        folder = self._snapshots_dir / str(version)
        folder.mkdir()
        os.chmod(folder, 0o755)
        path = folder / "solution.py"
        path.write_bytes(data)
        os.chmod(path, 0o644)
        return Snapshot(version, digest(data), self.time_source(), path)

    def is_newest(self, snapshot: Snapshot) -> bool:
        return snapshot.version == self._versions

    def grade(self) -> GradingResult:
        """Grade solution.py as it is now."""
        result = self.grade_version(self.snapshot())
        assert result is not None  # nothing can overtake a snapshot taken by this thread
        return result

    def grade_version(self, snapshot: Snapshot) -> GradingResult | None:
        """Grade one version; None when a newer one was taken before its turn came.

        One grading at a time (pytest's session is not thread-safe): a newer
        save waits for the run before it, which `cancel_grading` cuts short.
        A verdict for a version overtaken while it ran changes nothing: it is
        neither the last result nor a pass.
        """
        from lstm_quiz.grading.runner import grade_solution

        try:
            with self._grading:
                if not self.is_newest(snapshot):
                    return None
                self.start_grader()
                started = time.perf_counter()
                result = grade_solution(
                    self.exercise, snapshot.path, server=self._server, display_name="solution.py"
                )
        finally:
            shutil.rmtree(snapshot.path.parent, ignore_errors=True)
        if not self.is_newest(snapshot):
            return result
        self.last_grading_seconds = time.perf_counter() - started
        self.last_result, self.last_snapshot = result, snapshot
        self.unchanged_pass = result.passed and snapshot.digest == self.opened_digest
        if (
            result.passed
            and not self.unchanged_pass
            and self.passed_at is None
            and not self.gave_up
        ):
            self.passed_at = snapshot.taken_at  # timed to the save, not to the end of grading
            self._record("passed")
        return result

    def cancel_grading(self) -> None:
        """End a grading under way (its calls fail at once) and have a fresh grader ready.

        The old fork server is closed in the background: it kills the run it is serving.
        """
        with self._lock:
            old, self._server = self._server, None
        if old is not None:
            threading.Thread(target=old.close, daemon=True).start()
        self.start_grader()

    def give_up(self) -> None:
        if self.gave_up_at is None:
            self.gave_up_at = self.time_source()
        self._record("gave_up")

    def best_previous(self) -> timedelta | None:
        """The fastest earlier pass of this exercise, for the comparison after a pass."""
        if self.store is None:
            return None
        from lstm_quiz.review.attempts import best_time

        earlier = [
            a for a in self.store.attempts(self.exercise.id) if a.started_at != self.started_at
        ]
        return best_time(earlier)

    @property
    def timed_pass(self) -> bool:
        """This attempt passed, and in a time that counts (see `MIN_TIMED_PASS`)."""
        from lstm_quiz.review.attempts import MIN_TIMED_PASS

        return self.passed_at is not None and self.elapsed() >= MIN_TIMED_PASS

    def finish(self) -> None:
        """On leaving: an attempt that was graded but neither passed nor given up is recorded as abandoned."""
        if not self.recorded and self.last_result is not None:
            self._record("abandoned")
        with self._lock:
            server, self._server = self._server, None
        if server is not None:
            server.close()
        if self._snapshots_dir is not None:
            shutil.rmtree(self._snapshots_dir, ignore_errors=True)
            self._snapshots_dir = None

    def _record(self, outcome: str) -> AttemptRecord | None:
        if self.recorded or self.store is None:
            return None
        self.recorded = True
        result = self.last_result
        ended = self.passed_at or self.gave_up_at or self.time_source()
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
