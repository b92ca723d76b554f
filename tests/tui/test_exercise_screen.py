"""The timed coding screen (issue 6), driven with Pilot: save, verdict, hints, give up, loops."""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import DataTable, Markdown, Static

from lstm_quiz.coding.attempt import Attempt
from lstm_quiz.exercises.workspace import Workspace
from lstm_quiz.review.store import ProgressStore
from lstm_quiz.tui.exercise_app import ExerciseApp

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "tests" / "data" / "solutions" / "lstm_cell"


@pytest.fixture
def attempt(tmp_path: Path, registry):
    exercise = registry.get("lstm_cell")
    store = ProgressStore.open(tmp_path / "data")
    made = Attempt(exercise, Workspace.open(exercise, tmp_path / "data"), store)
    yield made
    made.finish()
    store.close()


def passed_all(status: str) -> bool:
    """ "passed n/n", whatever the number of tests in the suite."""
    return re.search(r"passed (\d+)/\1\b", status) is not None


def status_of(app: App[None]) -> str:
    return str(app.screen.query_one("#exercise-status", Static).render())


async def wait_for(pilot, condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the screen")
        await pilot.pause(0.05)


async def leave_editor(pilot) -> None:
    """The editor has the focus at 120 columns; the letter keys act once it is left."""
    await pilot.press("escape")
    await pilot.pause()


def save(attempt: Attempt, source: Path) -> None:
    shutil.copy(source, attempt.workspace.solution)
    # A save within the same timestamp tick must still be seen as a change.
    attempt.workspace.solution.touch()


async def test_starter_then_a_correct_save_passes_and_is_recorded(attempt) -> None:
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "0 passed," in status_of(app))
        assert app.screen.query_one("#exercise-results", DataTable).row_count >= 9
        await asyncio.sleep(0.05)
        save(attempt, ROOT / "exercises" / "lstm_cell" / "reference.py")
        await wait_for(pilot, lambda: passed_all(status_of(app)))
        task = app.screen.query_one("#exercise-hints", Markdown)
        assert "def lstm_cell" in task.source  # the reference, shown after a pass
    assert [a.outcome for a in attempt.store.attempts("lstm_cell")] == ["passed"]


async def test_a_looping_solution_times_out_while_keys_still_work(attempt) -> None:
    save(attempt, SOLUTIONS / "fail_infinite_loop.py")
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "grading" in status_of(app))
        await leave_editor(pilot)
        await pilot.press("h")  # the UI answers while the solution loops
        await pilot.pause(0.1)
        assert "Hint 1/3" in app.screen.query_one("#exercise-hints", Markdown).source
        await wait_for(pilot, lambda: "failed" in status_of(app), seconds=30)
        detail = str(app.screen.query_one("#exercise-detail", Static).render())
        assert "did not finish within" in detail


async def test_hints_come_in_order(attempt) -> None:
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "failed" in status_of(app))
        await leave_editor(pilot)
        for _ in range(4):
            await pilot.press("h")
        source = app.screen.query_one("#exercise-hints", Markdown).source
        assert source.index("Hint 1/3") < source.index("Hint 2/3") < source.index("Hint 3/3")
    assert attempt.hints_shown == 3


async def test_give_up_asks_first_then_shows_the_reference(attempt) -> None:
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "failed" in status_of(app))
        await leave_editor(pilot)
        await pilot.press("g")
        await pilot.pause(0.1)
        await pilot.press("escape")  # cancelled: nothing revealed
        await pilot.pause(0.1)
        assert "def lstm_cell" not in app.screen.query_one("#exercise-hints", Markdown).source
        await pilot.press("g")
        await pilot.pause(0.1)
        await pilot.click("#confirm")
        await pilot.pause(0.1)
        assert "def lstm_cell" in app.screen.query_one("#exercise-hints", Markdown).source
    assert [a.outcome for a in attempt.store.attempts("lstm_cell")] == ["gave_up"]


async def test_reset_asks_then_restores_the_starter_and_keeps_a_backup(attempt) -> None:
    mine = "# my work in progress\n"
    attempt.workspace.solution.write_text(mine)
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: "failed" in status_of(app))
        await pilot.press("ctrl+r")
        await pilot.pause(0.1)
        await pilot.press("escape")  # cancelled: the file is untouched
        await pilot.pause(0.1)
        assert attempt.workspace.solution.read_text() == mine
        await pilot.press("ctrl+r")
        await pilot.pause(0.1)
        await pilot.click("#confirm")
        await pilot.pause(0.1)
        starter = attempt.exercise.starter.read_text()
        assert attempt.workspace.solution.read_text() == starter
        [backup] = attempt.workspace.folder.glob("solution.py.bak-*")
        assert backup.read_text() == mine
        assert any(backup.name in notice.message for notice in app._notifications)


async def test_e_opens_the_editor_and_grades_what_it_saved(
    attempt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.py"  # an "editor" that writes the reference into the file
    reference = ROOT / "exercises" / "lstm_cell" / "reference.py"
    editor.write_text(f"import shutil, sys\nshutil.copy({str(reference)!r}, sys.argv[1])\n")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40)) as pilot:
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)  # no terminal to lend here
        await wait_for(pilot, lambda: "failed" in status_of(app))
        await leave_editor(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: passed_all(status_of(app)))


async def test_e_without_an_editor_says_where_the_file_is(
    attempt, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(attempt.workspace.folder))  # no nano, no vi to fall back on
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await leave_editor(pilot)
        await pilot.press("e")
        await pilot.pause()
        [notice] = list(app._notifications)
        assert "set $VISUAL or $EDITOR" in notice.message
        assert str(attempt.workspace.solution) in notice.message
