"""Exercises whose suite drives the solution through a harness (classes, torch modules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstm_quiz.exercises.model import ExerciseFormatError, load_exercise
from lstm_quiz.grading.runner import grade_solution

HARNESS = """
import numpy as np

def scaled(x, factor):
    return solution.Scaler(factor).apply(x)
"""
SUITE = """
import numpy as np
from lstm_quiz.grading.expect import expect_array

def test_scaled(solution):
    x = np.arange(4.0)
    expect_array(solution.harness.scaled(x, 3.0), 3.0 * x, "y")
"""
RIGHT = "class Scaler:\n    def __init__(self, f):\n        self.f = f\n    def apply(self, x):\n        return x * self.f\n"
WRONG = RIGHT.replace("x * self.f", "x + self.f")


def make_exercise(root: Path, framework: str, harness: str = HARNESS) -> Path:
    folder = root / "scaler"
    folder.mkdir()
    (folder / "exercise.yaml").write_text(
        "id: scaler\ntitle: {en: Scaler, zh: Scaler}\ndifficulty: 1\ntime_limit_minutes: 5\n"
        f"framework: {framework}\nfunctions: [Scaler]\nharness: harness.py\n"
    )
    (folder / "harness.py").write_text(harness)
    (folder / "test_scaler.py").write_text(SUITE)
    (folder / "reference.py").write_text(RIGHT)
    return folder


@pytest.mark.parametrize("framework", ["numpy", "torch"])
def test_harness_calls_the_solution_inside_the_sandbox(tmp_path: Path, framework: str) -> None:
    if framework == "torch":
        pytest.importorskip("torch")
    exercise = load_exercise(make_exercise(tmp_path, framework))
    right, wrong = tmp_path / "right.py", tmp_path / "wrong.py"
    right.write_text(RIGHT)
    wrong.write_text(WRONG)
    assert grade_solution(exercise, right).passed
    result = grade_solution(exercise, wrong)
    assert not result.passed
    assert "y differs from the reference" in result.tests[0].message


def test_torch_is_usable_in_a_torch_exercise(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    harness = "import torch\n\ndef scaled(x, factor):\n    return (torch.from_numpy(x) * factor).numpy()\n"
    exercise = load_exercise(make_exercise(tmp_path, "torch", harness))
    solution = tmp_path / "s.py"
    solution.write_text("import torch\nScaler = torch.nn.Identity\n")
    assert grade_solution(exercise, solution).passed


def test_missing_harness_file_is_a_format_error(tmp_path: Path) -> None:
    folder = make_exercise(tmp_path, "numpy")
    (folder / "harness.py").unlink()
    with pytest.raises(ExerciseFormatError, match=r"harness file .harness\.py. not found"):
        load_exercise(folder)
