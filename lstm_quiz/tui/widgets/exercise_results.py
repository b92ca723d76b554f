"""The results pane of the exercise screen: the verdict line, one row per test, and what is wrong."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from lstm_quiz.coding.attempt import Attempt, clock
from lstm_quiz.grading.results import GradingResult, Outcome
from lstm_quiz.tui.widgets.exercise_labels import label

MARKS = {
    Outcome.PASSED: Text("✓", "green"),
    Outcome.FAILED: Text("✗", "red"),
    Outcome.ERROR: Text("!", "magenta"),
}


def pass_line(lang: str, attempt: Attempt, result: GradingResult) -> Text:
    """“passed 2/2 in 03:12; previous best 04:01 a new best!”, then what the tests measured."""
    line = label(lang, "passed", n=len(result.tests), took=clock(attempt.elapsed()))
    best = attempt.best_previous()
    if best is not None and not attempt.unchanged_pass:
        line += "; " + label(lang, "best", best=clock(best))
        if attempt.timed_pass and attempt.elapsed() < best:
            line += " " + label(lang, "new_best")
    shown = Text(line, "bold green")
    for test in result.tests:
        if test.detail:  # e.g. the accuracy reached and the training time
            shown.append("\n" + test.detail_in(lang), "green")
    return shown


class ResultsPane(Vertical):
    def __init__(self, lang: str, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.lang = lang
        self._details: dict[str, tuple[str, str, str]] = {}  # per test: message, diagnosis, output

    def compose(self) -> ComposeResult:
        yield Static(label(self.lang, "not_graded"), id="exercise-status")
        yield Static("", id="exercise-version")
        yield DataTable(id="exercise-results", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="exercise-detail-box"):
            yield Static(label(self.lang, "select"), id="exercise-detail")

    def on_mount(self) -> None:
        # The mark first: seen even when a name is cut short.
        self.query_one(DataTable).add_columns("", label(self.lang, "test"), "ms")

    def set_status(self, text: Text, version: str = "") -> None:
        self.query_one("#exercise-status", Static).update(text)
        self.query_one("#exercise-version", Static).update(Text(version, "dim"))

    def show(self, result: GradingResult) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self._details = {}
        lang = self.lang
        for test in result.tests:
            table.add_row(
                MARKS[test.outcome], test.name, f"{test.duration * 1000:.1f}", key=test.name
            )
            self._details[test.name] = (
                test.message_in(lang) or result.solution_error_in(lang) or test.detail_in(lang),
                test.diagnosis_in(lang),
                test.output,
            )
        failing = [i for i, t in enumerate(result.tests) if not t.passed]
        if failing:
            table.move_cursor(row=failing[0])  # its detail follows the highlight
            self.show_detail(result.tests[failing[0]].name)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.show_detail(str(event.row_key.value))

    def show_detail(self, name: str) -> None:
        message, diagnosis, output = self._details.get(name, ("", "", ""))
        detail = Text()
        detail.append(name + "\n", "bold")
        if diagnosis:  # what the mistake is, before the numbers that show it
            detail.append(diagnosis + "\n\n", "bold yellow")
        detail.append(message or "✓")
        if output:
            detail.append("\n\n" + label(self.lang, "printed") + "\n", "dim")
            detail.append(output)
        self.query_one("#exercise-detail", Static).update(detail)
        self.query_one("#exercise-detail-box", VerticalScroll).scroll_home(animate=False)
