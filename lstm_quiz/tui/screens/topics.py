"""The topic picker (t on the home screen): which topics and difficulties to practise.

Marks topics and difficulties in two lists; the line under them counts what
this choice would give (due now, new) before it is applied. Applying sets
`practice.filters` (the selection of `bank.select`, as --topic and
--difficulty do); the home screen reads its figures again when it returns.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, SelectionList, Static

from lstm_quiz.session.context import Practice
from lstm_quiz.session.format import difficulty_stars
from lstm_quiz.session.queue import Filters, due_questions, matching
from lstm_quiz.session.texts import text
from lstm_quiz.tui.localized import LocalizedBindings

LEVELS = {1: "picker_easy", 2: "picker_medium", 3: "picker_hard"}


class TopicPicker(LocalizedBindings, ModalScreen[bool]):
    """Dismissed with True when new filters were applied."""

    DEFAULT_CSS = """
    TopicPicker { align: center middle; }
    #picker { width: 96; max-width: 100%; height: auto; max-height: 100%;
              border: thick $primary; background: $surface; padding: 0 1; }
    #picker-lists { height: auto; max-height: 16; }
    #picker-topics { width: 1fr; height: auto; max-height: 16; }
    #picker-levels { width: 22; height: auto; }
    #picker-count { margin-top: 1; }
    #picker-buttons { height: auto; align-horizontal: right; }
    #picker-buttons Button { margin-left: 1; min-width: 10; }
    """
    AUTO_FOCUS = "#picker-topics"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("a,ctrl+s", "apply", "Apply", priority=True),
        Binding("c", "clear", "Clear", priority=True),
    ]

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice

    def compose(self) -> ComposeResult:
        lang = self.practice.lang
        filters = self.practice.filters
        bank = self.practice.bank
        per_topic = {name: 0 for name in bank.topics}
        for question in bank.questions:
            per_topic[question.topic] = per_topic.get(question.topic, 0) + 1
        with Vertical(id="picker"):
            yield Static(Content.styled(text(lang, "picker_title"), "bold"), id="picker-title")
            with Horizontal(id="picker-lists"):
                topics = SelectionList[str](
                    *[
                        (
                            f"{count:>3}  {self.practice.topic_title(name)}",
                            name,
                            name in filters.topics,
                        )
                        for name, count in per_topic.items()
                        if count  # a topic without questions (yet) is nothing to pick
                    ],
                    id="picker-topics",
                )
                topics.border_title = text(lang, "picker_topics")
                yield topics
                levels = SelectionList[int](
                    *[
                        (text(lang, key), level, level in filters.difficulties)
                        for level, key in LEVELS.items()
                    ],
                    id="picker-levels",
                )
                levels.border_title = text(lang, "picker_difficulty")
                yield levels
            yield Static("", id="picker-count")
            with Horizontal(id="picker-buttons"):
                yield Button(text(lang, "picker_apply"), variant="primary", id="apply")
                yield Button(text(lang, "picker_clear"), id="clear")
                yield Button(text(lang, "picker_cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self._count()

    def chosen(self) -> Filters:
        """The filters of what is marked now (no topic marked: every topic)."""
        topics = tuple(self.query_one("#picker-topics", SelectionList).selected)
        levels = tuple(sorted(self.query_one("#picker-levels", SelectionList).selected))
        return replace(self.practice.filters, topics=topics, difficulties=levels)

    @on(SelectionList.SelectedChanged)
    def _count(self) -> None:
        lang = self.practice.lang
        filters = self.chosen()
        pool = matching(self.practice.bank, filters)
        store = self.practice.store
        now = self.practice.now()
        due = len(due_questions(pool, store, now))
        new = len(store.new_ids((q.id for q in pool), now=now))
        line = (
            text(lang, "picker_count", due=due, new=new) if pool else text(lang, "picker_nothing")
        )
        self.query_one("#picker-count", Static).update(
            Content.styled(line, "$text-muted" if pool else "$text-error")
        )

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        filters = self.chosen()
        if not matching(self.practice.bank, filters):
            self.notify(text(self.practice.lang, "picker_nothing"), severity="warning")
            return
        self.practice.filters = filters
        described = describe_filters(self.practice)
        lang = self.practice.lang
        self.notify(
            text(lang, "filters_set", filters=described)
            if described
            else text(lang, "filters_cleared"),
            timeout=3,
        )
        self.dismiss(True)

    @on(Button.Pressed, "#clear")
    def action_clear(self) -> None:
        self.query_one("#picker-topics", SelectionList).deselect_all()
        self.query_one("#picker-levels", SelectionList).deselect_all()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


def describe_filters(practice: Practice) -> str:
    """The active filters in the learner's words ("" when every question is in play)."""
    lang = practice.lang
    filters = practice.filters
    parts: list[str] = []
    if filters.topics:
        if len(filters.topics) <= 2:
            parts.append(" + ".join(practice.topic_title(t) for t in filters.topics))
        else:
            parts.append(text(lang, "filter_topics", n=len(filters.topics)))
    if filters.difficulties:
        stars = " ".join(difficulty_stars(d) for d in filters.difficulties)
        parts.append(text(lang, "filter_difficulty", levels=stars))
    if filters.tags:
        parts.append(text(lang, "filter_tags", tags=", ".join(filters.tags)))
    return " · ".join(parts)
