"""Shared by the session and TUI tests: the small bank, a fixed clock, a store, answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from lstm_quiz.bank.loader import check_paths
from lstm_quiz.bank.models import Bank
from lstm_quiz.review.store import ProgressStore
from lstm_quiz.session.context import Practice
from lstm_quiz.session.queue import Filters

BANK_DIR = Path(__file__).resolve().parents[1] / "tui" / "data" / "bank"
# A Monday morning, UTC: every "today" of the tests.
NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
SEED = 7

# What to type for the right answer, and for a wrong one (open questions: the rating).
RIGHT = {
    "tui-forget-gate": "2",
    "tui-sigmoid-gates": "1,3",
    "tui-gru-cell": "t",
    "tui-param-count": "48",
    "tui-cell-state": "3",
    "tui-code-shared": "2",
    "tui-code-clip": "t",
}
WRONG = {
    "tui-forget-gate": "1",
    "tui-sigmoid-gates": "1,2",
    "tui-gru-cell": "f",
    "tui-param-count": "47",
    "tui-cell-state": "1",
    "tui-code-shared": "3",
    "tui-code-clip": "f",
}


class FakeClock:
    """A clock that stands still until told to move."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


_BANK: Bank | None = None


def small_bank() -> Bank:
    """The seven questions of tests/tui/data/bank (one of each type, two with code)."""
    global _BANK
    if _BANK is None:
        report = check_paths([BANK_DIR])
        assert not report.problems, report.problems
        _BANK = report.bank()
    return _BANK


def open_store(folder: Path) -> ProgressStore:
    return ProgressStore.open(folder, enable_fuzzing=False, now=NOW)


def make_practice(
    folder: Path,
    clock: FakeClock | None = None,
    *,
    filters: Filters | None = None,
    lang: str | None = None,
) -> Practice:
    return Practice(
        small_bank(),
        open_store(folder),
        filters=filters or Filters(seed=SEED),
        clock=clock or FakeClock(),
        tz=UTC,
        lang=lang,  # type: ignore[arg-type]
    )


def add_history(practice: Practice, clock: FakeClock) -> None:
    """Three weeks of answers before `clock.now`, and one leech (tui-code-clip, 6 wrong)."""
    store = practice.store
    ids = [question.id for question in practice.bank.questions if question.id != "tui-code-clip"]
    start = clock.now - timedelta(days=21)
    for day in range(21):
        if day % 4 == 3 and day < 16:
            continue  # a few days off, then a five-day streak up to yesterday
        moment = start + timedelta(days=day, hours=10)
        for n, question_id in enumerate(ids[: 2 + day % 5]):
            store.record_answer(
                question_id,
                correct=(day + n) % 7 != 0,
                session_id=f"history-{day}",
                now=moment + timedelta(minutes=n),
            )
    for n in range(6):
        store.record_answer(
            "tui-code-clip",
            correct=False,
            session_id="history-leech",
            now=start + timedelta(days=n * 3, hours=20),
        )


def record_attempt(store: ProgressStore, exercise_id: str, minutes: float, outcome: str) -> None:
    """One finished attempt at a coding exercise, `minutes` long, started at NOW."""
    store.record_attempt(
        exercise_id,
        started_at=NOW,
        ended_at=NOW + timedelta(minutes=minutes),
        outcome=outcome,
        tests_passed=9 if outcome == "passed" else 3,
        tests_total=9,
        over_time=minutes > 20,
    )


TEMPLATE_YAML = """\
topic: calculations
questions:
  - id: calc-template
    type: numeric
    difficulty: 1
    source: "PyTorch documentation, torch.nn.LSTM"
    prompt:
      en: "How many parameters does nn.LSTM(input_size={D}, hidden_size={H}) have?"
      zh: "nn.LSTM(input_size={D}, hidden_size={H}) 有多少个参数？"
    variables:
      D: {min: 8, max: 64, step: 8}
      H: {min: 16, max: 64, step: 16}
    answer_formula: "4 * H * (D + H) + 8 * H"
    explanation:
      en: "Four gate blocks of H rows each: {answer}."
      zh: "四组门，每组 H 行：{answer}。"
"""


def template_bank(folder: Path) -> Bank:
    """The small bank and one templated numeric question (calc-template)."""
    path = folder / "calculations.yaml"
    path.write_text(TEMPLATE_YAML, encoding="utf-8")
    report = check_paths([BANK_DIR, path])
    assert not report.problems, report.problems
    return report.bank()
