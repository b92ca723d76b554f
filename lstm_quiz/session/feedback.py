"""What the feedback after an answer says, for every face: choice marks, intervals.

- `choice_marks`: per choice of a single or multiple choice question, whether
  it was picked and whether it is right, so a face can show ✓ picked and
  right, ✗ missed, ✗ wrongly picked, and `hits_line` gives "2 of 3 right
  choices picked".
- `format_interval` and `preview_line`: the interval each rating would give
  ("Again 10m · Hard 15m · Good 2d · Easy 8d"; in zh "重来 10分钟 · 良好 2天"),
  from `PracticeSession.preview`.

A partial answer to a multiple choice question (some right choices picked,
not all, or one wrong one too) stays wrong for scheduling: FSRS has no
partial credit (a review is Again, Hard, Good or Easy), and rating a
half-right answer Good would push the card out by days while the learner
still confuses its choices, teaching it too slowly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from lstm_quiz.bank.answers import Answer
from lstm_quiz.bank.models import Question
from lstm_quiz.session.texts import RATING_NAMES, text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lstm_quiz.bank.models import Lang

__all__ = ["ChoiceMark", "choice_marks", "format_interval", "hits_line", "preview_line"]

MarkKind = Literal["hit", "missed", "wrong_pick", "none"]
SYMBOLS: dict[MarkKind, str] = {"hit": "✓", "missed": "✗", "wrong_pick": "✗", "none": " "}


@dataclass(frozen=True)
class ChoiceMark:
    index: int  # 0-based, in the order the choices were shown
    right: bool
    picked: bool

    @property
    def kind(self) -> MarkKind:
        if self.picked:
            return "hit" if self.right else "wrong_pick"
        return "missed" if self.right else "none"

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.kind]

    def label(self, lang: Lang | str) -> str:
        """ "✓ picked, right" and the like; "" for a wrong choice left alone."""
        return "" if self.kind == "none" else text(lang, f"mark_{self.kind}")


def picked_indices(question: Question, answer: Answer | None) -> frozenset[int]:
    if isinstance(answer, frozenset):
        return answer
    if question.type == "single" and isinstance(answer, int) and not isinstance(answer, bool):
        return frozenset({answer})
    return frozenset()


def choice_marks(question: Question, answer: Answer | None) -> list[ChoiceMark]:
    """One mark per choice (empty for a question without choices)."""
    picked = picked_indices(question, answer)
    return [
        ChoiceMark(index=index, right=choice.correct, picked=index in picked)
        for index, choice in enumerate(question.choices)
    ]


def hits_line(question: Question, answer: Answer | None, lang: Lang | str) -> str:
    """ "2 of 3 right choices picked" (", 1 wrong" when a wrong one was picked too)."""
    marks = choice_marks(question, answer)
    total = sum(mark.right for mark in marks)
    hits = sum(mark.kind == "hit" for mark in marks)
    wrong = sum(mark.kind == "wrong_pick" for mark in marks)
    if wrong:
        return text(lang, "hits_extra", hits=hits, total=total, wrong=wrong)
    return text(lang, "hits", hits=hits, total=total)


def format_interval(interval: timedelta, lang: Lang | str = "en") -> str:
    """Anki's button style: "<1m", "10m", "5h", "3d", "2.5mo", "1.2y"; in zh "10分钟", "3天"."""
    seconds = interval.total_seconds()
    days = seconds / 86400
    if seconds < 60:
        return text(lang, "iv_under_minute")
    if seconds < 3600:
        return text(lang, "iv_minutes", n=round(seconds / 60))
    if seconds < 86400:
        return text(lang, "iv_hours", n=round(seconds / 3600))
    if days < 30:
        return text(lang, "iv_days", n=round(days))
    if days < 365:
        return text(lang, "iv_months", n=f"{days / 30:.1f}")
    return text(lang, "iv_years", n=f"{days / 365:.1f}")


def preview_line(previews: Mapping[int, timedelta], lang: Lang | str) -> str:
    """ "Again 10m · Hard 15m · Good 2d · Easy 8d" from rating -> interval."""
    names = RATING_NAMES.get(lang, RATING_NAMES["en"])
    return " · ".join(
        text(lang, "rating_preview", name=names[rating], interval=format_interval(interval, lang))
        for rating, interval in sorted(previews.items())
    )
