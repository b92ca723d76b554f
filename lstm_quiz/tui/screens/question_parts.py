"""The question screen's answer area: the widget a question is answered with, its result.

Kept apart from `question.py` (the screen's flow: showing, answering,
undo, put-away, countdown) so that each stays readable.
"""

from __future__ import annotations

from textual.widget import Widget

from lstm_quiz.bank.models import Question
from lstm_quiz.session.feedback import choice_marks
from lstm_quiz.session.practice import Outcome
from lstm_quiz.session.texts import text
from lstm_quiz.tui.widgets.answers import NumericAnswer, OpenAnswer
from lstm_quiz.tui.widgets.choices import ChoiceList

__all__ = ["answer_widget", "show_result"]


def answer_widget(question: Question, lang: str) -> Widget:
    """Choices (single, multiple, true/false), a number field, or the open answer's reveal."""
    if question.type in ("single", "multiple"):
        return ChoiceList(
            [choice.text.get(lang) for choice in question.choices],  # type: ignore[arg-type]
            multiple=question.type == "multiple",
            id="choices",
        )
    if question.type == "true_false":
        return ChoiceList(
            [text(lang, "true"), text(lang, "false")],
            values=[True, False],
            shortcuts={"t": 0, "f": 1},
            id="choices",
        )
    if question.type == "numeric":
        return NumericAnswer(text(lang, "numeric_placeholder"), id="numeric")
    return OpenAnswer(text(lang, "hint_open"), id="open")


def show_result(widget: Widget, outcome: Outcome, lang: str) -> None:
    """Mark the choices right, missed and wrongly picked (multiple: in words); freeze a number."""
    question = outcome.question
    if isinstance(widget, ChoiceList):
        if question.type == "true_false":
            right = frozenset({0 if question.answer else 1})
            picked = frozenset({0 if outcome.answer else 1})
        else:
            right = question.correct_indices
            answer = outcome.answer
            picked = answer if isinstance(answer, frozenset) else frozenset({answer})  # type: ignore[arg-type]
        notes = (
            {mark.index: mark.label(lang) for mark in choice_marks(question, outcome.answer)}
            if question.type == "multiple"
            else None
        )
        widget.show_result(right, picked, notes)
    elif isinstance(widget, NumericAnswer):
        widget.freeze()
