"""Counting the bank: by topic, type, difficulty and language."""

from __future__ import annotations

from collections import Counter

from lstm_quiz.bank.models import DIFFICULTIES, LANGS, QUESTION_TYPES, Bank

CODE_READING_TOPIC = "code_reading"

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def bank_stats(bank: Bank) -> dict[str, Any]:
    """Counts as plain data (the `--json` output).

    ``by_language`` counts the questions readable in each language (all of
    them: validation requires both); ``code_reading`` counts "read this code"
    questions: those of the code_reading topic or whose prompt has a fenced
    code block.
    """
    questions = bank.questions
    by_topic = Counter(q.topic for q in questions)
    by_type = Counter(q.type for q in questions)
    by_difficulty = Counter(q.difficulty for q in questions)
    return {
        "questions": len(questions),
        "files": len(bank.files),
        # Every topic of the vocabulary, in its order, with zero when empty.
        "by_topic": {t: by_topic[t] for t in bank.topics},
        "by_type": {t: by_type[t] for t in QUESTION_TYPES},
        "by_difficulty": {str(d): by_difficulty[d] for d in DIFFICULTIES},
        "by_language": {
            lang: sum(1 for q in questions if q.prompt.get(lang) and q.explanation.get(lang))
            for lang in LANGS
        },
        "code_reading": sum(1 for q in questions if q.topic == CODE_READING_TOPIC or q.has_code),
        "numeric": by_type["numeric"],
    }


def format_stats(stats: dict[str, Any]) -> str:
    """The counts as a small text report."""
    total = stats["questions"]

    def share(n: int) -> str:
        return f"{n:>5}  {100 * n / total:5.1f}%" if total else f"{n:>5}"

    def section(title: str, counts: dict[str, int]) -> list[str]:
        width = max([len(k) for k in counts] + [len(title)])
        return [f"{title}:"] + [f"  {k:<{width}} {share(v)}" for k, v in counts.items()]

    difficulty_names = {"1": "1 easy", "2": "2 medium", "3": "3 hard"}
    by_difficulty = {difficulty_names[k]: v for k, v in stats["by_difficulty"].items()}
    lines = [f"{total} questions in {stats['files']} files", ""]
    for title, counts in (
        ("by topic", stats["by_topic"]),
        ("by type", stats["by_type"]),
        ("by difficulty", by_difficulty),
        ("by language", stats["by_language"]),
    ):
        lines += [*section(title, counts), ""]
    lines.append(
        f"read this code (code_reading topic or code in the prompt): {stats['code_reading']}"
    )
    lines.append(f"numeric: {stats['numeric']}")
    return "\n".join(lines) + "\n"
