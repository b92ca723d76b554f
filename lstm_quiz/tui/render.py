"""Text the screens show, built from the session's data: Content lines and Markdown."""

from __future__ import annotations

import re

from textual.content import Content

from lstm_quiz.bank.models import Question
from lstm_quiz.session.format import (
    answer_text,
    choices_text,
    difficulty_stars,
    hbar,
    rating_name,
    right_answer_text,
)
from lstm_quiz.session.practice import Outcome
from lstm_quiz.session.texts import text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lstm_quiz.bank.models import Lang

_CODE = re.compile(r"`([^`]+)`")
CODE_STYLE = "$text-warning"


def inline(value: str, style: str = "") -> Content:
    """One line of text with its `inline code` styled (the rest of Markdown is left as is)."""
    parts: list[str | tuple[str, str]] = []
    position = 0
    for match in _CODE.finditer(value):
        if match.start() > position:
            parts.append((value[position : match.start()], style))
        parts.append((match.group(1), f"{style} {CODE_STYLE}".strip()))
        position = match.end()
    if position < len(value):
        parts.append((value[position:], style))
    return Content.assemble(*parts)


_FENCE = re.compile(r"```[ \t]*([\w+-]*)[^\n]*\n(.*?)(?:\n[ \t]*```|\Z)", re.DOTALL)


def rich_inline(value: str, style: str = "") -> Content:
    """Text with `inline code` and fenced code blocks (highlighted, on lines of their own).

    For a choice or a line that is not a Markdown widget: a fence shows as
    code, never as its raw backticks.
    """
    parts: list[Content] = []
    position = 0
    for match in _FENCE.finditer(value):
        before = value[position : match.start()].strip("\n")
        if before:
            parts.append(inline(before, style))
        parts.append(code_block(match.group(2), match.group(1) or "text"))
        position = match.end()
    rest = value[position:].strip("\n")
    if rest or not parts:
        parts.append(inline(rest, style))
    return Content("\n").join(parts)


def code_block(code: str, language: str) -> Content:
    """`code` highlighted as `language` (pygments, as the Markdown widget's fences)."""
    from rich.syntax import Syntax

    highlighted = Syntax(code, language, theme="ansi_dark", background_color="default").highlight(
        code.rstrip("\n")
    )
    highlighted.rstrip()
    return Content.from_rich_text(highlighted)


def bar(fraction: float, width: int, style: str = "$success") -> Content:
    """A horizontal bar on a faint track."""
    filled = hbar(fraction, width).rstrip()
    return Content.assemble(
        (filled, f"{style} on $boost"), (" " * (width - len(filled)), "on $boost")
    )


def question_heading(question: Question, topic_title: str | None, lang: Lang) -> Content:
    """Topic · type · difficulty stars (type and stars alone when `topic_title` is None)."""
    topic = [(topic_title, "bold"), ("  ·  ", "$text-muted")] if topic_title is not None else []
    return Content.assemble(
        *topic,
        (text(lang, question.type), ""),
        ("  ·  ", "$text-muted"),
        (difficulty_stars(question.difficulty), "$text-warning"),
    )


def _quote(value: str) -> str:
    return value.strip().replace("\n", "\n\n")


def feedback_markdown(question: Question, outcome: Outcome, lang: Lang) -> str:
    """Below the verdict: the right answer when wrong, the why of wrong picks, the explanation."""
    parts: list[str] = []
    if not outcome.correct and question.type != "open":
        key = "answers_are" if question.type == "multiple" else "answer_is"
        answer = right_answer_text(question, lang)
        parts.append(f"{text(lang, key, answer='')}**{answer}**")
        picked: list[int] = []
        if isinstance(outcome.answer, frozenset):
            picked = sorted(outcome.answer)
        elif question.type == "single" and isinstance(outcome.answer, int):
            picked = [outcome.answer]
        for index in picked:
            choice = question.choices[index]
            if not choice.correct and choice.why is not None:
                why = text(lang, "your_choice", label=index + 1, why=choice.why.get(lang).strip())
                parts.append(f"> {_quote(why)}")
    parts.append(
        f"**{text(lang, 'explanation').rstrip(':：')}**  \n{question.explanation.get(lang).strip()}"
    )
    return "\n\n".join(parts)


def open_answer_markdown(question: Question, lang: Lang) -> str:
    """The model answer, key points and explanation of an open question."""
    assert question.model_answer is not None
    points = "\n".join(f"- {point.get(lang).strip()}" for point in question.key_points)
    return (
        f"**{text(lang, 'model_answer').rstrip(':：')}**  \n{question.model_answer.get(lang).strip()}\n\n"
        f"**{text(lang, 'key_points').rstrip(':：')}**\n\n{points}\n\n"
        f"**{text(lang, 'explanation').rstrip(':：')}**  \n{question.explanation.get(lang).strip()}"
    )


def review_markdown(question: Question, outcome: Outcome | None, lang: Lang) -> str:
    """A mock interview's review of one question: prompt, your answer, the answer, why."""
    yours = answer_text(
        question,
        outcome.answer if outcome else None,
        outcome.rating if outcome and question.type == "open" else None,
        lang,
    )
    right = (
        choices_text(question, question.correct_indices, lang)
        if question.type == "multiple"
        else right_answer_text(question, lang)
    )
    return (
        f"{question.prompt.get(lang).strip()}\n\n"
        f"{text(lang, 'your_answer', answer=f'**{yours}**')}  \n"
        f"{text(lang, 'answer_is', answer=f'**{right}**')}\n\n"
        f"{question.explanation.get(lang).strip()}"
    )


def verdict(outcome: Outcome, lang: Lang) -> Content:
    if outcome.question.type == "open":
        return Content.styled(
            text(lang, "rated", rating=rating_name(outcome.rating, lang)), "bold $text-accent"
        )
    if outcome.correct:
        return Content.styled(text(lang, "right"), "bold $text-success")
    return Content.styled(text(lang, "wrong"), "bold $text-error")
