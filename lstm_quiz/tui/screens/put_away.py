"""Suspended and buried cards (Stats › p): Enter restores the highlighted one.

Anki keeps suspended cards in its browser, where they are found and
unsuspended; this is that list. A suspended card stays away until restored
here; a buried one comes back by itself the next day, or now if restored.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from lstm_quiz.session.context import Practice, PutAwayCard
from lstm_quiz.session.report import prompt_line
from lstm_quiz.session.texts import text
from lstm_quiz.tui.localized import LocalizedBindings, question_name

# The prompt column's width: the rest of an 80-column line goes to topic and status.
PROMPT_WIDTH = 44


class PutAwayScreen(LocalizedBindings, Screen[None]):
    DEFAULT_CSS = """
    PutAwayScreen #put-away-body { padding: 1 2; }
    PutAwayScreen #put-away { margin: 0 1; height: auto; max-height: 1fr; }
    """
    BINDINGS = [
        Binding("enter", "restore", "Restore", priority=True),  # not DataTable's "Select"
        Binding("escape", "close", "Back"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice
        self.cards: list[PutAwayCard] = []

    def compose(self) -> ComposeResult:
        lang = self.practice.lang
        with VerticalScroll(id="put-away-body"):
            yield Static(
                Content.styled(text(lang, "put_away_title"), "bold"), classes="screen-title"
            )
            yield Static(text(lang, "put_away_none"), id="put-away-none", classes="muted")
            yield DataTable(id="put-away", cursor_type="row", zebra_stripes=True)
            yield Static(text(lang, "put_away_hint"), id="put-away-hint", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._language_changed, init=False)
        self.load()
        self.query_one("#put-away", DataTable).focus()

    async def _language_changed(self) -> None:
        await self.recompose()
        self.load()

    def load(self) -> None:
        lang = self.practice.lang
        self.cards = self.practice.put_away()
        table = self.query_one("#put-away", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_columns(
            text(lang, "col_question"), text(lang, "col_topic"), text(lang, "col_status")
        )
        for card in self.cards:
            question = card.question
            if card.suspended:
                status = Text(text(lang, "put_away_suspended"), "yellow")
            else:
                when = card.buried_until.date().isoformat() if card.buried_until else ""
                status = Text(text(lang, "put_away_buried", when=when), "cyan")
            table.add_row(
                prompt_line(question, lang, PROMPT_WIDTH),
                self.practice.topic_title(question.topic),
                status,
                key=question.id,
            )
        table.display = bool(self.cards)
        self.query_one("#put-away-hint").display = bool(self.cards)
        self.query_one("#put-away-none").display = not self.cards
        if self.cards:
            table.move_cursor(row=min(cursor, len(self.cards) - 1))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return bool(self.cards)
        return True

    @on(DataTable.RowSelected, "#put-away")
    def _selected(self) -> None:
        self.action_restore()

    def action_restore(self) -> None:
        """Put the highlighted card back: unsuspended, unburied, in the reviews now."""
        table = self.query_one("#put-away", DataTable)
        if not self.cards:
            return
        card = self.cards[min(table.cursor_row, len(self.cards) - 1)]
        self.practice.restore(card.question.id)
        name = question_name(card.question, self.practice.lang)
        self.notify(text(self.practice.lang, "restored", id=name), timeout=4)
        self.load()

    def action_close(self) -> None:
        self.dismiss()
