"""Exercises: the list `lstm-quiz exercise list` prints, read-only for now."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from lstm_quiz.errors import LstmQuizError
from lstm_quiz.session.context import Practice
from lstm_quiz.session.format import difficulty_stars
from lstm_quiz.session.texts import text


class ExercisesScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,h", "home", "Home"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice

    def compose(self) -> ComposeResult:
        lang = self.practice.lang
        with Vertical(id="exercises-body"):
            yield Static(
                Content.styled(text(lang, "exercises_title"), "bold"), classes="screen-title"
            )
            yield Static(Content.styled(text(lang, "exercises_hint"), "$text-muted"))
            yield DataTable(id="exercises", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._language_changed, init=False)
        self.load()

    async def _language_changed(self) -> None:
        await self.recompose()
        self.load()

    def load(self) -> None:
        lang = self.practice.lang
        table = self.query_one("#exercises", DataTable)
        table.clear(columns=True)
        table.add_columns(
            text(lang, "col_id"),
            text(lang, "col_difficulty"),
            text(lang, "col_time"),
            text(lang, "col_title"),
            text(lang, "col_needs"),
        )
        try:
            rows = self.practice.exercises()
        except LstmQuizError as error:
            self.notify(error.message, severity="error", timeout=10)
            return
        for row in rows:
            needs = ", ".join([*row.requires, *(["torch"] if row.framework == "torch" else [])])
            table.add_row(
                Text(row.id, "bold"),
                Text(difficulty_stars(row.difficulty), "yellow"),
                text(lang, "minutes", n=row.time_limit_minutes),
                row.title,
                Text(needs, "dim"),
                key=row.id,
            )

    def action_home(self) -> None:
        self.app.switch_mode("home")
