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
from lstm_quiz.session.format import display_width, pad
from lstm_quiz.session.report import prompt_line
from lstm_quiz.session.texts import text
from lstm_quiz.tui.localized import LocalizedBindings, question_name

# Cells around the two columns: the body's padding, the table's margin, cell padding.
FRAME = 12
MIN_PROMPT = 24


class PutAwayScreen(LocalizedBindings, Screen[None]):
    DEFAULT_CSS = """
    PutAwayScreen #put-away-body { padding: 1 2; }
    PutAwayScreen #put-away { margin: 0 1; }
    PutAwayScreen #put-away-hint { margin-top: 1; }
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
        table.add_columns(text(lang, "col_question"), text(lang, "col_status"))
        statuses = [self._status(card) for card in self.cards]
        # The prompt takes what the status leaves of the line (cells: a Chinese character is two).
        status_width = max((display_width(status.plain) for status in statuses), default=0)
        prompt_width = max(MIN_PROMPT, self.size.width - status_width - FRAME)
        for card, status in zip(self.cards, statuses, strict=True):
            question = card.question
            table.add_row(
                Text.assemble(
                    (prompt_line(question, lang, prompt_width), "bold"),
                    "\n",
                    (pad(self.practice.topic_title(question.topic), prompt_width).rstrip(), "dim"),
                ),
                status,
                key=question.id,
                height=2,
            )
        # A fixed height: DataTable's "auto" height stays 0 when rows come after mounting.
        table.styles.height = min(1 + 2 * len(self.cards), max(3, self.size.height - 10))
        table.display = bool(self.cards)
        self.query_one("#put-away-hint").display = bool(self.cards)
        self.query_one("#put-away-none").display = not self.cards
        if self.cards:
            table.move_cursor(row=min(cursor, len(self.cards) - 1))
        self.refresh_bindings()

    def _status(self, card: PutAwayCard) -> Text:
        lang = self.practice.lang
        if card.suspended:
            return Text(text(lang, "put_away_suspended"), "yellow")
        when = card.buried_until.date().isoformat() if card.buried_until else ""
        return Text(text(lang, "put_away_buried", when=when), "cyan")

    def on_resize(self) -> None:
        self.load()

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
