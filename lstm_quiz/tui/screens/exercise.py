"""The timed coding screen: the task, a clock, and a verdict on every save.

Thin over `lstm_quiz.exercises.attempt.Attempt`: the screen shows the prompt,
the countdown and the results; grading runs in a thread worker so the keys
keep working even while a solution loops until its time limit.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from datetime import timedelta
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Label, Markdown, Static

from lstm_quiz.exercises.attempt import Attempt, clock
from lstm_quiz.exercises.watch import file_signature
from lstm_quiz.grading.results import GradingResult, Outcome

WATCH_SECONDS = 0.1

LABELS = {
    "en": {
        "left": "left",
        "over": "over time",
        "running": "grading…",
        "not_graded": "not graded yet: save solution.py (or press r)",
        "passed": "passed {n}/{n} in {took}",
        "failed": "{passed} passed, {failed} failed",
        "hint": "Hint {i}/{n}",
        "no_more_hints": "No more hints.",
        "give_up": "Give up and see the reference solution?",
        "yes": "Give up",
        "no": "Keep trying",
        "reset_question": "Put the starter back in solution.py? Your file is kept as a backup.",
        "reset": "Reset",
        "reset_done": "The starter is back; your file is kept as {backup}.",
        "reference": "Reference solution",
        "best": "previous best {best}",
        "new_best": "a new best!",
        "no_editor": "Set $VISUAL or $EDITOR to edit from here; or edit {path} in any editor.",
        "file": "solution",
        "test": "test",
        "select": "Select a test to see what is wrong.",
    },
    "zh": {
        "left": "剩余",
        "over": "已超时",
        "running": "评分中…",
        "not_graded": "尚未评分：保存 solution.py（或按 r）",
        "passed": "{n}/{n} 全部通过，用时 {took}",
        "failed": "通过 {passed}，失败 {failed}",
        "hint": "提示 {i}/{n}",
        "no_more_hints": "没有更多提示了。",
        "give_up": "放弃并查看参考答案？",
        "yes": "放弃",
        "no": "继续尝试",
        "reset_question": "把 solution.py 恢复为初始代码？你的文件会保留一份备份。",
        "reset": "恢复",
        "reset_done": "已恢复初始代码；你的文件备份为 {backup}。",
        "reference": "参考答案",
        "best": "之前最好成绩 {best}",
        "new_best": "新纪录！",
        "no_editor": "设置 $VISUAL 或 $EDITOR 后可在这里编辑；也可以用任何编辑器打开 {path}。",
        "file": "解答",
        "test": "测试",
        "select": "选择一项测试，查看错误原因。",
    },
}


def label(lang: str, key: str, **values: object) -> str:
    return LABELS.get(lang, LABELS["en"])[key].format(**values)


def shown_path(path: Path) -> str:
    """The path as a learner would type it: under the home folder as ~/..."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


class Confirm(ModalScreen[bool]):
    """Asks before something that cannot be taken back (giving up, resetting the file)."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Label(self.question)
            with Horizontal(id="confirm-buttons"):
                yield Button(self.no, id="keep", variant="primary")
                yield Button(self.yes, id="confirm", variant="error")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm")


class ExerciseScreen(Screen[None]):
    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("r", "grade", "Grade"),
        Binding("h", "hint", "Hint"),
        Binding("g", "give_up", "Give up"),
        Binding("ctrl+r", "reset", "Reset file"),
        Binding("escape", "leave", "Back"),
        Binding("q", "quit_app", "Quit"),
    ]

    def __init__(self, attempt: Attempt, lang: str = "en") -> None:
        super().__init__()
        self.attempt = attempt
        self.lang = lang
        self._seen = file_signature(attempt.workspace.solution)
        self._grading = False
        self._results: dict[str, tuple[str, str, str]] = {}

    # -- layout

    def compose(self) -> ComposeResult:
        exercise = self.attempt.exercise
        with Horizontal(id="exercise-header"):
            yield Static(Text(exercise.title.get(self.lang), "bold"), id="exercise-title")
            yield Static(id="exercise-clock")
        with Horizontal(id="exercise-body"):
            with VerticalScroll(id="exercise-prompt"):
                yield Markdown(exercise.prompt(self.lang), id="exercise-task")
                yield Markdown("", id="exercise-hints")
            with Vertical(id="exercise-side"):
                yield Static(
                    Text(
                        f"{label(self.lang, 'file')}: {shown_path(self.attempt.workspace.solution)}",
                        "dim",
                    ),
                    id="exercise-path",
                )
                yield Static(label(self.lang, "not_graded"), id="exercise-status")
                yield DataTable(id="exercise-results", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="exercise-detail-box"):
                    yield Static(label(self.lang, "select"), id="exercise-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#exercise-results", DataTable)
        # The mark first: seen even when a name is cut short.
        table.add_columns("", label(self.lang, "test"), "ms")
        table.focus()  # arrows move through the results; the prompt scrolls with the mouse or tab
        self.attempt.start_grader()
        self._tick()
        self.set_interval(1.0, self._tick)
        self.set_interval(WATCH_SECONDS, self._check_for_save)
        self.action_grade()

    def on_unmount(self) -> None:
        self.attempt.finish()  # however the screen goes (quit, crash): record it, stop the grader

    # -- the clock

    def _tick(self) -> None:
        remaining = self.attempt.remaining()
        over = remaining < timedelta(0)
        word = label(self.lang, "over" if over else "left")
        clock_widget = self.query_one("#exercise-clock", Static)
        clock_widget.update(Text(f"{clock(remaining)} {word}", "bold red" if over else "bold"))
        clock_widget.set_class(over, "over-time")

    # -- grading on save and on r

    def _check_for_save(self) -> None:
        current = file_signature(self.attempt.workspace.solution)
        if current is not None and current != self._seen:
            self._seen = current
            self.action_grade()

    def action_grade(self) -> None:
        if self._grading:
            return
        self._grading = True
        self.query_one("#exercise-status", Static).update(
            Text(label(self.lang, "running"), "italic")
        )
        self._grade_in_background()

    @work(thread=True, exclusive=True, group="grading")
    def _grade_in_background(self) -> None:
        try:
            result = self.attempt.grade()
        except Exception as error:
            self.app.call_from_thread(self._show_error, str(error))
            return
        self.app.call_from_thread(self._show_result, result)

    def _show_error(self, message: str) -> None:
        self._grading = False
        self.query_one("#exercise-status", Static).update(Text(message, "red"))

    def _show_result(self, result: GradingResult) -> None:
        self._grading = False
        table = self.query_one("#exercise-results", DataTable)
        table.clear()
        self._results = {}
        marks = {
            Outcome.PASSED: Text("✓", "green"),
            Outcome.FAILED: Text("✗", "red"),
            Outcome.ERROR: Text("!", "magenta"),
        }
        for test in result.tests:
            table.add_row(
                marks[test.outcome], test.name, f"{test.duration * 1000:.1f}", key=test.name
            )
            self._results[test.name] = (
                test.message or result.solution_error,
                test.diagnosis,
                test.output,
            )
        status = self.query_one("#exercise-status", Static)
        if result.passed:
            status.update(Text(self._pass_line(result), "bold green"))
            self._show_reference()
        else:
            line = label(
                self.lang, "failed", passed=result.passed_count, failed=result.failed_count
            )
            status.update(Text(line, "bold red"))
            failing = [i for i, t in enumerate(result.tests) if not t.passed]
            if failing:
                table.move_cursor(row=failing[0])  # its detail follows the highlight
                self._show_detail(result.tests[failing[0]].name)

    def _pass_line(self, result: GradingResult) -> str:
        took = clock(self.attempt.elapsed())
        line = label(self.lang, "passed", n=len(result.tests), took=took)
        best = self.attempt.best_previous()
        if best is not None:
            line += "; " + label(self.lang, "best", best=clock(best))
            if self.attempt.elapsed() < best:
                line += " " + label(self.lang, "new_best")
        return line

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._show_detail(str(event.row_key.value))

    def _show_detail(self, name: str) -> None:
        message, diagnosis, output = self._results.get(name, ("", "", ""))
        detail = Text()
        detail.append(name + "\n", "bold")
        detail.append(message or "✓")
        if diagnosis:
            detail.append("\n\n" + diagnosis, "yellow")
        if output:
            detail.append("\n\nyour code printed:\n", "dim")
            detail.append(output)
        self.query_one("#exercise-detail", Static).update(detail)

    # -- hints, giving up, the reference

    def action_hint(self) -> None:
        hint = self.attempt.next_hint()
        if hint is None:
            self.notify(label(self.lang, "no_more_hints"), timeout=3)
            return
        shown = self.attempt.exercise.hints[: self.attempt.hints_shown]
        total = len(self.attempt.exercise.hints)
        blocks = [
            f"### {label(self.lang, 'hint', i=i + 1, n=total)}\n\n{h.get(self.lang)}"
            for i, h in enumerate(shown)
        ]
        hints = self.query_one("#exercise-hints", Markdown)
        hints.update("\n\n".join(blocks))
        self.query_one("#exercise-prompt", VerticalScroll).scroll_to_widget(hints)

    def action_give_up(self) -> None:
        if self.attempt.reference_unlocked:
            self._show_reference()
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.attempt.give_up()
                self._show_reference()

        question = Confirm(
            label(self.lang, "give_up"), label(self.lang, "yes"), label(self.lang, "no")
        )
        self.app.push_screen(question, answered)

    def action_reset(self) -> None:
        def answered(confirmed: bool | None) -> None:
            if confirmed:
                backup = self.attempt.workspace.reset()
                name = backup.name if backup else ""
                self.notify(label(self.lang, "reset_done", backup=name), timeout=8)
                self._check_for_save()

        question = Confirm(
            label(self.lang, "reset_question"), label(self.lang, "reset"), label(self.lang, "no")
        )
        self.app.push_screen(question, answered)

    def _show_reference(self) -> None:
        source = self.attempt.reference_source()
        hints = self.query_one("#exercise-hints", Markdown)
        hints.update(f"### {label(self.lang, 'reference')}\n\n```python\n{source}\n```")
        self.query_one("#exercise-prompt", VerticalScroll).scroll_to_widget(hints)

    # -- editing

    def action_edit(self) -> None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        path = self.attempt.workspace.solution
        if not editor:
            self.notify(label(self.lang, "no_editor", path=path), timeout=8)
            return
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(editor), str(path)], check=False)
        except SuspendNotSupported:  # e.g. served in a browser: the terminal is not ours to lend
            self.notify(label(self.lang, "no_editor", path=path), timeout=8)
            return
        except OSError as error:  # the editor named in $EDITOR is not there
            self.notify(f"{editor}: {error.strerror or error}", severity="error", timeout=8)
            return
        self._check_for_save()

    # -- leaving

    def action_leave(self) -> None:
        self.attempt.finish()
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()

    def action_quit_app(self) -> None:
        self.attempt.finish()
        self.app.exit()
