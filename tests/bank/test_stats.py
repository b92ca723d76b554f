"""Counting the bank."""

from __future__ import annotations

from pathlib import Path

from lstm_quiz.bank.loader import load_bank
from lstm_quiz.bank.stats import bank_stats, format_stats

COURSE = Path(__file__).resolve().parents[1] / "data" / "bank" / "course"


def test_counts_add_up_and_cover_every_topic() -> None:
    bank = load_bank([str(COURSE)])
    stats = bank_stats(bank)
    total = len(bank)
    assert stats["questions"] == total
    assert list(stats["by_topic"]) == list(bank.topics)
    assert sum(stats["by_topic"].values()) == total
    assert list(stats["by_type"]) == ["single", "multiple", "true_false", "numeric", "open"]
    assert stats["numeric"] == stats["by_type"]["numeric"] == sum(q.type == "numeric" for q in bank)
    assert stats["code_reading"] == sum(
        q.topic == "code_reading" or "```" in q.prompt.en for q in bank
    )
    assert stats["by_topic"]["course_extras"] == 5


def test_a_prompt_with_a_fenced_block_counts_as_read_this_code() -> None:
    bank = load_bank()
    with_code = [q for q in bank if q.has_code]
    assert bank_stats(bank)["code_reading"] >= len(with_code)


def test_the_text_report() -> None:
    text = format_stats(bank_stats(load_bank([str(COURSE)])))
    assert "course_extras" in text
    assert "1 easy" in text and "3 hard" in text
    assert text.endswith("\n")
