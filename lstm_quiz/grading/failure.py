"""A wrong result, as the hidden suites' checks raise it (expect.py, expect_tokens.py)."""

from __future__ import annotations

from typing import Any

import numpy as np

from lstm_quiz.grading.box.protocol import Opaque
from lstm_quiz.grading.engine_texts import engine
from lstm_quiz.grading.messages import Text, as_text

# A learner-facing text: a template (messages.Text) or a plain exercise text.
Message = Text | str


class GradingFailure(AssertionError):
    """A wrong result: ``message`` says what is wrong, ``diagnosis`` which known mistake it matches.

    ``message`` and ``diagnosis`` are the English words; ``text`` and
    ``diagnosis_text`` the templates, rendered in the learner's language when
    the result is recorded.
    """

    def __init__(self, message: Message, diagnosis: Message = "", *, nan: bool = False) -> None:
        self.text = as_text(message)
        self.diagnosis_text = as_text(diagnosis)
        self.message = str(self.text)
        self.diagnosis = str(self.diagnosis_text)
        self.nan = nan  # the failure is a NaN/inf where the reference is finite
        super().__init__(self.message)


def _in_context(message: Text, context: Message) -> Text:
    return engine("with_context", message=message, context=as_text(context)) if context else message


def describe_type(value: Any) -> Text:
    if value is None:
        return engine("type.none")
    if isinstance(value, Opaque):
        return engine("type.a", type=value.type_name)
    if isinstance(value, np.ndarray):
        return engine("type.array", shape=value.shape)
    if isinstance(value, np.generic | float | int):
        return engine("type.scalar", type=type(value).__name__)
    return engine("type.a", type=type(value).__name__)
