"""`lstm-quiz check` as a user runs it: a real process, exit codes, human and JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LSTM_CELL = ROOT / "exercises" / "lstm_cell"
SOLUTIONS = ROOT / "tests" / "data" / "solutions" / "lstm_cell"


def lstm_quiz(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lstm_quiz", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )


def test_correct_file_passes_with_exit_0() -> None:
    done = lstm_quiz("check", "lstm_cell", str(LSTM_CELL / "reference.py"))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "10 passed, 0 failed"
    assert sum(line.lstrip().startswith("PASS") for line in lines) == 10


def test_mistake_fails_with_exit_1_and_a_diagnosis() -> None:
    done = lstm_quiz("check", "lstm_cell", str(LSTM_CELL / "mistakes" / "gate_order_ifog.py"))
    assert done.returncode == 1
    assert "FAIL  test_matches_reference[N=1,D=3,H=4]" in done.stdout
    assert "h differs from the reference: max abs error" in done.stdout
    assert (
        "diagnosis: Your (h, c) equal the result of a known mistake: gates ordered i,f,o,g"
        in done.stdout
    )
    assert done.stdout.splitlines()[-1] == "2 passed, 8 failed"


def test_json_output_is_the_result_model() -> None:
    done = lstm_quiz("check", "lstm_cell", str(SOLUTIONS / "fail_returns_lists.py"), "--json")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert data["passed"] is False
    assert data["counts"]["total"] == len(data["tests"]) == 10
    failed = [t for t in data["tests"] if not t["passed"]]
    assert failed and all(t["outcome"] == "failed" for t in failed)
    assert "numpy.ndarray, got a list" in failed[0]["message"]


def test_learner_output_is_shown_trimmed() -> None:
    done = lstm_quiz("check", "lstm_cell", str(SOLUTIONS / "fail_fake_pytest_output.py"))
    assert done.returncode == 1
    assert "| 12 passed, 0 failed" in done.stdout  # quoted as the learner's output
    assert done.stdout.splitlines()[-1].endswith("failed") and not done.stdout.splitlines()[
        -1
    ].startswith("12")


def test_unknown_exercise_is_a_usage_error_naming_the_choices() -> None:
    done = lstm_quiz("check", "lstm_cel", str(LSTM_CELL / "reference.py"))
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "lstm-quiz: error: unknown exercise 'lstm_cel': did you mean 'lstm_cell'? Valid choices: "
        + ", ".join(sorted(p.parent.name for p in (ROOT / "exercises").glob("*/exercise.yaml")))
    )
    assert "Traceback" not in done.stderr


def test_missing_file_is_a_usage_error() -> None:
    done = lstm_quiz("check", "lstm_cell", "no/such/file.py")
    assert done.returncode == 2
    assert done.stderr.strip() == "lstm-quiz: error: solution file not found: no/such/file.py"


def test_exercise_list_shows_lstm_cell() -> None:
    done = lstm_quiz("exercise", "list")
    assert done.returncode == 0
    assert any(
        line.startswith("lstm_cell") and "20 min" in line and "One LSTM time step" in line
        for line in done.stdout.splitlines()
    )


def test_exercise_without_a_terminal_prints_the_list() -> None:
    # The picker needs a terminal; in a pipe or a script the list is what is useful.
    done = lstm_quiz("exercise")
    assert done.returncode == 0
    assert any(line.startswith("lstm_cell") for line in done.stdout.splitlines())


def test_watch_without_an_exercise_is_a_usage_error() -> None:
    done = lstm_quiz("exercise", "--watch")
    assert done.returncode == 2
    assert "go with an exercise id, e.g. lstm-quiz exercise lstm_cell --watch" in done.stderr
    assert "Traceback" not in done.stderr


def test_exercise_list_shows_statuses_from_the_progress_store(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from lstm_quiz.review.store import ProgressStore

    started = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    with ProgressStore.open(tmp_path) as store:
        store.record_attempt(
            "lstm_cell",
            started_at=started,
            ended_at=started + timedelta(minutes=9, seconds=41),
            outcome="passed",
            tests_passed=9,
            tests_total=9,
            over_time=False,
        )
    done = lstm_quiz("exercise", "list", "--json", "--data-dir", str(tmp_path))
    rows = {row["id"]: row for row in json.loads(done.stdout)}
    assert rows["lstm_cell"]["status"] == "passed" and rows["lstm_cell"]["best_seconds"] == 581
    assert rows["gru_cell"]["status"] == "new"
    text = lstm_quiz("exercise", "list", "--data-dir", str(tmp_path)).stdout
    assert any("passed" in line and "09:41" in line for line in text.splitlines())


def test_exercise_list_does_not_create_a_progress_store(tmp_path: Path) -> None:
    assert lstm_quiz("exercise", "list", "--data-dir", str(tmp_path / "data")).returncode == 0
    assert not (tmp_path / "data").exists()


def test_torch_prints_nothing_of_its_own_into_the_learner_s_output() -> None:
    # A run's /proc is hidden; torch's cpuinfo must have parsed it before the fork,
    # or "Error in cpuinfo: ..." lands in the learner's output as if they printed it.
    module = ROOT / "exercises" / "lstm_module"
    done = lstm_quiz("check", "lstm_module", str(module / "reference.py"), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert data["solution_output"] == ""
    assert [t["output"] for t in data["tests"] if t["output"]] == []
