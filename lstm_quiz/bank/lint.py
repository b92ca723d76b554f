"""Answer tells: what lets a learner guess the right choice without knowing the answer.

`lint_bank` looks at validated questions (`bank validate` comes first) and
returns warnings, each a located `Problem`, plus the bank-wide length
figures that `lstm-quiz bank lint` holds against its thresholds:

- the right choice is the longest by a clear margin (en text);
- the right choice sits at one position in most of a file's unshuffled
  questions (shuffled questions move their choices each showing);
- "all of the above" / "none of the above" / 以上都 choices;
- absolute words (always, never, only, all; 总是, 从不, 一定) only in distractors;
- the right choice repeats the prompt's words much more than the distractors;
- questions whose prompts are (nearly) the same.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lstm_quiz.bank.models import Choice, Question
from lstm_quiz.bank.problems import Problem

LONGEST_MARGIN = 1.3  # right choice >= 1.3x the longest distractor (en characters)
POSITION_SHARE = 0.5  # more than half of a file's unshuffled single questions at one position
POSITION_MIN_QUESTIONS = 3
PROMPT_SIMILARITY = 0.9  # difflib ratio of normalised en prompts
ECHO_MIN_WORDS = 3  # prompt words the right choice repeats...
ECHO_FACTOR = 2  # ...more than twice as many as any distractor
DEFAULT_MAX_LONGEST_SHARE = 0.35
DEFAULT_MAX_MULTIPLE_GAP = 0.15

_ABOVE_EN = re.compile(r"\b(all|none|both|neither) of (the )?(above|these|the following)\b", re.I)
_ABOVE_ZH = re.compile(r"以上(都|皆|均|全)|上述(都|皆|均|全)")
ABSOLUTE_EN = ("always", "never", "only", "all")
ABSOLUTE_ZH = ("总是", "从不", "一定", "永远", "只有")
_ABSOLUTE_EN = re.compile(r"\b(" + "|".join(ABSOLUTE_EN) + r")\b", re.I)
_WORD = re.compile(r"[a-z][a-z0-9_]+")
_STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "and",
        "or",
        "is",
        "are",
        "was",
        "be",
        "it",
        "its",
        "this",
        "that",
        "which",
        "what",
        "does",
        "do",
        "how",
        "why",
        "when",
        "from",
        "as",
        "into",
        "than",
        "then",
        "there",
        "their",
        "they",
        "each",
        "one",
        "two",
        "not",
        "no",
        "can",
        "will",
        "would",
        "should",
        "could",
        "has",
        "have",
        "had",
        "about",
        "between",
        "your",
        "you",
    ]
)


@dataclass
class LengthFigures:
    """The bank-wide length tells."""

    single_questions: int = 0
    single_longest: int = 0  # right choice strictly the longest
    multiple_questions: int = 0
    multiple_right_mean: float = 0.0  # mean en length of right choices
    multiple_wrong_mean: float = 0.0

    @property
    def longest_share(self) -> float:
        return self.single_longest / self.single_questions if self.single_questions else 0.0

    @property
    def multiple_gap(self) -> float:
        """(mean right - mean wrong) / mean wrong: > 0 when right choices are longer."""
        if not self.multiple_wrong_mean:
            return 0.0
        return (self.multiple_right_mean - self.multiple_wrong_mean) / self.multiple_wrong_mean

    def as_dict(self) -> dict[str, float | int]:
        return {
            "single_questions": self.single_questions,
            "single_right_longest": self.single_longest,
            "longest_share": round(self.longest_share, 4),
            "multiple_questions": self.multiple_questions,
            "multiple_right_mean_length": round(self.multiple_right_mean, 1),
            "multiple_wrong_mean_length": round(self.multiple_wrong_mean, 1),
            "multiple_gap": round(self.multiple_gap, 4),
        }


@dataclass
class LintReport:
    warnings: list[Problem] = field(default_factory=list)
    figures: LengthFigures = field(default_factory=LengthFigures)


def _length(choice: Choice) -> int:
    return len(" ".join(choice.text.en.split()))


def _warn(question: Question, message: str) -> Problem:
    return Problem(question.path, question.line, message, None, f"question '{question.id}'")


def length_figures(questions: Iterable[Question]) -> LengthFigures:
    figures = LengthFigures()
    right_lengths: list[int] = []
    wrong_lengths: list[int] = []
    for question in questions:
        if question.type == "single":
            figures.single_questions += 1
            right = max(_length(c) for c in question.choices if c.correct)
            wrong = max((_length(c) for c in question.choices if not c.correct), default=0)
            figures.single_longest += right > wrong
        elif question.type == "multiple":
            figures.multiple_questions += 1
            right_lengths += [_length(c) for c in question.choices if c.correct]
            wrong_lengths += [_length(c) for c in question.choices if not c.correct]
    if right_lengths and wrong_lengths:
        figures.multiple_right_mean = sum(right_lengths) / len(right_lengths)
        figures.multiple_wrong_mean = sum(wrong_lengths) / len(wrong_lengths)
    return figures


def longest_tell(question: Question) -> Problem | None:
    if question.type != "single":
        return None
    right = max(_length(c) for c in question.choices if c.correct)
    wrong = max((_length(c) for c in question.choices if not c.correct), default=0)
    if wrong and right >= LONGEST_MARGIN * wrong:
        return _warn(
            question,
            f"the right choice is {right / wrong:.1f}x as long as the longest distractor "
            f"({right} vs {wrong} characters, en): lengthen the distractors or trim it",
        )
    return None


def above_tell(question: Question) -> list[Problem]:
    found = []
    for number, choice in enumerate(question.choices, start=1):
        if _ABOVE_EN.search(choice.text.en) or _ABOVE_ZH.search(choice.text.zh):
            found.append(
                _warn(
                    question,
                    f"choice {number} is an 'all/none of the above' choice: "
                    "it is right far more often than chance, and breaks when choices are shuffled",
                )
            )
    return found


def _absolutes(choice: Choice) -> set[str]:
    words = {m.group(1).lower() for m in _ABSOLUTE_EN.finditer(choice.text.en)}
    return words | {word for word in ABSOLUTE_ZH if word in choice.text.zh}


def absolute_tell(question: Question) -> Problem | None:
    if question.type not in ("single", "multiple"):
        return None
    right = set().union(*(_absolutes(c) for c in question.choices if c.correct))
    wrong = set().union(*(_absolutes(c) for c in question.choices if not c.correct))
    if wrong and not right:
        words = ", ".join(sorted(wrong))
        return _warn(
            question,
            f"absolute words ({words}) appear only in distractors: "
            "learners learn that such choices are wrong",
        )
    return None


def _content_words(value: str) -> set[str]:
    return {w for w in _WORD.findall(value.lower()) if w not in _STOPWORDS and len(w) > 2}


def echo_tell(question: Question) -> Problem | None:
    if question.type != "single":
        return None
    prompt = _content_words(question.prompt.en)
    right = max(len(_content_words(c.text.en) & prompt) for c in question.choices if c.correct)
    wrong = max(
        (len(_content_words(c.text.en) & prompt) for c in question.choices if not c.correct),
        default=0,
    )
    if right >= ECHO_MIN_WORDS and right > ECHO_FACTOR * wrong:
        return _warn(
            question,
            f"the right choice repeats {right} words of the prompt, the distractors at most "
            f"{wrong}: reuse the prompt's words in the distractors too",
        )
    return None


def position_tells(questions: Sequence[Question]) -> list[Problem]:
    """Per file: the right choice at one position in most unshuffled single questions."""
    by_file: dict[str, list[Question]] = {}
    for question in questions:
        if question.type == "single" and not question.shuffle:
            by_file.setdefault(str(question.path), []).append(question)
    found = []
    for fixed in by_file.values():
        if len(fixed) < POSITION_MIN_QUESTIONS:
            continue
        positions = Counter(min(q.correct_indices) + 1 for q in fixed)
        position, count = positions.most_common(1)[0]
        if count / len(fixed) > POSITION_SHARE:
            ids = ", ".join(q.id for q in fixed if min(q.correct_indices) + 1 == position)
            found.append(
                Problem(
                    fixed[0].path,
                    1,
                    f"{count} of the {len(fixed)} single questions with shuffle: false have "
                    f"the right choice at position {position} ({ids})",
                    "move some, or let them shuffle",
                )
            )
    return found


def _normalised(value: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", value.casefold()).split())


def duplicate_tells(questions: Sequence[Question]) -> list[Problem]:
    prompts = [(q, _normalised(q.prompt.en)) for q in questions]
    found = []
    for index, (question, prompt) in enumerate(prompts):
        for other, other_prompt in prompts[:index]:
            matcher = difflib.SequenceMatcher(None, prompt, other_prompt, autojunk=False)
            if matcher.real_quick_ratio() < PROMPT_SIMILARITY:
                continue
            if matcher.quick_ratio() < PROMPT_SIMILARITY:
                continue
            ratio = matcher.ratio()
            if ratio >= PROMPT_SIMILARITY:
                found.append(
                    _warn(
                        question,
                        f"its prompt is {'the same as' if ratio == 1 else 'nearly the same as'} "
                        f"that of '{other.id}' at {other.location} (similarity {ratio:.2f})",
                    )
                )
    return found


def lint_bank(questions: Sequence[Question]) -> LintReport:
    report = LintReport(figures=length_figures(questions))
    for question in questions:
        for tell in (longest_tell, absolute_tell, echo_tell):
            warning = tell(question)
            if warning is not None:
                report.warnings.append(warning)
        report.warnings += above_tell(question)
    report.warnings += position_tells(questions)
    report.warnings += duplicate_tells(questions)
    report.warnings.sort(key=lambda p: p.sort_key)
    return report
