"""`bank new`: a filled-in question of each type, ready to edit.

The template passes `bank validate` as it is; only its texts are
placeholders (they start with TODO so they are easy to find).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from lstm_quiz.bank.models import ID_PATTERN, QUESTION_TYPES
from lstm_quiz.errors import UsageError, did_you_mean

_HEAD = """\
  - id: {id}
    type: {type}
    difficulty: 2                   # 1 easy, 2 medium, 3 hard
    tags: []                        # from topics.yaml, e.g. [{tags}]
    source: "TODO: the paper, book chapter or docs page the answer rests on"
    prompt:
      en: "TODO: the question{prompt_en}"
      zh: "TODO: 问题{prompt_zh}"
"""

_CHOICES = {
    "single": """\
    choices:                        # 2 to 8; exactly one correct
      - en: "TODO: the right answer"
        zh: "TODO: 正确答案"
        correct: true
      - en: "TODO: a plausible wrong answer"
        zh: "TODO: 一个看似合理的错误答案"
        why:
          en: "TODO: why it is wrong"
          zh: "TODO: 错在哪里"
      - en: "TODO: another plausible wrong answer"
        zh: "TODO: 另一个看似合理的错误答案"
        why:
          en: "TODO: why it is wrong"
          zh: "TODO: 错在哪里"
""",
    "multiple": """\
    choices:                        # 2 to 8; at least one correct
      - en: "TODO: a right statement"
        zh: "TODO: 一个正确的说法"
        correct: true
      - en: "TODO: another right statement"
        zh: "TODO: 另一个正确的说法"
        correct: true
      - en: "TODO: a plausible wrong statement"
        zh: "TODO: 一个看似合理的错误说法"
        why:
          en: "TODO: why it is wrong"
          zh: "TODO: 错在哪里"
""",
    "true_false": """\
    answer: true                    # true or false
""",
    "numeric": """\
    answer: 0                       # a number; write 1.0e-3, not 1e-3 (YAML reads that as text)
    tolerance: 0                    # absolute, >= 0
    unit:                           # optional
      en: "TODO: unit"
      zh: "TODO: 单位"
""",
    "open": """\
    model_answer:
      en: |
        TODO: an answer an interviewer would accept.
      zh: |
        TODO: 面试官会认可的回答。
    key_points:                     # 1 to 8; the learner compares their answer with these
      - en: "TODO: a point a good answer makes"
        zh: "TODO: 好的回答应提到的一点"
      - en: "TODO: another point"
        zh: "TODO: 另一点"
""",
}

_TAIL = """\
    explanation:
      en: |
        TODO: why the right answer is right and the tempting wrong one wrong (2-6 sentences).
      zh: |
        TODO: 为什么正确答案是对的，诱人的错误答案错在哪里（2-6 句）。
"""

_PROMPT_HINTS = {
    "single": (", with one right answer", "，只有一个正确答案"),
    "multiple": (". Select all that apply.", "。请选出所有正确项。"),
    "true_false": (" as a statement that is true or false", "，写成一个判断对错的陈述"),
    "numeric": (", whose answer is a number", "，答案是一个数"),
    "open": (", answered in a few sentences", "，用几句话回答"),
}


def render_template(
    topic: str,
    question_type: str,
    question_id: str | None = None,
    extra: list[str] | None = None,
    existing_ids: Collection[str] = (),
) -> str:
    """The YAML of one question (a list item under ``questions:``).

    Without ``question_id``, an id made from the topic and type, not among
    ``existing_ids``.
    """
    from lstm_quiz.bank.loader import bank_dirs
    from lstm_quiz.bank.schema import vocabulary_of

    if question_type not in QUESTION_TYPES:
        raise UsageError(
            f"unknown type '{question_type}': {did_you_mean(question_type, QUESTION_TYPES)}"
        )
    vocabulary = vocabulary_of(bank_dirs(extra))
    if topic not in vocabulary.topics:
        raise UsageError(f"unknown topic '{topic}': {did_you_mean(topic, list(vocabulary.topics))}")
    if question_id is None:
        question_id = _free_id(topic, question_type, existing_ids)
    elif not re.match(ID_PATTERN, question_id):
        raise UsageError(
            f"id '{question_id}' is not allowed: use lowercase letters, digits and -, e.g. lstm-forget-gate-role"
        )
    elif question_id in existing_ids:
        raise UsageError(f"id '{question_id}' is already used in the bank")
    some_tags = ", ".join(sorted(vocabulary.tags)[:3]) or "lstm, gates"
    prompt_en, prompt_zh = _PROMPT_HINTS[question_type]
    head = _HEAD.format(
        id=question_id, type=question_type, tags=some_tags, prompt_en=prompt_en, prompt_zh=prompt_zh
    )
    return head + _CHOICES[question_type] + _TAIL


def _free_id(topic: str, question_type: str, existing_ids: Collection[str]) -> str:
    base = f"{topic.replace('_', '-')}-new-{question_type.replace('_', '-')}"
    candidate, number = base, 1
    while candidate in existing_ids:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def append_template(path: Path, topic: str, text: str) -> None:
    """Append ``text`` to the question file ``path``, creating it (with its topic) if missing."""
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"topic: {topic}\nquestions:\n{text}", encoding="utf-8")
            return
        existing = path.read_text(encoding="utf-8")
        separator = "" if existing.endswith("\n") or not existing else "\n"
        with path.open("a", encoding="utf-8") as out:
            out.write(f"{separator}\n{text}")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot append to {path}: {error}") from None
