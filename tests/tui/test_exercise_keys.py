"""Issue 15: the exercise screen's footer fits the terminal; `?` (F1 in the editor) lists every key."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets._footer import FooterKey

from lstm_quiz.coding.attempt import Attempt
from lstm_quiz.exercises.workspace import Workspace
from lstm_quiz.review.store import ProgressStore
from lstm_quiz.tui.exercise_app import ExerciseApp
from lstm_quiz.tui.screens.help import HelpScreen
from lstm_quiz.tui.widgets.code_editor import SolutionEditor

from .test_exercise_screen import status_of, wait_for


@pytest.fixture
def open_attempt(tmp_path: Path, registry):
    made: list[tuple[Attempt, ProgressStore]] = []

    def open_one(lang: str) -> Attempt:
        exercise = registry.get("lstm_cell")
        store = ProgressStore.open(tmp_path / "data")
        attempt = Attempt(exercise, Workspace.open(exercise, tmp_path / "data", lang=lang), store)
        made.append((attempt, store))
        return attempt

    yield open_one
    for attempt, store in made:
        attempt.finish()
        store.close()


def graded(app) -> bool:
    """The first verdict (of the starter) is shown."""
    return any(word in status_of(app) for word in ("failed", "失败"))


def footer(app) -> list[tuple[str, str, int]]:
    """(key, name, right edge) of every key the footer shows."""
    return [
        (key.key_display, key.description, key.region.right)
        for key in app.screen.query(FooterKey)
        if key.display
    ]


def laid_out(app) -> bool:
    """The footer shows keys and has placed every one (a recomposed footer is 0 wide at first)."""
    keys = [key for key in app.screen.query(FooterKey) if key.display]
    return bool(keys) and all(key.region.width > 0 for key in keys)


def assert_fits(app, width: int) -> None:
    keys = footer(app)
    assert keys, "no footer"
    cut = [(key, name) for key, name, right in keys if right > width]
    assert cut == [], f"cut at {width} columns: {cut}"
    # Each name shown whole: the key's width holds " key name ".
    for key in app.screen.query(FooterKey):
        if key.display:
            need = cell_len(f" {key.key_display} {key.description} ")
            assert key.region.width >= need, (key.key_display, key.description)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_at_80x24_every_footer_key_is_whole_in_the_task_and_in_the_editor(
    open_attempt, lang: str
) -> None:
    app = ExerciseApp(open_attempt(lang), lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: graded(app) and laid_out(app))
        assert not isinstance(app.screen.focused, SolutionEditor)  # narrow: the task first
        assert_fits(app, 80)
        names = [name for _key, name, _ in footer(app)]
        want = {"en": ["Save", "Hint", "Give up", "Help"], "zh": ["保存", "提示", "放弃", "帮助"]}
        assert set(want[lang]) <= set(names)
        await pilot.press("ctrl+o")  # to the code
        await wait_for(
            pilot, lambda: "f1" in {key for key, _name, _ in footer(app)} and laid_out(app)
        )
        assert isinstance(app.screen.focused, SolutionEditor)
        assert_fits(app, 80)
        shown = {key for key, _name, _ in footer(app)}
        assert "f1" in shown and "?" not in shown and "h" not in shown  # ? and h are typed there


async def test_at_120_columns_the_footer_shows_every_key(open_attempt) -> None:
    app = ExerciseApp(open_attempt("en"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: graded(app))
        await pilot.press("escape")  # out of the editor: the letter keys act
        await wait_for(
            pilot, lambda: "h" in {key for key, _name, _ in footer(app)} and laid_out(app)
        )
        assert_fits(app, 120)
        shown = {key for key, _name, _ in footer(app)}
        assert {"^s", "^o", "e", "r", "h", "g", "^r", "esc", "q", "?"} <= shown


async def test_help_lists_the_keys_the_narrow_footer_leaves_out(open_attempt) -> None:
    app = ExerciseApp(open_attempt("zh"), "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: graded(app))
        assert "r" not in {key for key, _name, _ in footer(app)}
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = str(app.screen.query_one("#help-screen-keys").render())
        for name in ("评分", "退出", "提示", "放弃", "外部编辑器", "窗格"):
            assert name in listed
        # this app has no command palette, so its help does not offer one
        assert "ctrl+p" not in str(app.screen.query_one("#help-notes").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_f1_in_the_editor_lists_the_screen_keys_and_gives_the_editor_back(
    open_attempt,
) -> None:
    app = ExerciseApp(open_attempt("en"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: graded(app))
        editor = app.screen.query_one(SolutionEditor)
        assert app.screen.focused is editor
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = str(app.screen.query_one("#help-screen-keys").render())
        assert "Hint" in listed and "Give up" in listed  # what works once the editor is left
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.focused is editor
        await pilot.press("x")
        assert editor.text.startswith("x")  # typed into the code, as before
