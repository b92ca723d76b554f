"""The parts of the question screen around the question: header bar and answer feedback."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Markdown, Static

from lstm_quiz.tui.render import inline


class SessionHeader(Horizontal):
    """Kind of session and question on the left; leech flag, countdown and count on the right."""

    def compose(self) -> ComposeResult:
        yield Label("", id="header-where")
        yield Label("", id="header-what")
        yield Label("", id="header-leech")
        yield Label("", id="header-clock")
        yield Label("", id="header-count")

    def show(self, where: Content, count: str, what: Content | None = None) -> None:
        """`where` (cut to "…" when it does not fit), then `what` and `count` in full."""
        self.query_one("#header-where", Label).update(where)
        self.query_one("#header-what", Label).update(
            Content.assemble(("  ·  ", "$text-muted"), what) if what is not None else ""
        )
        self.query_one("#header-count", Label).update(Content.styled(count, "bold"))

    def show_clock(self, clock: str, urgent: bool = False) -> None:
        label = self.query_one("#header-clock", Label)
        label.update(Content.styled(f"⏱ {clock}", "bold") if clock else "")
        label.display = bool(clock)
        label.set_class(urgent, "-urgent")

    def show_leech(self, message: str) -> None:
        label = self.query_one("#header-leech", Label)
        label.update(message)
        label.display = bool(message)


class Feedback(Vertical):
    """After an answer: the verdict, then Markdown (right answer, why, explanation), the source."""

    def compose(self) -> ComposeResult:
        yield Static("", id="verdict")
        yield Markdown("", id="feedback-body")
        yield Static("", id="feedback-source")

    async def show(self, verdict: Content | None, body: str, source: str) -> None:
        verdict_widget = self.query_one("#verdict", Static)
        verdict_widget.update(verdict or "")
        verdict_widget.display = verdict is not None
        # The source may quote code (`torch.nn.LSTM`): styled as code, without its backticks.
        self.query_one("#feedback-source", Static).update(inline(source, "$text-muted italic"))
        await self.query_one("#feedback-body", Markdown).update(body)
        self.display = True

    def set_verdict_class(self, name: str) -> None:
        for candidate in ("-right", "-wrong", "-rated"):
            self.set_class(candidate == name, candidate)

    def hide(self) -> None:
        self.display = False
