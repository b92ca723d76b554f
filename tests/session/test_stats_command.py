"""`lstm-quiz stats`: the Stats screen's figures as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lstm_quiz.cli import main
from lstm_quiz.review.store import ProgressStore


def test_stats_on_a_fresh_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for heading in ("Mastery per topic", "Reviews per day", "Due in the next 14 days", "Leeches"):
        assert heading in out
    assert "0 due today" in out


def test_stats_json_counts_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with ProgressStore.open(tmp_path) as store:
        store.record_answer("lstm-forget-gate-motivation", correct=False, session_id="s")
        store.record_answer("lstm-forget-gate-motivation", correct=True, session_id="s")
    assert main(["stats", "--data-dir", str(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reviews_per_day"][-1]["count"] == 2
    assert data["reviews_last_7_days"] == 2
    assert data["streak_days"] == 1
    assert set(data) >= {"due_today", "new_left", "mastery", "forecast", "leeches"}
    assert len(data["forecast"]) == 14


def test_stats_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--data-dir", str(tmp_path), "--lang", "zh"]) == 0
    assert "各主题掌握度" in capsys.readouterr().out


def test_stats_reports_a_corrupt_store_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "progress.sqlite3").write_bytes(b"not a database, not at all" * 100)
    assert main(["stats", "--data-dir", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "could not be used" in captured.err and "Mastery per topic" in captured.out


def test_stats_with_a_broken_bank_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = Path(__file__).resolve().parents[1] / "data" / "bank" / "broken"
    assert main(["stats", "--data-dir", str(tmp_path), "--bank", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "the question bank has" in err and "Traceback" not in err


def test_stats_shows_exercise_attempts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.session.helpers import record_attempt

    with ProgressStore.open(tmp_path) as store:
        record_attempt(store, "gru_cell", 9, "passed")
    assert main(["stats", "--data-dir", str(tmp_path)]) == 0
    assert "gru_cell  1 attempt, 1 passed, best 9m 00s" in capsys.readouterr().out
    assert main(["stats", "--data-dir", str(tmp_path), "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)["exercises"]
    assert (row["exercise_id"], row["status"], row["passes"]) == ("gru_cell", "passed", 1)
