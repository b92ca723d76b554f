"""Reading a learner's typed answer and checking it against a question.

Pure functions shared by `practice --plain` and the TUI. A parse function
returns the answer or raises `AnswerInputError` whose message is a one-line
hint on what to type.
"""

from __future__ import annotations

import math
import re

from lstm_quiz.bank.models import RATINGS, Question

# 1 and 2 as in the TUI, which lists true and false as choices 1 and 2.
TRUE_WORDS = frozenset({"t", "true", "y", "yes", "1", "对", "是", "正确", "真"})
FALSE_WORDS = frozenset({"f", "false", "n", "no", "2", "错", "否", "错误", "假"})
# What `parse_answer` returns: a choice index (single), indices (multiple),
# a bool (true_false) or a number (numeric).
Answer = int | frozenset[int] | bool | float

_SEPARATORS = re.compile(r"[\s,，、;；]+")
# 892,928 or -1,234,567.5: commas between groups of three digits, read as thousands separators.
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?$")


class AnswerInputError(ValueError):
    """The typed text is not an answer of the expected form; the message says what to type.

    `key` and `values`, when set, name the hint in `session.texts` so that a
    face can say it in the learner's language (the message is its English).
    """

    def __init__(self, message: str, key: str | None = None, **values: str) -> None:
        super().__init__(message)
        self.key = key
        self.values = values


def choice_labels(count: int) -> str:
    """``"1-4 or a-d"`` for four choices."""
    return f"1-{count} or a-{chr(ord('a') + count - 1)}"


def _one_choice(token: str, count: int) -> int:
    """A 0-based choice index from ``"3"`` or ``"c"``."""
    token = token.strip().lower().rstrip(".)")
    if token.isdigit():
        number = int(token)
        if 1 <= number <= count:
            return number - 1
    elif len(token) == 1 and "a" <= token <= "z":
        index = ord(token) - ord("a")
        if index < count:
            return index
    raise AnswerInputError(f"'{token}' is not a choice: type {choice_labels(count)}")


def parse_single(text: str, count: int) -> int:
    tokens = [t for t in _SEPARATORS.split(text.strip()) if t]
    if len(tokens) != 1:
        raise AnswerInputError(f"type one choice: {choice_labels(count)}")
    return _one_choice(tokens[0], count)


def parse_multiple(text: str, count: int) -> frozenset[int]:
    """``"1,3"``, ``"1 3"``, ``"a c"`` or ``"ac"`` -> ``{0, 2}``."""
    text = text.strip()
    tokens = [t for t in _SEPARATORS.split(text) if t]
    if len(tokens) == 1 and len(tokens[0]) > 1 and tokens[0].isalpha():
        tokens = list(tokens[0])  # "ac": letters run together
    if not tokens:
        raise AnswerInputError(f"type every right choice, e.g. 1,3 or 1 3 ({choice_labels(count)})")
    return frozenset(_one_choice(t, count) for t in tokens)


def parse_true_false(text: str) -> bool:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise AnswerInputError("type t or f (true/false, 1/2, y/n, 对/错)")


def parse_number(text: str) -> float:
    """``"0.5"``, ``"1e-3"``, ``"892,928"`` (thousands separators) -> a float.

    A comma that does not separate groups of three digits (``"1,5"``) could be
    a decimal comma: refused with a hint naming both readings, never guessed.
    """
    cleaned = text.strip().replace("_", "").replace("−", "-").replace("，", ",")
    if "," in cleaned:
        if not _THOUSANDS.match(cleaned):
            whole = cleaned.replace(",", "")
            dot = cleaned.replace(",", ".", 1).replace(",", "")
            raise AnswerInputError(
                f"'{text.strip()}': is the comma a decimal point or a thousands separator?"
                f" Type {dot} for a decimal, or {whole} for a whole number",
                "input_comma",
                typed=text.strip(),
                dot=dot,
                whole=whole,
            )
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        raise AnswerInputError("type a number, e.g. 42, 0.5 or 1e-3", "input_number") from None
    if not math.isfinite(value):
        raise AnswerInputError("type a finite number", "input_finite")
    return value


def parse_rating(text: str) -> int:
    word = text.strip().lower()
    for number, name in RATINGS.items():
        if word in (str(number), name.lower()):
            return number
    options = ", ".join(f"{n} {name}" for n, name in RATINGS.items())
    raise AnswerInputError(f"rate yourself: {options}")


def parse_answer(question: Question, text: str) -> Answer:
    """The answer typed for an auto-graded question (not for open ones)."""
    if question.type == "single":
        return parse_single(text, len(question.choices))
    if question.type == "multiple":
        return parse_multiple(text, len(question.choices))
    if question.type == "true_false":
        return parse_true_false(text)
    if question.type == "numeric":
        return parse_number(text)
    raise ValueError(f"open questions are self-rated, not parsed: {question.id}")


def is_correct(question: Question, answer: Answer) -> bool:
    """Whether ``answer`` (as returned by `parse_answer`) is right."""
    if question.type == "single":
        return question.correct_indices == frozenset({answer})
    if question.type == "multiple":
        return question.correct_indices == answer
    if question.type == "true_false":
        return answer is question.answer
    if question.type == "numeric":
        assert isinstance(question.answer, float) and isinstance(answer, int | float)
        # A hair of slack so that typing the printed answer always counts,
        # whatever the float rounding of the tolerance.
        slack = 1e-9 * max(1.0, abs(question.answer))
        return abs(float(answer) - question.answer) <= question.tolerance + slack
    raise ValueError(f"open questions are self-rated: {question.id}")


def open_rating_is_right(rating: int) -> bool:
    """A self-rated open question counts as right unless rated Again.

    Hard means recalled with effort: a pass, as in FSRS and Anki (fsrs keeps a
    Hard card in Review with a shorter interval; only Again is a lapse).
    """
    return rating >= 2
