"""`lstm-quiz doctor`, and the fall-back to weak isolation when bubblewrap cannot run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_quiz.grading.sealing import bwrap_path

CORRECT = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "solutions"
    / "lstm_cell"
    / "pass_naive_sigmoid.py"
)


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("LSTM_QUIZ_")} | env
    return subprocess.run(
        [sys.executable, "-m", "lstm_quiz", *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=60,
    )


@pytest.mark.skipif(bwrap_path() is None, reason="needs bubblewrap")
def test_doctor_reports_sealed_runs() -> None:
    done = run("doctor", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    found = json.loads(done.stdout)
    assert found["isolation"] == "sealed" and found["fix"] == ""


def test_doctor_without_bubblewrap_says_what_to_install() -> None:
    done = run("doctor", LSTM_QUIZ_BWRAP="/nonexistent/bwrap")
    assert done.returncode == 1
    assert "isolation: weak (bubblewrap (bwrap) is not installed)" in done.stdout
    assert "apt-get install bubblewrap" in done.stdout


def test_a_bubblewrap_that_cannot_make_namespaces_falls_back_to_weak(tmp_path: Path) -> None:
    fake = tmp_path / "bwrap"
    fake.write_text(
        "#!/bin/sh\necho 'bwrap: No permissions to creating new namespace' >&2\nexit 1\n"
    )
    fake.chmod(0o755)
    done = run("check", "lstm_cell", str(CORRECT), "--json", LSTM_QUIZ_BWRAP=str(fake))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["isolation"] == "weak"
    assert "No permissions to creating new namespace" in result["isolation_problem"]
    assert done.stderr.startswith("weak isolation: bubblewrap could not start the box")
