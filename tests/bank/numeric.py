"""Shared by the tests that recompute every numeric answer in the bank.

Each `test_numeric_<topic>.py` defines `COMPUTED = {question_id: callable}`,
where the callable computes the answer independently (with torch where it
applies), and calls `check_numeric_answers(topic, COMPUTED)` to generate its
tests. The YAML is read directly, so these tests do not depend on the loader.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

BANK_DIR = Path(__file__).resolve().parents[2] / "question_bank"


def numeric_questions(topic: str) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((BANK_DIR / f"{topic}.yaml").read_text(encoding="utf-8"))
    return {q["id"]: q for q in data["questions"] if q.get("type") == "numeric"}


def assert_answer_matches(question: dict[str, Any], computed: float) -> None:
    tolerance = float(question.get("tolerance", 0))
    answer = float(question["answer"])
    assert abs(answer - float(computed)) <= tolerance, (
        f"{question['id']}: the bank says {answer} (tolerance {tolerance}), computed {computed}"
    )


def assert_all_computed(topic: str, computed: dict[str, Callable[[], float]]) -> None:
    """Every numeric question of the topic has a computation, and no computation is stale."""
    in_bank = set(numeric_questions(topic))
    assert in_bank == set(computed), (
        f"not computed: {sorted(in_bank - set(computed))}; "
        f"computed but not in the bank: {sorted(set(computed) - in_bank)}"
    )
