"""A timed attempt: clock, hints, reference gating, and the record in the progress store."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lstm_quiz.coding.attempt import Attempt
from lstm_quiz.exercises.workspace import Workspace
from lstm_quiz.review.store import ProgressStore


@pytest.fixture
def attempt(tmp_path: Path, registry):
    exercise = registry.get("lstm_cell")
    store = ProgressStore.open(tmp_path / "data")
    made = Attempt(exercise, Workspace.open(exercise, tmp_path / "data"), store)
    yield made
    made.finish()
    store.close()


def test_clock_counts_past_zero(attempt) -> None:
    later = attempt.started_at + timedelta(minutes=25)
    assert attempt.remaining(later) == timedelta(minutes=-5)
    assert attempt.over_time(later)


def test_hints_come_in_order_then_run_out(attempt) -> None:
    hints = [attempt.next_hint() for _ in range(4)]
    assert hints[:3] == list(attempt.exercise.hints) and hints[3] is None
    assert attempt.hints_shown == 3


def test_reference_only_after_a_pass_or_a_give_up(attempt) -> None:
    with pytest.raises(PermissionError):
        attempt.reference_source()
    attempt.give_up()
    assert "def lstm_cell" in attempt.reference_source()
    assert [a.outcome for a in attempt.store.attempts("lstm_cell")] == ["gave_up"]


def test_a_pass_is_recorded_once_with_hints_and_counts(attempt) -> None:
    attempt.next_hint()
    assert not attempt.grade().passed
    shutil.copy(attempt.exercise.reference, attempt.workspace.solution)
    assert attempt.grade().passed
    attempt.grade()
    attempt.finish()
    (record,) = attempt.store.attempts("lstm_cell")
    assert (record.outcome, record.hints_used) == ("passed", 1)
    assert record.tests_passed == record.tests_total >= 9
    assert not record.over_time


def test_leaving_after_grading_records_an_abandoned_attempt(attempt) -> None:
    attempt.grade()
    attempt.finish()
    assert [a.outcome for a in attempt.store.attempts("lstm_cell")] == ["abandoned"]


def test_best_previous_is_the_fastest_earlier_pass(attempt) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for minutes in (12, 7):
        attempt.store.record_attempt(
            "lstm_cell", started_at=start, ended_at=start + timedelta(minutes=minutes), outcome="passed",
            tests_passed=9, tests_total=9, over_time=False,
        )  # fmt: skip
    assert attempt.best_previous() == timedelta(minutes=7)


def test_the_clock_stops_on_giving_up(attempt) -> None:
    now = [attempt.started_at]
    attempt.time_source = lambda: now[0]
    now[0] += timedelta(minutes=3)
    attempt.give_up()
    now[0] += timedelta(minutes=30)
    assert attempt.elapsed() == timedelta(minutes=3)


def test_a_pass_of_the_file_the_attempt_opened_with_is_not_recorded(attempt, registry) -> None:
    shutil.copy(attempt.exercise.reference, attempt.workspace.solution)
    reopened = Attempt(attempt.exercise, attempt.workspace, attempt.store)
    try:
        assert reopened.opened_on_earlier_work
        assert reopened.grade().passed and reopened.unchanged_pass
        assert reopened.passed_at is None and not reopened.reference_unlocked
    finally:
        reopened.finish()
    assert [a.outcome for a in attempt.store.attempts("lstm_cell")] == ["abandoned"]
