"""Answer areas without choices: a number typed in, and an open question's reveal and rating."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static


class NumericAnswer(Vertical):
    """An input for a number; the screen checks the text and may call `show_error`."""

    class Submitted(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    def __init__(self, placeholder: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder, id="numeric-input", select_on_focus=False)
        yield Static("", id="numeric-error")

    @property
    def input(self) -> Input:
        return self.query_one("#numeric-input", Input)

    def focus(self, scroll_visible: bool = True) -> NumericAnswer:
        self.input.focus(scroll_visible)
        return self

    @on(Input.Submitted, "#numeric-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    @on(Input.Changed, "#numeric-input")
    def _changed(self) -> None:
        self.show_error("")

    def show_error(self, message: str) -> None:
        """A one-line hint under the input ("" clears it)."""
        error = self.query_one("#numeric-error", Static)
        error.update(Content.styled(message, "$text-error") if message else "")
        error.display = bool(message)
        self.input.set_class(bool(message), "-invalid")

    def freeze(self) -> None:
        self.input.disabled = True


class OpenAnswer(Vertical, can_focus=True):
    """Think, press Space (or Enter) to see the model answer, then rate yourself 1-4.

    Posts `Revealed` (the screen shows the model answer) and then `Rated`.
    """

    BINDINGS = [
        Binding("space,enter", "reveal", "Show answer"),
        Binding("1", "rate(1)", "Again"),
        Binding("2", "rate(2)", "Hard"),
        Binding("3", "rate(3)", "Good"),
        Binding("4", "rate(4)", "Easy"),
    ]

    class Revealed(Message):
        pass

    class Rated(Message):
        def __init__(self, rating: int) -> None:
            super().__init__()
            self.rating = rating

    def __init__(self, hint: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hint = hint
        self.revealed = False
        self.locked = False

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(self.hint, "$text-muted"), id="open-hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return not self.revealed
        if action == "rate":
            return self.revealed and not self.locked
        return True

    def action_reveal(self) -> None:
        if self.revealed:
            return
        self.revealed = True
        self.query_one("#open-hint", Static).display = False
        self.refresh_bindings()
        self.post_message(self.Revealed())

    def action_rate(self, rating: int) -> None:
        if self.revealed and not self.locked:
            self.locked = True
            self.refresh_bindings()
            self.post_message(self.Rated(rating))
