"""Per-exercise progress from the recorded attempts: status, best time, passes, the last outcome."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from lstm_quiz.review.attempts import progress_by_exercise
from lstm_quiz.review.store import ProgressStore
from tests.session.helpers import NOW, record_attempt


def test_status_best_time_and_last_outcome(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path) as store:
        record_attempt(store, "lstm_cell", 30, "passed")
        record_attempt(store, "lstm_cell", 12, "passed")
        record_attempt(store, "lstm_cell", 45, "gave_up")  # ends last
        record_attempt(store, "lstm_cell", 5, "abandoned")  # fast, but not a pass
        record_attempt(store, "gru_cell", 8, "abandoned")
        progress = progress_by_exercise(store.attempts())
    lstm_cell = progress["lstm_cell"]
    assert (lstm_cell.status, lstm_cell.attempts, lstm_cell.passes) == ("passed", 4, 2)
    assert lstm_cell.best == timedelta(minutes=12)
    assert (lstm_cell.last_outcome, lstm_cell.last_at) == ("gave_up", NOW + timedelta(minutes=45))
    gru_cell = progress["gru_cell"]
    assert (gru_cell.status, gru_cell.passes, gru_cell.best) == ("attempted", 0, None)
    assert "stable_sigmoid" not in progress
