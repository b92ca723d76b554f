"""The coding screen's editor and honest verdicts (issue 15), driven with Pilot.

A verdict belongs to one version of the file; a re-opened solved exercise is
no new pass; hints and the reference land where they can be seen; the task
is never cut at its right edge; typing and ctrl+s in the editor grade.
"""

from __future__ import annotations

import re
import shutil
import time
from datetime import timedelta
from pathlib import Path

import pytest
from textual import events
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable, Label, Markdown, Static
from textual.widgets.markdown import MarkdownFence

from lstm_quiz.coding.attempt import Attempt
from lstm_quiz.coding.catalog import ExerciseCatalog
from lstm_quiz.exercises.workspace import Workspace
from lstm_quiz.review.store import ProgressStore
from lstm_quiz.tui.exercise_app import ExerciseApp
from lstm_quiz.tui.widgets.code_editor import SolutionEditor

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "exercises" / "lstm_cell" / "reference.py"
LOOP = ROOT / "tests" / "data" / "solutions" / "lstm_cell" / "fail_infinite_loop.py"


@pytest.fixture
def store(tmp_path: Path):
    opened = ProgressStore.open(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def make_attempt(tmp_path: Path, registry, store):
    made: list[Attempt] = []

    def make(solution: Path | None = None) -> Attempt:
        exercise = registry.get("lstm_cell")
        workspace = Workspace.open(exercise, tmp_path / "data")
        if solution is not None:
            shutil.copy(solution, workspace.solution)
        made.append(Attempt(exercise, workspace, store))
        return made[-1]

    yield make
    for attempt in made:
        attempt.finish()


def passed_all(status: str) -> bool:
    """ "passed n/n", whatever the number of tests in the suite."""
    return re.search(r"passed (\d+)/\1\b", status) is not None


def status_of(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#exercise-status", Static).render())


def version_of(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#exercise-version", Static).render())


async def wait_for(pilot, condition, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the screen")
        await pilot.pause(0.05)


def marks(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one("#exercise-results", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def rendered_text(widget: Widget) -> str:
    """The text as drawn (a fence draws through its Label)."""
    if isinstance(widget, MarkdownFence):
        widget = widget.query_one(Label)
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join(strip.text for strip in lines)


async def test_a_save_during_grading_gets_a_verdict_of_its_own(make_attempt) -> None:
    attempt = make_attempt()
    shutil.copy(LOOP, attempt.workspace.solution)  # saved after the attempt began
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "grading save 1" in status_of(app))
        await pilot.pause(1.0)  # the loop is running in its first test now
        saved = time.monotonic()
        shutil.copy(REFERENCE, attempt.workspace.solution)
        attempt.workspace.solution.touch()
        await wait_for(pilot, lambda: passed_all(status_of(app)))
        took = time.monotonic() - saved
        assert len(marks(app)) >= 9 and set(marks(app)) == {"✓"}  # every row from the new file
        assert "for save 2" in version_of(app)
        await pilot.pause(1.0)  # the cancelled run never comes back to overwrite it
        assert passed_all(status_of(app)) and set(marks(app)) == {"✓"}
    # The loop's run was cut short: two call limits (2 x 5 s) are not waited out.
    assert took < 8, took
    assert [a.outcome for a in attempt.store.attempts("lstm_cell")] == ["passed"]


def test_a_snapshot_is_graded_even_when_the_live_file_changes(make_attempt) -> None:
    attempt = make_attempt()
    shutil.copy(REFERENCE, attempt.workspace.solution)
    snapshot = attempt.snapshot()
    shutil.copy(LOOP, attempt.workspace.solution)  # saved while the first is graded
    result = attempt.grade_version(snapshot)
    assert result is not None and result.passed
    assert attempt.last_snapshot == snapshot


def test_an_overtaken_version_is_neither_the_verdict_nor_a_pass(make_attempt) -> None:
    attempt = make_attempt()
    shutil.copy(REFERENCE, attempt.workspace.solution)
    old = attempt.snapshot()
    attempt.workspace.solution.write_text("def lstm_cell(*args):\n    return None\n")
    newer = attempt.snapshot()
    assert attempt.grade_version(old) is None  # its turn came after a newer save
    result = attempt.grade_version(newer)
    assert result is not None and not result.passed
    assert attempt.passed_at is None


async def test_reopening_a_solved_exercise_asks_and_records_no_new_best(
    make_attempt, store, tmp_path: Path
) -> None:
    first = make_attempt()
    first.started_at -= timedelta(minutes=7)  # solved once, for real: in 7 minutes
    shutil.copy(REFERENCE, first.workspace.solution)
    assert first.grade().passed
    first.finish()
    attempt = make_attempt()  # opened again on the solved file
    assert attempt.opened_on_earlier_work
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "earlier work" in question
        await pilot.click("#keep")  # continue with it
        await wait_for(pilot, lambda: passed_all(status_of(app)))
        assert "the file you opened with" in version_of(app)
        assert attempt.passed_at is None and not attempt.reference_unlocked
    outcomes = [a.outcome for a in store.attempts("lstm_cell")]
    assert outcomes == ["passed", "abandoned"]  # the unchanged file is no second pass
    [row] = [r for r in ExerciseCatalog(store, tmp_path / "data").rows() if r.id == "lstm_cell"]
    assert row.progress.best is not None and row.progress.best >= timedelta(minutes=7)


async def test_start_over_puts_the_starter_back_and_keeps_the_file(make_attempt) -> None:
    attempt = make_attempt(REFERENCE)
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        await pilot.click("#confirm")  # start over
        await wait_for(pilot, lambda: "0 passed," in status_of(app))
        editor = app.screen.query_one(SolutionEditor)
        assert editor.text == attempt.exercise.starter.read_text()
    [backup] = attempt.workspace.folder.glob("solution.py.bak-*")
    assert backup.read_text() == REFERENCE.read_text()


async def test_a_hint_is_scrolled_into_the_task_pane(make_attempt) -> None:
    attempt = make_attempt()
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "failed" in status_of(app))
        await pilot.press("escape")  # out of the editor: h is a key again
        prompt = app.screen.query_one("#exercise-prompt")
        for n in (1, 2, 3):
            await pilot.press("h")
            await pilot.pause(0.3)
            hints = app.screen.query_one("#exercise-hints", Markdown)
            heading = list(hints.query("MarkdownH3"))[-1]
            assert f"Hint {n}/3" in rendered_text(heading)
            assert prompt.region.contains_region(heading.region), (n, heading.region)


async def test_no_line_of_the_task_or_the_reference_is_cut_at_120_columns(make_attempt) -> None:
    attempt = make_attempt()
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "failed" in status_of(app))
        await pilot.press("escape", "g")
        await pilot.pause(0.1)
        await pilot.click("#confirm")  # give up: the reference is shown too
        await pilot.pause(0.5)
        prompt = app.screen.query_one("#exercise-prompt")
        fences = list(prompt.query("MarkdownFence"))
        assert len(fences) >= 3  # the signature, the gate equations, the reference
        for fence in fences:
            assert fence.max_scroll_x == 0, rendered_text(fence)
        for cell in prompt.query("MarkdownTableCellContents"):
            assert "…" not in rendered_text(cell)
        reference = rendered_text(fences[-1])
        assert "torch.nn.LSTMCell" in reference.replace("\n", "").replace(" ", "")


async def test_typing_and_ctrl_s_in_the_editor_saves_and_grades(make_attempt) -> None:
    attempt = make_attempt()
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "0 passed," in status_of(app))
        editor = app.screen.query_one(SolutionEditor)
        assert app.focused is editor
        editor.load_text("")
        editor.post_message(events.Paste(REFERENCE.read_text()))  # a bracketed paste
        await pilot.pause()
        await pilot.press("ctrl+end", "enter", *"# mine")
        assert attempt.workspace.solution.read_text() != editor.text  # not saved yet
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: passed_all(status_of(app)))
    assert attempt.workspace.solution.read_text().rstrip().endswith("# mine")
    assert [a.outcome for a in attempt.store.attempts("lstm_cell")] == ["passed"]


async def test_an_outside_save_reloads_the_editor_and_warns_about_unsaved_edits(
    make_attempt,
) -> None:
    attempt = make_attempt()
    app = ExerciseApp(attempt)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: "failed" in status_of(app))
        editor = app.screen.query_one(SolutionEditor)
        await pilot.press(*"# typed here")
        shutil.copy(REFERENCE, attempt.workspace.solution)
        attempt.workspace.solution.touch()
        await wait_for(pilot, lambda: passed_all(status_of(app)))
        assert editor.text == REFERENCE.read_text()
        assert any("ctrl+z" in n.message for n in app._notifications)
        await pilot.press("ctrl+z")
        assert "# typed here" in editor.text  # the unsaved edits are one undo away


async def test_at_80x24_one_pane_shows_and_ctrl_o_moves_on(make_attempt) -> None:
    attempt = make_attempt()
    app = ExerciseApp(attempt)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "failed" in status_of(app))
        shown = [p.id for p in app.screen.query(".pane") if p.display]
        assert shown == ["exercise-prompt"]
        await pilot.press("ctrl+o")
        shown = [p.id for p in app.screen.query(".pane") if p.display]
        assert shown == ["exercise-code"] and isinstance(app.focused, SolutionEditor)
        await pilot.press("ctrl+o")
        assert [p.id for p in app.screen.query(".pane") if p.display] == ["exercise-side"]
        bar = str(app.screen.query_one("#exercise-panes", Static).render())
        assert "Results (✗ 0 passed," in bar and "ctrl+o" in bar
