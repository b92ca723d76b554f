"""How the timed coding screen looks: task | code | results at 120x40, one pane at 80x24; the picker."""

from __future__ import annotations

import dataclasses
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lstm_quiz.coding.attempt import Attempt, Snapshot
from lstm_quiz.exercises.workspace import Workspace
from lstm_quiz.grading.results import GradingResult
from lstm_quiz.review.store import ProgressStore
from lstm_quiz.tui.exercise_app import ExerciseApp

ROOT = Path(__file__).resolve().parents[2]
MISTAKE = ROOT / "exercises" / "lstm_cell" / "mistakes" / "forget_on_hidden.py"
STARTED = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


class SteadyAttempt(Attempt):
    """A real grading, with test times fixed so that the picture is the same every run."""

    def grade_version(self, snapshot: Snapshot) -> GradingResult | None:
        result = super().grade_version(snapshot)
        if result is None:
            return None
        result.tests = [
            dataclasses.replace(test, duration=0.001 * (n + 1))
            for n, test in enumerate(result.tests)
        ]
        return result


@pytest.fixture
def attempt(tmp_path: Path, registry, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # the path is shown as ~/...
    exercise = registry.get("lstm_cell")
    store = ProgressStore.open(tmp_path / "data")
    workspace = Workspace.open(exercise, tmp_path / "data", str(tmp_path / "lstm_cell"))
    made = SteadyAttempt(
        exercise,
        workspace,
        store,
        started_at=STARTED,
        time_source=lambda: STARTED + timedelta(minutes=7, seconds=25),
    )
    shutil.copy(MISTAKE, workspace.solution)  # written during the attempt
    yield made
    made.finish()
    store.close()


def graded_then(attempt: Attempt, *keys: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 30
        while attempt.last_result is None or "grading" in str(
            pilot.app.screen.query_one("#exercise-status").render()
        ):
            assert time.monotonic() < deadline, "grading did not finish"
            await pilot.pause(0.05)
        await pilot.press(*keys)
        await pilot.pause()
        editor = pilot.app.screen.query_one("#exercise-editor")
        editor.cursor_blink = False  # a steady cursor
        # TextArea caches its lines under a key that ignores focus when the cursor
        # does not blink: a line painted before the editor had focus (no cursor)
        # came back or not by timing. Paint afresh.
        editor._line_cache.clear()
        editor.refresh()
        await pilot.pause()

    return run_before


def test_exercise_screen_with_a_diagnosed_mistake(snap_compare, attempt: Attempt) -> None:
    """Task | code (focused) | results, the diagnosis first in the detail."""
    assert snap_compare(
        ExerciseApp(attempt), terminal_size=(120, 40), run_before=graded_then(attempt)
    )


def test_exercise_screen_at_80x24_shows_one_pane(snap_compare, attempt: Attempt) -> None:
    """The results pane, reached with ctrl+o twice from the task; the bar names all three."""
    assert snap_compare(
        ExerciseApp(attempt),
        terminal_size=(80, 24),
        run_before=graded_then(attempt, "ctrl+o", "ctrl+o"),
    )


def test_picker_with_statuses_at_80x24(snap_compare, tmp_path: Path) -> None:
    from lstm_quiz.coding.catalog import ExerciseCatalog

    store = ProgressStore.open(tmp_path)
    for exercise_id, minutes, outcome in [
        ("stable_sigmoid", 6, "passed"),
        ("lstm_cell", 17, "passed"),
        ("lstm_forward", 25, "gave_up"),
    ]:
        store.record_attempt(
            exercise_id,
            started_at=STARTED,
            ended_at=STARTED + timedelta(minutes=minutes, seconds=12),
            outcome=outcome,
            tests_passed=5,
            tests_total=10,
            over_time=False,
        )
    app = ExerciseApp(catalog=ExerciseCatalog(store, tmp_path))
    try:
        assert snap_compare(app, terminal_size=(80, 24), press=["down", "down"])
    finally:
        store.close()
