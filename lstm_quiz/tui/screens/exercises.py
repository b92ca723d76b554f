"""The exercise picker: every exercise with its status and best time; Enter starts one.

Shown as the practice app's Exercises mode and as `lstm-quiz exercise` with
no name. The timed attempt is an `ExerciseScreen` pushed on top; coming back
refreshes the statuses.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Markdown, Static

from lstm_quiz.coding.attempt import clock
from lstm_quiz.coding.catalog import ExerciseCatalog, ExerciseRow
from lstm_quiz.errors import LstmQuizError
from lstm_quiz.session.format import difficulty_stars
from lstm_quiz.session.texts import text
from lstm_quiz.tui.localized import LocalizedBindings

STATUS_STYLES = {"new": "dim", "attempted": "yellow", "passed": "bold green"}


class ExercisesScreen(LocalizedBindings, Screen[None]):
    BINDINGS = [
        Binding(
            "enter", "start", "Start", priority=True
        ),  # shown in the footer over the table's own Enter
        Binding("escape,h", "back", "Back"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, catalog: ExerciseCatalog, *, standalone: bool = False) -> None:
        super().__init__()
        self.catalog = catalog
        # `lstm-quiz exercise`: Back quits; in the practice app it goes home.
        self.standalone = standalone
        self._rows: dict[str, ExerciseRow] = {}

    @property
    def lang(self) -> str:
        return str(getattr(self.app, "lang", "en"))

    def compose(self) -> ComposeResult:
        with Vertical(id="exercises-body"):
            yield Static(
                Content.styled(text(self.lang, "exercises_title"), "bold"), classes="screen-title"
            )
            yield Static(Content.styled(text(self.lang, "exercises_hint"), "$text-muted"))
            yield DataTable(id="exercises", cursor_type="row", zebra_stripes=True)
            yield Markdown("", id="exercise-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._language_changed, init=False)
        self._add_columns()

    def on_screen_resume(self) -> None:
        self.load()  # first shown, or back from an attempt: its status and best time may have changed

    async def _language_changed(self) -> None:
        await self.recompose()
        self._add_columns()
        self.load()

    def _add_columns(self) -> None:
        lang = self.lang
        self.query_one("#exercises", DataTable).add_columns(
            text(lang, "col_id"),
            text(lang, "col_difficulty"),
            text(lang, "col_time"),
            text(lang, "col_status"),
            text(lang, "col_best"),
            text(lang, "col_needs"),
            text(lang, "col_title"),  # last: on a narrow terminal it is the one cut short
        )

    def load(self) -> None:
        lang = self.lang
        table = self.query_one("#exercises", DataTable)
        cursor = table.cursor_row
        table.clear()
        try:
            rows = self.catalog.rows(lang)
        except LstmQuizError as error:
            self.notify(error.message, severity="error", timeout=10)
            return
        self._rows = {row.id: row for row in rows}
        for row in rows:
            table.add_row(*self._cells(row, lang), key=row.id)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))

    @staticmethod
    def _cells(row: ExerciseRow, lang: str) -> tuple[Text | str, ...]:
        needs = ", ".join([*row.requires, *(["torch"] if row.framework == "torch" else [])])
        status = row.progress.status
        best = clock(row.progress.best) if row.progress.best is not None else "–"
        return (
            Text(row.id, "bold"),
            Text(difficulty_stars(row.difficulty), "yellow"),
            text(lang, "minutes", n=row.time_limit_minutes),
            Text(text(lang, f"exercise_{status}"), STATUS_STYLES[status]),
            Text(best, "green" if row.progress.best is not None else "dim"),
            Text(needs, "dim"),
            row.title,
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = self._rows.get(str(event.row_key.value))
        if row is not None:  # the title and what it asks, also when the table is cut short
            minutes = text(self.lang, "minutes", n=row.time_limit_minutes)
            self.query_one("#exercise-summary", Markdown).update(
                f"**{row.title}** · {minutes}  \n{row.summary}"
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_start()  # Enter on the table, or a click on the selected row

    def action_start(self) -> None:
        table = self.query_one("#exercises", DataTable)
        if table.row_count == 0:
            return
        exercise_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        try:
            attempt = self.catalog.open_attempt(exercise_id, self.lang)
        except LstmQuizError as error:
            self.notify(error.message, severity="error", timeout=10)
            return
        from lstm_quiz.tui.screens.exercise import ExerciseScreen

        self.app.push_screen(ExerciseScreen(attempt, self.lang))

    def action_back(self) -> None:
        if self.standalone:
            self.app.exit()
        else:
            self.app.switch_mode("home")
