"""The end of a session: score, time, per topic, weakest topics, due next; a mock's review."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from lstm_quiz.bank.models import Question
from lstm_quiz.session.context import Practice
from lstm_quiz.session.format import format_duration, relative_time
from lstm_quiz.session.practice import Outcome
from lstm_quiz.session.report import prompt_line
from lstm_quiz.session.summary import SessionSummary
from lstm_quiz.session.texts import text
from lstm_quiz.tui.localized import LocalizedBindings
from lstm_quiz.tui.render import review_markdown
from lstm_quiz.tui.widgets.charts import Figure, TopicBars


class SummaryScreen(LocalizedBindings, Screen[None]):
    BINDINGS = [
        Binding("enter,escape", "home", "Home"),
        Binding("d", "drill", "Drill missed"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, practice: Practice, summary: SessionSummary) -> None:
        super().__init__()
        self.practice = practice
        self.summary = summary

    def compose(self) -> ComposeResult:
        lang = self.practice.lang
        summary = self.summary
        mock = summary.kind == "mock"
        with VerticalScroll(id="summary-body"):
            title = text(lang, "mock_summary_title" if mock else "summary_title")
            yield Static(Content.styled(title, "bold"), classes="screen-title")
            with Horizontal(classes="figures"):
                # A mock is scored over the questions it asked: "0/10", not "0/1".
                score = f"{summary.percent}%" if summary.score_total else "–"
                yield Figure(
                    score, f"{text(lang, 'score')} · {summary.right}/{summary.score_total}"
                )
                yield Figure(format_duration(summary.duration, lang), text(lang, "time"))
                yield Figure(
                    f"{summary.answered}/{summary.total}",
                    text(lang, "answered_of", answered=summary.answered, total=summary.total),
                )
            yield Static(text(lang, "per_topic"), classes="section-title")
            if summary.per_topic:
                bars = TopicBars(id="topic-results")
                bars.set_rows(
                    [
                        (
                            self.practice.topic_title(result.topic),
                            result.fraction,
                            f"{result.right}/{result.answered}",
                        )
                        for result in summary.per_topic
                    ]
                )
                yield bars
            else:
                yield Static(text(lang, "none_answered"), classes="muted")
            yield Static(text(lang, "weakest"), classes="section-title")
            yield Static(self._weakest(), id="weakest")
            yield Static(text(lang, "missed_title"), classes="section-title")
            yield Static(self._missed(), id="missed")
            yield Static(text(lang, "due_next"), classes="section-title")
            yield Static(self._due_next(), id="due-next")
            if mock:
                yield Static(text(lang, "review_of_answers"), classes="section-title")
                yield from self._review()
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self.recompose, init=False)

    def _weakest(self) -> Content:
        lang = self.practice.lang
        if not self.summary.weakest:
            return Content.styled(text(lang, "weakest_none"), "$text-success")
        parts: list[str | tuple[str, str]] = []
        for index, result in enumerate(self.summary.weakest):
            if index:
                parts.append(("  ·  ", "$text-muted"))
            parts.append((self.practice.topic_title(result.topic), "bold"))
            parts.append((f" {result.right}/{result.answered}", "$text-error"))
        return Content.assemble(*parts)

    def _missed(self) -> Content:
        """The questions answered wrong, one a line, and the key that drills them now."""
        lang = self.practice.lang
        missed = self.summary.missed
        if not missed:
            return Content.styled(text(lang, "missed_none"), "$text-success")
        parts: list[str | tuple[str, str]] = []
        for question_id in missed:
            question = self.summary.question(question_id)
            line = prompt_line(question, lang) if question is not None else question_id
            parts += [("✗ ", "bold $text-error"), line, "\n"]
        parts.append((text(lang, "drill_hint", n=len(missed)), "bold"))
        return Content.assemble(*parts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "drill":
            return bool(self.summary.missed)
        return True

    def action_drill(self) -> None:
        """Drill the missed questions again now, in a session of their own."""
        from lstm_quiz.tui.screens.question import QuestionScreen

        session = self.practice.drill(self.summary.missed)
        if session.total:
            self.app.switch_screen(QuestionScreen(self.practice, session))

    def _due_next(self) -> Content:
        lang = self.practice.lang
        due = self.summary.due
        line = text(lang, "due_next_line", now=due.now, tomorrow=due.tomorrow, week=due.week)
        if due.next_due is not None:
            when = relative_time(due.next_due, self.practice.now(), lang)
            upcoming = text(lang, "next_review", when=when)
        else:
            upcoming = text(lang, "next_review_none")
        return Content.assemble(line, "\n", (upcoming, "$text-muted"))

    def _review(self) -> ComposeResult:
        lang = self.practice.lang
        items: list[tuple[Question, Outcome | None]] = [
            (outcome.question, outcome) for outcome in self.summary.outcomes
        ]
        # As the session drew them: a template's values filled in, its answer computed.
        unanswered = (self.summary.question(qid) for qid in self.summary.unanswered)
        items += [(question, None) for question in unanswered if question is not None]
        for number, (question, outcome) in enumerate(items, start=1):
            if outcome is None:
                mark = ("– ", "bold $text-muted")
            elif outcome.correct:
                mark = ("✓ ", "bold $text-success")
            else:
                mark = ("✗ ", "bold $text-error")
            yield Static(
                Content.assemble(
                    mark,
                    (f"{number}. ", "bold"),
                    (self.practice.topic_title(question.topic), "bold"),
                    ("  ·  ", "$text-muted"),
                    text(lang, question.type),
                ),
                classes="review-heading",
            )
            yield Markdown(review_markdown(question, outcome, lang), classes="review")

    def action_home(self) -> None:
        self.dismiss()
