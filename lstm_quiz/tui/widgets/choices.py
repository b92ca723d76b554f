"""The choices of a question: number keys, arrows and Enter; Space marks (multiple choice).

Posts `ChoiceList.Submitted` with the answer (a choice index, a frozenset of
indices, or a bool for true/false); the screen checks it. After the answer,
`show_result` marks the right choices and the wrong picks, and the list no
longer takes answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from lstm_quiz.bank.answers import Answer
from lstm_quiz.tui.render import rich_inline


class ChoiceItem(Horizontal):
    """One choice: its number, then its text (a mark box first for multiple choice).

    Two parts side by side, so that a long choice wraps under its own text,
    not under its number.
    """

    def __init__(self, number: int, label: str, *, multiple: bool) -> None:
        super().__init__(classes="choice")
        self.number = number
        self.label = label
        self.multiple = multiple
        self.marked = False
        self.result = ""  # once answered: "right", "missed" (right, not picked), "wrong" or ""
        self.note = ""  # once answered: what the learner did with it ("✗ missed: ...")

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(f" {self.number} ", "bold reverse"), classes="choice-number")
        yield Static(classes="choice-text")

    def on_mount(self) -> None:
        self.refresh_content()

    def refresh_content(self) -> None:
        symbol, style = {
            "right": ("✓", "bold $text-success"),
            "missed": ("✗", "bold $text-warning"),
            "wrong": ("✗", "bold $text-error"),
        }.get(self.result, ("x" if self.marked else " ", "bold $text-accent"))
        if self.multiple:
            mark = (f"[{symbol}] ", style)
        elif self.result:
            mark = (f"{symbol} ", style)
        else:
            mark = ("", "")
        note = ("  " + self.note, "italic $text-muted") if self.note else ("", "")
        self.query_one(".choice-text", Static).update(
            Content.assemble(mark, rich_inline(self.label), note)
        )

    def on_click(self, event: events.Click) -> None:
        parent = self.parent
        if isinstance(parent, ChoiceList):
            parent.click(self.number - 1)


class ChoiceList(Vertical, can_focus=True):
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("space", "mark", "Mark", show=False),
        Binding("enter", "submit", "Answer"),
    ]

    class Submitted(Message):
        def __init__(self, choices: ChoiceList, answer: Answer) -> None:
            super().__init__()
            self.choices = choices
            self.answer = answer

    class Empty(Message):
        """Enter with no choice marked (multiple choice)."""

    def __init__(
        self,
        labels: Sequence[str],
        *,
        multiple: bool = False,
        values: Sequence[Answer] | None = None,
        shortcuts: dict[str, int] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.labels = list(labels)
        self.multiple = multiple
        self.values = list(values) if values is not None else None
        keys = {str(n + 1): n for n in range(min(9, len(labels)))}
        self.shortcuts = {**keys, **(shortcuts or {})}
        self.cursor = 0
        self.locked = False

    def compose(self):  # type: ignore[no-untyped-def]
        for number, label in enumerate(self.labels, start=1):
            yield ChoiceItem(number, label, multiple=self.multiple)

    @property
    def items(self) -> list[ChoiceItem]:
        return list(self.query(ChoiceItem))

    @property
    def marked(self) -> frozenset[int]:
        return frozenset(n for n, item in enumerate(self.items) if item.marked)

    def on_mount(self) -> None:
        self._show_cursor()

    def _show_cursor(self) -> None:
        for index, item in enumerate(self.items):
            item.set_class(index == self.cursor and not self.locked, "-cursor")
        items = self.items
        if items and not self.locked:
            items[self.cursor].scroll_visible(animate=False)

    def action_move(self, step: int) -> None:
        if not self.locked and self.labels:
            self.cursor = (self.cursor + step) % len(self.labels)
            self._show_cursor()

    def action_mark(self) -> None:
        if self.locked:
            return
        if self.multiple:
            self._toggle(self.cursor)
        else:
            self._submit(self.cursor)

    def action_submit(self) -> None:
        if self.locked:
            return
        if not self.multiple:
            self._submit(self.cursor)
        elif self.marked:
            self.post_message(self.Submitted(self, self.marked))
        else:
            self.post_message(self.Empty())

    def click(self, index: int) -> None:
        if self.locked:
            return
        self.focus()
        self.cursor = index
        self._show_cursor()
        self.action_mark()

    def on_key(self, event: events.Key) -> None:
        index = self.shortcuts.get(event.character or "")
        if index is None or self.locked:
            return
        event.stop()
        event.prevent_default()
        self.cursor = index
        self._show_cursor()
        if self.multiple:
            self._toggle(index)
        else:
            self._submit(index)

    def _toggle(self, index: int) -> None:
        item = self.items[index]
        item.marked = not item.marked
        item.set_class(item.marked, "-marked")
        item.refresh_content()

    def _submit(self, index: int) -> None:
        answer: Answer = self.values[index] if self.values is not None else index
        self.post_message(self.Submitted(self, answer))

    def show_result(
        self,
        right: frozenset[int],
        picked: frozenset[int],
        notes: Mapping[int, str] | None = None,
    ) -> None:
        """Mark the right choices and the wrong picks (with `notes` beside); stop taking answers."""
        self.locked = True
        for index, item in enumerate(self.items):
            item.note = (notes or {}).get(index, "")
            if index in right:
                item.result = "right" if index in picked or not self.multiple else "missed"
            elif index in picked:
                item.result = "wrong"
            item.set_class(index in right, "-right")
            item.set_class(index in picked and index not in right, "-wrong")
            item.set_class(index in picked, "-picked")
            item.refresh_content()
        self._show_cursor()

    def freeze(self) -> None:
        self.locked = True
        self._show_cursor()
