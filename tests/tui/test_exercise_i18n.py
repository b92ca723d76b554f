"""Issue 15: with Chinese chosen, the exercise picker and the coding screen speak Chinese.

The walk (as tests/tui/test_i18n.py does for the practice screens) reads what a
learner sees — widgets, tables, footer, toasts, dialogs, help — at each step of
an attempt, and fails on an English UI word of the screen or of the grader.
Code, test names and ids stay as written and are left out before the check.
"""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import DataTable, TextArea
from textual.widgets._footer import FooterKey

from lstm_quiz.coding.catalog import ExerciseCatalog
from lstm_quiz.review.store import ProgressStore
from lstm_quiz.tui.exercise_app import ExerciseApp
from lstm_quiz.tui.screens.exercise import ExerciseScreen

from .pilots import screen_text
from .test_exercise_screen import status_of, wait_for

_FENCE = re.compile(r"```.*?```", re.DOTALL)


# The exercise picker's and screen's own English words (the grader's texts are checked too).
EXERCISE_UI = [
    "Task", "Code", "Results", "Save", "Pane", "Hint", "Give up", "Reset", "Grade", "Back",
    "Quit", "Help", "Keys", "Leave editor", "Select all", "passed", "failed", "left",
    "over time", "clock stopped", "grading", "not graded", "for save", "into the attempt",
    "Continue", "Start over", "Keep trying", "Restore starter", "Keep my file", "starter",
    "Reference solution", "Select a test", "next pane", "No more hints", "Saved",
    "Start", "new", "attempted", "min", "Difficulty", "Status", "Best", "Title", "Needs",
    "differs", "expected", "raised", "should", "got", "want", "the reference",
]  # fmt: skip
_EXERCISE_WORDS = re.compile("|".join(rf"\b{re.escape(word)}\b" for word in EXERCISE_UI))


def exercise_english_in(app: ExerciseApp) -> list[str]:
    """English UI words on an exercise screen: its widgets, tables, footer, toasts."""
    parts = [screen_text(app)]
    for table in app.screen.query(DataTable):
        parts += [str(column.label) for column in table.columns.values()]
        parts += [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
    parts += [key.description for key in app.screen.query(FooterKey)]
    parts += [notification.message for notification in app._notifications]
    shown = _FENCE.sub("", "\n".join(parts))
    shown = re.sub(r"\b(test_\w+|solution\.py\S*|\w+_\w+)(\[[^\]]*\])?", "", shown)  # ids
    return _EXERCISE_WORDS.findall(shown)


async def test_the_exercise_picker_and_screen_in_chinese_show_no_english_ui_word(
    tmp_path: Path,
) -> None:
    store = ProgressStore.open(tmp_path)
    solution = tmp_path / "workspaces" / "lstm_cell" / "solution.py"
    solution.parent.mkdir(parents=True)
    solution.write_text("# my earlier work\n")  # opening it asks: continue or start over?
    app = ExerciseApp(lang="zh", catalog=ExerciseCatalog(store, tmp_path))
    found: dict[str, list[str]] = {}
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        found["picker"] = exercise_english_in(app)
        table = app.screen.query_one("#exercises", DataTable)
        table.move_cursor(row=table.get_row_index("lstm_cell"))
        await pilot.press("enter")
        await pilot.pause(0.3)
        found["reopen question"] = exercise_english_in(app)
        await pilot.press("escape")  # continue with the earlier work
        await wait_for(pilot, lambda: "…" not in status_of(app))
        assert isinstance(app.screen, ExerciseScreen)
        found["verdict on a file without the function"] = exercise_english_in(app)
        editor = app.screen.query_one("#exercise-editor", TextArea)
        editor.load_text(app.screen.attempt.exercise.starter.read_text())
        await pilot.press("ctrl+s")  # the starter: it raises NotImplementedError
        await pilot.pause(0.2)
        found["saved"] = exercise_english_in(app)
        await wait_for(pilot, lambda: "…" not in status_of(app))
        found["verdict on the starter"] = exercise_english_in(app)
        await pilot.press("escape")  # out of the editor: the letter keys act
        for key, name in (("h", "hint"), ("g", "give-up question"), ("ctrl+r", "reset question")):
            await pilot.press(key)
            await pilot.pause(0.2)
            found[name] = exercise_english_in(app)
            if key != "h":
                await pilot.press("escape")  # cancelled
                await pilot.pause(0.1)
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        found["help"] = exercise_english_in(app)
        await pilot.press("escape")
        editor.load_text(app.screen.attempt.exercise.reference.read_text())
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "全部通过" in status_of(app))
        await pilot.pause(0.3)  # the reference solution, shown under the task
        found["pass, with the reference"] = exercise_english_in(app)
        assert "参考答案" in screen_text(app)
    store.close()
    assert {name: words for name, words in found.items() if words} == {}
