"""Drawn cases are drawn by hypothesis once, then kept: the same cases, without its cost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lstm_quiz.grading import drawn
from lstm_quiz.grading.drawn import Case, CaseSpace, drawn_cases
from lstm_quiz.grading.properties import _draw, cases

ROOT = Path(__file__).resolve().parents[2]
SPACE = cases(N=(1, 4), D=(1, 6), H=(1, 5))


def fresh(folder: Path, space: CaseSpace = SPACE, count: int = 12) -> tuple[list[Case], int]:
    """The cases as a new process would get them, and how many times hypothesis drew."""
    drawn._kept.clear()
    calls: list[int] = []

    def draw(s: CaseSpace, n: int) -> list[Case]:
        calls.append(n)
        return _draw(s, n)

    return drawn_cases(space, count, draw, folder), len(calls)


def test_kept_cases_are_the_ones_hypothesis_draws(tmp_path: Path) -> None:
    first, draws = fresh(tmp_path)
    assert draws == 1 and len(first) == 12
    again, draws = fresh(tmp_path)
    assert draws == 0  # read back from the file
    assert again == first == _draw(SPACE, 12)


def test_another_space_or_count_is_drawn_anew(tmp_path: Path) -> None:
    fresh(tmp_path)
    _, draws = fresh(tmp_path, count=13)
    assert draws == 1
    _, draws = fresh(tmp_path, space=cases(N=(1, 3), D=(1, 6), H=(1, 5)))
    assert draws == 1


def test_a_damaged_file_is_drawn_again(tmp_path: Path) -> None:
    first, _ = fresh(tmp_path)
    [kept] = tmp_path.glob("drawn-cases-*.json")
    kept.write_text('[{"sizes": {"N": "x"}}]')
    again, draws = fresh(tmp_path)
    assert draws == 1 and again == first


def test_a_read_only_cache_still_grades(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        found, draws = fresh(tmp_path / "inner")
    finally:
        tmp_path.chmod(0o700)
    assert draws == 1 and len(found) == 12


def test_a_check_with_kept_cases_does_not_import_hypothesis(tmp_path: Path) -> None:
    script = (
        "import sys; from lstm_quiz.cli import main\n"
        "code = main(['check', 'lstm_cell', 'exercises/lstm_cell/reference.py'])\n"
        "print('hypothesis' in sys.modules, code)\n"
    )
    env = {**os.environ, "LSTM_QUIZ_CACHE_DIR": str(tmp_path)}

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
        )
        return done.stdout.strip().splitlines()[-1]

    assert run() == "True 0"  # the first check draws
    assert run() == "False 0"  # the next one reads what was drawn
