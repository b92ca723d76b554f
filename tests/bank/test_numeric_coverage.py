"""Every numeric answer in the bank is recomputed by some test_numeric_<topic>.py."""

from __future__ import annotations

from pathlib import Path

from tests.bank.numeric import BANK_DIR, numeric_questions

HERE = Path(__file__).resolve().parent


def test_every_topic_with_numeric_questions_has_a_computation_file() -> None:
    topics = [p.stem for p in BANK_DIR.glob("*.yaml") if p.stem != "topics"]
    uncovered = [
        t for t in topics if numeric_questions(t) and not (HERE / f"test_numeric_{t}.py").is_file()
    ]
    assert not uncovered, f"numeric questions without a test_numeric_<topic>.py: {uncovered}"
    assert sum(len(numeric_questions(t)) for t in topics) >= 20
