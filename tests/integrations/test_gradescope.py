"""`grade --format gradescope`: results.json as Gradescope's autograder specification documents it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "exercises" / "lstm_cell" / "reference.py"
SWAPPED = ROOT / "exercises" / "lstm_cell" / "mistakes" / "returns_c_h.py"
SYNTAX_ERROR = ROOT / "tests" / "data" / "solutions" / "lstm_cell" / "fail_syntax_error.py"

VISIBILITY = {"enum": ["hidden", "after_due_date", "after_published", "visible"]}
# The fields of results.json in Gradescope's "Autograder Specifications", as documented there:
# top level score (required unless every test has one), execution_time, output, visibility,
# stdout_visibility, extra_data, tests; per test score, max_score, status, name, number,
# output, tags, visibility, extra_data.
RESULTS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["score", "tests"],
    "additionalProperties": False,
    "properties": {
        "score": {"type": "number", "minimum": 0},
        "execution_time": {"type": "number", "minimum": 0},
        "output": {"type": "string"},
        "output_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
        "visibility": VISIBILITY,
        "stdout_visibility": VISIBILITY,
        "extra_data": {"type": "object"},
        "tests": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "score", "max_score", "status", "output"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "number": {"type": "string"},
                    "score": {"type": "number", "minimum": 0},
                    "max_score": {"type": "number", "minimum": 0},
                    "status": {"enum": ["passed", "failed"]},
                    "output": {"type": "string"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "visibility": VISIBILITY,
                    "extra_data": {"type": "object"},
                },
            },
        },
    },
}


def grade(submission: Path, out: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], Any]:
    done = subprocess.run(
        [sys.executable, "-m", "lstm_quiz", "grade", "lstm_cell", str(submission),
         "--format", "gradescope", "--out", str(out), *extra],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    data = json.loads(out.read_text()) if out.is_file() else None
    if data is not None:
        jsonschema.validate(data, RESULTS_SCHEMA)
    return done, data


def _submission(tmp_path: Path, files: dict[str, Path]) -> Path:
    """/autograder/submission as Gradescope lays it out: the student's files, maybe in a folder."""
    folder = tmp_path / "submission"
    for name, source in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, folder / name)
    return folder


def test_correct_submission_scores_every_test(tmp_path: Path) -> None:
    submission = _submission(
        tmp_path, {"hw3/solution.py": REFERENCE, "hw3/.ipynb_checkpoints/x.py": SWAPPED}
    )
    done, data = grade(submission, tmp_path / "results.json")
    assert done.returncode == 0, done.stderr
    tests = data["tests"]
    assert len(tests) >= 5
    assert all(t["status"] == "passed" and t["score"] == t["max_score"] == 1.0 for t in tests)
    assert data["score"] == len(tests)
    assert data["execution_time"] > 0
    assert data["visibility"] == "visible" and data["stdout_visibility"] == "hidden"
    assert done.stdout.startswith(f"{len(tests)}/{len(tests)} points written to ")


def test_buggy_submission_fails_tests_with_the_diagnosis(tmp_path: Path) -> None:
    done, data = grade(_submission(tmp_path, {"lstm_cell.py": SWAPPED}), tmp_path / "results.json")
    assert done.returncode == 0, done.stderr
    failed = [t for t in data["tests"] if t["status"] == "failed"]
    passed = [t for t in data["tests"] if t["status"] == "passed"]
    assert failed and passed
    assert data["score"] == len(passed)
    assert all(t["score"] == 0 for t in failed)
    assert "diagnosis: Your outputs are swapped: you returned (c, h)" in failed[0]["output"]
    assert "h differs from the reference" in failed[0]["output"]
    assert data["output"].startswith(f"lstm_cell: {len(passed)} passed, {len(failed)} failed")


def test_file_that_does_not_import_scores_zero_and_says_why(tmp_path: Path) -> None:
    done, data = grade(
        _submission(tmp_path, {"solution.py": SYNTAX_ERROR}), tmp_path / "results.json"
    )
    assert done.returncode == 0
    assert data["score"] == 0
    assert "SyntaxError" in data["output"] or "syntax" in data["output"].lower()


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({}, "the submission holds no .py file"),
        (
            {"a.py": REFERENCE, "b.py": SWAPPED},
            "the submission holds 2 .py files (a.py, b.py) and no solution.py",
        ),
        ({"x/solution.py": REFERENCE, "y/solution.py": SWAPPED}, "several solution.py files"),
    ],
)
def test_ungradable_submission_still_gets_results(tmp_path: Path, files: dict, reason: str) -> None:
    submission = _submission(tmp_path, files)
    submission.mkdir(exist_ok=True)
    done, data = grade(submission, tmp_path / "results.json")
    assert done.returncode == 0, done.stderr
    assert data["score"] == 0 and data["tests"] == []
    assert reason in data["output"]


def test_usage_errors(tmp_path: Path) -> None:
    two = subprocess.run(
        [sys.executable, "-m", "lstm_quiz", "grade", "lstm_cell", str(REFERENCE), str(SWAPPED),
         "--format", "gradescope", "--out", str(tmp_path / "r.json")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert two.returncode == 2 and "grades one submission" in two.stderr
    csv = subprocess.run(
        [sys.executable, "-m", "lstm_quiz", "grade", "lstm_cell", str(REFERENCE),
         "--format", "gradescope", "--out", str(tmp_path / "r.csv")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert csv.returncode == 2 and "results.json" in csv.stderr
    assert not (tmp_path / "r.json").exists()
