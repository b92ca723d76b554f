"""No learner-facing text of the shipped bank speaks of how it was authored."""

from __future__ import annotations

import re

from lstm_quiz.bank.loader import check_paths
from lstm_quiz.bank.models import Question
from lstm_quiz.paths import shipped_bank_dir

# Words about how the bank was written. A random seed (随机种子, torch.manual_seed) is content, not one of them.
AUTHORING = re.compile(
    r"seed material|seed tutorial|seed document|the seeds|种子(?:材料|教程|文档|资料)",
    re.IGNORECASE,
)


def learner_texts(question: Question) -> list[tuple[str, str]]:
    """(field, text) of everything a learner reads: prompt, choices, why, explanation, source..."""
    found = [("source", question.source)]
    for lang in ("en", "zh"):
        found += [
            ("prompt", question.prompt.get(lang)),
            ("explanation", question.explanation.get(lang)),
        ]
        for number, choice in enumerate(question.choices, start=1):
            found.append((f"choice {number}", choice.text.get(lang)))
            if choice.why is not None:
                found.append((f"why of choice {number}", choice.why.get(lang)))
        if question.model_answer is not None:
            found.append(("model_answer", question.model_answer.get(lang)))
        found += [(f"key point {n}", p.get(lang)) for n, p in enumerate(question.key_points, 1)]
        if question.unit is not None:
            found.append(("unit", question.unit.get(lang)))
    return found


def test_no_authoring_words_in_learner_texts() -> None:
    report = check_paths([shipped_bank_dir()])
    offending = [
        f"{q.location}: question '{q.id}': {field} says {match.group(0)!r}"
        for q in report.questions
        for field, value in learner_texts(q)
        if (match := AUTHORING.search(value))
    ]
    assert not offending, "\n".join(offending)
