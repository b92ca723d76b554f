"""The question screen: one question at a time, answer, feedback, undo, leeches, countdown.

Thin: every decision is the session's (`lstm_quiz.session.PracticeSession`);
this screen shows its state and turns keys into its calls.
"""

from __future__ import annotations

from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Markdown, ProgressBar, Static

from lstm_quiz.bank.answers import AnswerInputError
from lstm_quiz.bank.models import Question
from lstm_quiz.review.store import ProgressStoreError
from lstm_quiz.session.context import Practice
from lstm_quiz.session.feedback import format_interval, preview_line
from lstm_quiz.session.format import format_clock
from lstm_quiz.session.practice import Outcome, PracticeSession
from lstm_quiz.session.texts import text
from lstm_quiz.tui.localized import LocalizedBindings, input_error, question_name
from lstm_quiz.tui.render import (
    feedback_markdown,
    open_answer_markdown,
    question_heading,
    verdict,
)
from lstm_quiz.tui.screens.confirm import ConfirmScreen
from lstm_quiz.tui.screens.question_parts import answer_widget, show_result
from lstm_quiz.tui.widgets.answers import NumericAnswer, OpenAnswer
from lstm_quiz.tui.widgets.choices import ChoiceList
from lstm_quiz.tui.widgets.session import Feedback, SessionHeader

URGENT = timedelta(minutes=1)


class QuestionScreen(LocalizedBindings, Screen[None]):
    BINDINGS = [
        Binding("enter", "next", "Next"),
        Binding("u", "undo", "Undo", priority=True),
        Binding("s", "suspend", "Suspend", priority=True),
        Binding("b", "bury", "Bury", priority=True),
        Binding("escape", "end", "End session"),
    ]

    def __init__(self, practice: Practice, session: PracticeSession) -> None:
        super().__init__(classes=f"-{session.kind}")
        self.practice = practice
        self.session = session
        self.answered = False
        self._finished = False

    @property
    def lang(self):  # type: ignore[no-untyped-def]
        return self.practice.lang

    def compose(self) -> ComposeResult:
        yield SessionHeader(id="session-header")
        yield ProgressBar(
            total=max(1, self.session.total),
            show_eta=False,
            show_percentage=False,
            id="session-progress",
        )
        leech = Static("", id="leech-line")
        leech.display = False
        yield leech
        with VerticalScroll(id="question-body"):
            yield Markdown("", id="prompt")
            yield Vertical(id="answer-area")
            feedback = Feedback(id="feedback")
            feedback.display = False
            yield feedback
        yield Static("", id="hint")
        yield Footer()

    async def on_mount(self) -> None:
        if self.session.time_limit is not None:
            self.tick()
            self.set_interval(1.0, self.tick)
        self.watch(self.app, "lang", self._language_changed, init=False)
        await self.show_question()

    # ------------------------------------------------------------- showing

    async def show_question(self) -> None:
        session = self.session
        if session.time_is_up or session.current is None:
            self.finish()
            return
        question = session.current
        self.answered = False
        self._show_header(question)
        self.query_one("#session-progress", ProgressBar).update(
            total=max(1, session.total), progress=session.answered
        )
        await self.query_one("#prompt", Markdown).update(question.prompt.get(self.lang))
        area = self.query_one("#answer-area", Vertical)
        await area.remove_children()
        widget = answer_widget(question, self.lang)
        await area.mount(widget)
        self.query_one("#feedback", Feedback).hide()
        self._hint(self._question_hint(question))
        self.query_one("#question-body", VerticalScroll).scroll_home(animate=False)
        # The prompt's first line stays in view: on a small terminal the last
        # choices may need a scroll, but the question itself must be read first.
        widget.focus(scroll_visible=False)
        self.refresh_bindings()

    def _show_header(self, question: Question) -> None:
        session = self.session
        kind = Content.styled(text(self.lang, f"kind_{session.kind}"), "bold $text-primary")
        topic = Content.styled(self.practice.topic_title(question.topic), "bold")
        header = self.query_one(SessionHeader)
        # The topic is cut to "…" on a narrow terminal; the type and difficulty always show.
        header.show(
            Content.assemble(kind, ("  ·  ", "$text-muted"), topic),
            f"{min(session.position + 1, session.total)}/{session.total}",
            question_heading(question, None, self.lang),
        )
        leech = session.is_leech(question.id)
        self._show_leech(
            text(self.lang, "leech", n=session.wrong_count(question.id)) if leech else ""
        )

    def _show_leech(self, message: str) -> None:
        """The leech notice, on a line of its own under the progress bar (it is a sentence)."""
        line = self.query_one("#leech-line", Static)
        line.update(Content.styled(message, "bold $text-warning"))
        line.display = bool(message)

    def _question_hint(self, question: Question) -> str:
        count = len(question.choices)
        if question.type == "numeric":
            unit = (
                text(self.lang, "unit", unit=question.unit.get(self.lang)) if question.unit else ""
            )
            return text(self.lang, "hint_numeric", unit=unit)
        if question.type == "open":
            return ""
        return text(self.lang, f"hint_{question.type}", n=count)

    def _hint(self, message: str, style: str = "$text-muted") -> None:
        hint = self.query_one("#hint", Static)
        hint.update(Content.styled(message, style))
        hint.display = bool(message)

    # ------------------------------------------------------------ answering

    @on(ChoiceList.Submitted)
    async def _choice(self, event: ChoiceList.Submitted) -> None:
        await self._commit(lambda: self.session.answer(event.answer))

    @on(ChoiceList.Empty)
    def _no_choice(self) -> None:
        self._hint(text(self.lang, "pick_one"), "$text-warning")

    @on(NumericAnswer.Submitted)
    async def _number(self, event: NumericAnswer.Submitted) -> None:
        try:
            outcome = self.session.answer_text(event.value)
        except AnswerInputError as error:
            self.query_one(NumericAnswer).show_error(input_error(self.lang, error))
            return
        await self._commit(lambda: outcome)

    @on(OpenAnswer.Revealed)
    async def _revealed(self) -> None:
        question = self.session.current
        assert question is not None
        feedback = self.query_one("#feedback", Feedback)
        feedback.set_verdict_class("-rated")
        await feedback.show(
            None,
            open_answer_markdown(question, self.lang),
            text(self.lang, "source", source=question.source),
        )
        # Each rating with the interval fsrs would give it, as Anki's buttons show.
        preview = preview_line(self.session.preview(), self.lang)
        self._hint(f"{text(self.lang, 'hint_rate')}\n{preview}", "bold")

    def _after_answer(self, outcome: Outcome) -> str:
        """The next review (the implied rating's interval), whether it comes back, the keys."""
        lines = [
            text(self.lang, "next_interval", interval=format_interval(outcome.interval, self.lang))
        ]
        if outcome.returns:
            lines[0] += "  ·  " + text(self.lang, "comes_back")
        return "\n".join([*lines, text(self.lang, "hint_next")])

    @on(OpenAnswer.Rated)
    async def _rated(self, event: OpenAnswer.Rated) -> None:
        outcome = self.session.rate(event.rating)
        if outcome.leech:  # stay, so that the flag and `s` are seen
            self.answered = True
            self._show_leech(text(self.lang, "leech", n=outcome.wrong_count))
            self._hint(self._after_answer(outcome))
            self.query_one("#question-body").focus()
            self.refresh_bindings()
            return
        self.session.next()
        await self.show_question()

    async def _commit(self, answer) -> None:  # type: ignore[no-untyped-def]
        if self.session.time_is_up:
            self.finish()
            return
        outcome: Outcome = answer()
        if not self.session.feedback:
            self.session.next()
            self.notify(text(self.lang, "mock_recorded"), timeout=2)
            await self.show_question()
            return
        await self._show_feedback(outcome)

    async def _show_feedback(self, outcome: Outcome) -> None:
        question = outcome.question
        self.answered = True
        show_result(self.query_one("#answer-area").children[0], outcome, self.lang)
        feedback = self.query_one("#feedback", Feedback)
        feedback.set_verdict_class("-right" if outcome.correct else "-wrong")
        body = (
            open_answer_markdown(question, self.lang)
            if question.type == "open"
            else feedback_markdown(question, outcome, self.lang)
        )
        await feedback.show(
            verdict(outcome, self.lang),
            body,
            text(self.lang, "source", source=question.source),
        )
        if outcome.leech:
            self._show_leech(text(self.lang, "leech", n=outcome.wrong_count))
        self.query_one("#session-progress", ProgressBar).update(progress=self.session.answered)
        self._hint(self._after_answer(outcome))
        scroller = self.query_one("#question-body", VerticalScroll)
        scroller.focus()
        scroller.scroll_to_widget(feedback, animate=False, top=False)
        self.refresh_bindings()

    # ------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if action == "next":
            return self.answered
        if action == "undo":  # a slip of s or b, or (with feedback) the latest answer
            return session.last_put_away is not None or (
                session.feedback and bool(session.outcomes)
            )
        if action in ("suspend", "bury"):
            return session.current is not None
        return True

    async def action_next(self) -> None:
        if self.answered:
            self.session.next()
            await self.show_question()

    async def action_undo(self) -> None:
        put_away = self.session.undo_put_away()  # the latest step, if it was s or b
        if put_away is not None:
            name = question_name(put_away.question, self.lang)
            self.notify(text(self.lang, f"put_away_undone_{put_away.kind}", id=name), timeout=3)
            if not put_away.answered:
                await self.show_question()
            self.refresh_bindings()
            return
        try:
            undone = self.session.undo()
        except ProgressStoreError as error:
            self.notify(text(self.lang, "undo_refused", reason=error.message), severity="error")
            return
        if undone is None:
            self.notify(text(self.lang, "nothing_to_undo"), severity="warning")
            return
        self.notify(
            text(self.lang, "undone", id=question_name(undone.question, self.lang)), timeout=3
        )
        await self.show_question()

    async def action_suspend(self) -> None:
        await self._put_away("suspended")

    async def action_bury(self) -> None:
        await self._put_away("buried")

    async def _put_away(self, how: str) -> None:
        """Suspend (never again until unsuspended) or bury (until tomorrow) the current card."""
        question = self.session.current
        if question is None:
            return
        was_answered = self.session.current_outcome is not None
        if how == "suspended":
            self.session.suspend_current()
        else:
            self.session.bury_current()
        # The toast says how to take it back (u), and, for a suspension, where it can be restored.
        message = "suspended_undo" if how == "suspended" else "buried"
        self.notify(text(self.lang, message, id=question_name(question, self.lang)), timeout=5)
        if was_answered:
            self.session.next()
        await self.show_question()

    def action_end(self) -> None:
        if self.session.kind != "mock" or self.session.finished:
            self.finish()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.finish()

        # Ending a mock early scores every unanswered question as wrong: ask first.
        self.app.push_screen(
            ConfirmScreen(text(self.lang, "confirm_end"), text(self.lang, "confirm_end_keys")),
            answered,
        )

    def finish(self) -> None:
        """End the session (answers are already committed) and show its summary."""
        from lstm_quiz.tui.screens.summary import SummaryScreen

        if self._finished:
            return
        self._finished = True
        if self.session.ended_at is None and self.session.time_is_up:
            self.notify(text(self.lang, "time_up"), severity="warning")
        self.session.finish()
        self.app.switch_screen(SummaryScreen(self.practice, self.practice.summary(self.session)))

    def tick(self) -> None:
        left = self.session.remaining_time()
        if left is None:
            return
        self.query_one(SessionHeader).show_clock(
            text(self.lang, "time_left", time=format_clock(left)), left <= URGENT
        )
        if left <= timedelta(0) and self.session.ended_at is None and self.is_current:
            self.finish()

    async def _language_changed(self) -> None:
        if not self.answered:
            await self.show_question()
            return
        outcome = self.session.current_outcome
        if outcome is not None:  # show the answered question again, in the new language
            question = outcome.question
            self._show_header(question)
            await self.query_one("#prompt", Markdown).update(question.prompt.get(self.lang))
            area = self.query_one("#answer-area", Vertical)
            await area.remove_children()
            await area.mount(answer_widget(question, self.lang))
            await self._show_feedback(outcome)
