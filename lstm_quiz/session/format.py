"""Plain-text formatting shared by the faces: answers, durations, bars, sparklines."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta

from lstm_quiz.bank.answers import Answer
from lstm_quiz.bank.models import Question
from lstm_quiz.session.plain_words import format_number
from lstm_quiz.session.texts import RATING_NAMES, text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lstm_quiz.bank.models import Lang

__all__ = [
    "SPARK_LEVELS",
    "answer_text",
    "choices_text",
    "difficulty_stars",
    "display_width",
    "format_clock",
    "format_duration",
    "format_number",
    "hbar",
    "pad",
    "rating_name",
    "relative_time",
    "right_answer_text",
    "sparkline",
]

SPARK_LEVELS = "▁▂▃▄▅▆▇█"
_EIGHTHS = " ▏▎▍▌▋▊▉█"


def difficulty_stars(difficulty: int) -> str:
    return "★" * difficulty + "☆" * (3 - difficulty)


def rating_name(rating: int, lang: Lang | str) -> str:
    return RATING_NAMES.get(lang, RATING_NAMES["en"])[rating]


def right_answer_text(question: Question, lang: Lang | str) -> str:
    """The right answer in words: "2. The forget gate", "1, 3", "true", "12 matrices (± 0.5)"."""
    if question.type == "single":
        index = min(question.correct_indices)
        return f"{index + 1}. {question.choices[index].text.get(lang).strip()}"  # type: ignore[arg-type]
    if question.type == "multiple":
        return ", ".join(str(i + 1) for i in sorted(question.correct_indices))
    if question.type == "true_false":
        return text(lang, "true" if question.answer else "false")
    if question.type == "numeric":
        unit = f" {question.unit.get(lang)}" if question.unit else ""  # type: ignore[arg-type]
        tolerance = (
            text(lang, "tolerance", tolerance=format_number(question.tolerance))
            if question.tolerance
            else ""
        )
        return f"{format_number(float(question.answer or 0))}{unit}{tolerance}"
    assert question.model_answer is not None
    return question.model_answer.get(lang)  # type: ignore[arg-type]


def choices_text(question: Question, indices: frozenset[int], lang: Lang | str) -> str:
    """Choices by number and text: "1. Forget gate · 3. Output gate" (a review reads them)."""
    return " · ".join(
        f"{i + 1}. {question.choices[i].text.get(lang).strip()}"  # type: ignore[arg-type]
        for i in sorted(indices)
    )


def answer_text(question: Question, answer: Answer | None, rating: int | None, lang: str) -> str:
    """What the learner answered, in words."""
    if question.type == "open":
        return rating_name(rating, lang) if rating is not None else text(lang, "not_answered")
    if answer is None:
        return text(lang, "not_answered")
    if question.type == "single" and isinstance(answer, int) and not isinstance(answer, bool):
        return f"{answer + 1}. {question.choices[answer].text.get(lang).strip()}"  # type: ignore[arg-type]
    if isinstance(answer, frozenset):
        return choices_text(question, answer, lang)
    if isinstance(answer, bool):
        return text(lang, "true" if answer else "false")
    unit = f" {question.unit.get(lang)}" if question.unit else ""  # type: ignore[arg-type]
    return f"{format_number(float(answer))}{unit}"


def format_duration(duration: timedelta, lang: Lang | str = "en") -> str:
    """ "45s", "3m 05s", "1h 02m" (zh: "45秒", "3分05秒", "1小时02分")."""
    seconds = max(0, int(duration.total_seconds()))
    if seconds < 60:
        return text(lang, "dur_seconds", s=seconds)
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return text(lang, "dur_minutes", m=minutes, s=seconds)
    hours, minutes = divmod(minutes, 60)
    return text(lang, "dur_hours", h=hours, m=minutes)


def format_clock(duration: timedelta) -> str:
    """A countdown: "14:05" (minutes:seconds, never negative)."""
    seconds = max(0, int(duration.total_seconds() + 0.999))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def relative_time(when: datetime, now: datetime, lang: str) -> str:
    """ "now", "in 10 min", "in 3 h", "in 4 days"."""
    seconds = (when - now).total_seconds()
    if seconds <= 30:
        return text(lang, "now")
    if seconds < 3600:
        return text(lang, "in_minutes", n=max(1, round(seconds / 60)))
    if seconds < 36 * 3600:
        return text(lang, "in_hours", n=round(seconds / 3600))
    return text(lang, "in_days", n=round(seconds / 86400))


def hbar(fraction: float, width: int) -> str:
    """A horizontal bar of `width` cells filled to `fraction`, in eighths of a cell."""
    fraction = min(1.0, max(0.0, fraction))
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (_EIGHTHS[part] if part else "")
    return bar.ljust(width)


def sparkline(values: list[int], width: int | None = None) -> str:
    """One character per value (or per bucket when `width` is smaller): ▁ for 0 up to █."""
    if width is not None and 0 < width < len(values):
        size = len(values) / width
        values = [
            max(values[int(i * size) : max(int((i + 1) * size), int(i * size) + 1)])
            for i in range(width)
        ]
    top = max(values, default=0)
    if top <= 0:
        return SPARK_LEVELS[0] * len(values)
    last = len(SPARK_LEVELS) - 1
    return "".join(
        SPARK_LEVELS[0] if v <= 0 else SPARK_LEVELS[max(1, round(v / top * last))] for v in values
    )


def display_width(value: str) -> int:
    """Terminal cells taken by `value`: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in value)


def pad(value: str, width: int) -> str:
    """`value` padded with spaces to `width` terminal cells, or cut to end in "…"."""
    if display_width(value) > width > 0:
        return pad(_cut(value, width - 1) + "…", width)
    return _cut(value, width) + " " * max(0, width - display_width(_cut(value, width)))


def _cut(value: str, width: int) -> str:
    """The longest start of `value` that fits in `width` cells."""
    out, used = [], 0
    for char in value:
        cells = display_width(char)
        if used + cells > width:
            break
        out.append(char)
        used += cells
    return "".join(out)
