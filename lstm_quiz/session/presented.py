"""A question as one showing presents it: choices in a drawn order, template values drawn.

Every face (the TUI, `practice --plain`, the mock interview) shows
`Presented.question`, never the bank's question, so the keys typed, the
feedback and "The right choices: ..." all refer to the order shown, and the
grading needs nothing special: the shown question's choices, and a templated
question's computed answer, are what `bank.answers` checks.

- Choices of single and multiple questions are shuffled unless the question
  says ``shuffle: false`` (a choice like "Both A and B" needs its order).
- A templated numeric question draws each variable, fills its ``{name}``
  placeholders in the prompt and explanation, computes the answer with its
  ``answer_formula``, and ends the explanation with the worked numbers.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from lstm_quiz.bank.formula import ANSWER_PLACEHOLDER, PLACEHOLDER, parse_formula
from lstm_quiz.bank.models import Question, Text
from lstm_quiz.session.plain_words import format_number

__all__ = ["Presented", "present", "shown_rng"]

WORKED = {
    "en": "Worked numbers: with {values}, {formula} = {worked} = {answer}.",
    "zh": "代入数值：{values}，{formula} = {worked} = {answer}。",
}
_VALUE_SEPARATOR = {"en": ", ", "zh": "、"}


@dataclass(frozen=True)
class Presented:
    """One showing of a question."""

    source: Question  # as in the bank
    question: Question  # as shown
    order: tuple[int, ...] = ()  # order[shown index] = the choice's index in the bank
    values: Mapping[str, float] = field(default_factory=dict)  # a template's drawn values

    def bank_index(self, shown: int) -> int:
        """The bank's index of the choice shown at ``shown`` (0-based)."""
        return self.order[shown] if self.order else shown


def shown_rng(seed: object, position: int, question_id: str) -> random.Random:
    """The generator of one showing: the same session seed, position and id give the same draw."""
    return random.Random(f"{seed}:{position}:{question_id}")


def present(question: Question, rng: random.Random) -> Presented:
    """``question`` as shown once, drawn with ``rng``."""
    if question.type in ("single", "multiple") and question.shuffle:
        order = list(range(len(question.choices)))
        rng.shuffle(order)
        choices = tuple(question.choices[i] for i in order)
        return Presented(question, _with(question, choices=choices), tuple(order))
    if question.is_template:
        return _draw(question, rng)
    return Presented(question, question)


def _draw(question: Question, rng: random.Random) -> Presented:
    assert question.answer_formula is not None
    values = {v.name: v.value(rng.randrange(v.count)) for v in question.variables}
    formula = parse_formula(question.answer_formula)
    answer = formula.evaluate(values)
    shown = {name: format_number(float(value)) for name, value in values.items()}
    filled = {**shown, ANSWER_PLACEHOLDER: format_number(answer)}
    worked = formula.worked(values, _operand)
    explanation: dict[str, str] = {}
    for lang in ("en", "zh"):
        used = [name for name in shown if name in formula.names]
        listing = _VALUE_SEPARATOR[lang].join(f"{name} = {shown[name]}" for name in used)
        line = WORKED[lang].format(
            values=listing, formula=formula.text, worked=worked, answer=format_number(answer)
        )
        body = _fill(question.explanation.get(lang), filled).rstrip()
        explanation[lang] = f"{body}\n\n{line}"
    return Presented(
        question,
        _with(
            question,
            prompt=_fill_text(question.prompt, shown),
            explanation=Text(en=explanation["en"], zh=explanation["zh"]),
            answer=answer,
        ),
        values=values,
    )


def _operand(value: float) -> str:
    """A value inside the worked formula: negative ones in parentheses, 2 * (-0.5)."""
    shown = format_number(float(value))
    return f"({shown})" if value < 0 else shown


def _fill(value: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), value)


def _fill_text(text: Text, values: Mapping[str, str]) -> Text:
    return Text(en=_fill(text.en, values), zh=_fill(text.zh, values))


def _with(question: Question, **changes: object) -> Question:
    """A copy of ``question`` with some fields changed (the model has no `replace`)."""
    fields = {name: getattr(question, name) for name in Question.__slots__}
    fields.update(changes)
    return Question(**fields)
