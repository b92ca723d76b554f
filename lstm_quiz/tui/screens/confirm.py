"""A yes/no question over the current screen (ending a mock interview early)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from lstm_quiz.tui.localized import LocalizedBindings


class ConfirmScreen(LocalizedBindings, ModalScreen[bool]):
    """Dismissed with True on y, False on n or Esc."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    /* A fixed width: with "auto" the box shrank to nothing around its sentences. */
    ConfirmScreen > Vertical {
        width: 64; max-width: 90%; height: auto;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, keys: str) -> None:
        super().__init__()
        self.question = question
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.styled(self.question, "bold"), id="confirm-question")
            yield Static(Content.styled(self.keys, "$text-muted"), id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
