"""The exercise picker (issue 6): statuses and best times, Enter starts an attempt, Back returns."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable

from lstm_quiz.coding.catalog import ExerciseCatalog
from lstm_quiz.review.store import ProgressStore
from lstm_quiz.session.context import Practice
from lstm_quiz.tui.app import QuizApp
from lstm_quiz.tui.exercise_app import ExerciseApp
from lstm_quiz.tui.screens.exercise import ExerciseScreen
from lstm_quiz.tui.screens.exercises import ExercisesScreen
from tests.session.helpers import record_attempt

from .test_exercise_screen import status_of, wait_for

ROOT = Path(__file__).resolve().parents[2]


def row_of(screen: ExercisesScreen, exercise_id: str) -> list[str]:
    return [str(cell) for cell in screen.query_one("#exercises", DataTable).get_row(exercise_id)]


async def test_the_picker_shows_status_and_best_time(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path)
    record_attempt(store, "lstm_cell", 25, "passed")
    record_attempt(store, "lstm_cell", 12, "passed")
    record_attempt(store, "gru_cell", 3, "gave_up")
    app = ExerciseApp(catalog=ExerciseCatalog(store, tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExercisesScreen)
        lstm_cell = row_of(screen, "lstm_cell")
        assert "passed" in lstm_cell and "12:00" in lstm_cell and "20 min" in lstm_cell
        assert "attempted" in row_of(screen, "gru_cell") and "–" in row_of(screen, "gru_cell")
        assert "new" in row_of(screen, "stable_sigmoid")
        await pilot.press("escape")  # on its own, Back ends the app
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running
    store.close()


async def test_enter_starts_an_attempt_and_back_shows_the_pass(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ExercisesScreen)
        assert "new" in row_of(picker, "lstm_cell")
        table = picker.query_one("#exercises", DataTable)
        table.move_cursor(row=table.get_row_index("lstm_cell"))
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExerciseScreen) and screen.attempt.exercise.id == "lstm_cell"
        await wait_for(pilot, lambda: "failed" in status_of(app))  # the starter
        shutil.copy(
            ROOT / "exercises" / "lstm_cell" / "reference.py", screen.attempt.workspace.solution
        )
        screen.attempt.workspace.solution.touch()
        await wait_for(pilot, lambda: re.search(r"passed (\d+)/\1", status_of(app)) is not None)
        for _ in range(2):  # the first Esc leaves the editor pane, the next the screen
            if app.screen is not picker:
                await pilot.press("escape")
                await pilot.pause()
        assert app.screen is picker
        assert "passed" in row_of(picker, "lstm_cell")
        assert table.cursor_row == table.get_row_index("lstm_cell")  # the cursor stays put
    assert [a.outcome for a in practice.store.attempts("lstm_cell")] == ["passed"]


async def test_a_torch_exercise_without_torch_says_how_to_get_it(
    practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "torch" else real_find_spec(name, *a),
    )
    app = QuizApp(practice)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("e")
        await pilot.pause()
        table = app.screen.query_one("#exercises", DataTable)
        table.move_cursor(row=table.get_row_index("lstm_module"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExercisesScreen)
        [notice] = list(app._notifications)
        assert notice.severity == "error" and "pip install 'lstm-quiz[torch]'" in notice.message
