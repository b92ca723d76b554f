"""Issue 15: a pass of train_classifier says what it reached — accuracy and training time.

In `check`'s text, in its --json, and on the exercise screen's verdict (in the
learner's language). Each grading trains a real model (a few seconds).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from lstm_quiz.coding.attempt import Attempt
from lstm_quiz.exercises.workspace import Workspace
from lstm_quiz.review.store import ProgressStore
from lstm_quiz.tui.exercise_app import ExerciseApp

from .test_exercise_screen import passed_all, status_of, wait_for

pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "exercises" / "train_classifier"
EN = re.compile(r"accuracy (\d\.\d{3}) on 1,000 held-out sequences; trained in (\d+\.\d) s")
ZH = re.compile(r"在 1000 条留出序列上准确率 (\d\.\d{3})；训练用时 (\d+\.\d) 秒")


def check(solution: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lstm_quiz", "check", "train_classifier", str(solution), *extra],
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_check_prints_the_accuracy_and_training_time_of_a_pass() -> None:
    run = check(FOLDER / "reference.py")
    assert run.returncode == 0, run.stdout + run.stderr
    found = EN.search(run.stdout)
    assert found, run.stdout
    accuracy, seconds = float(found[1]), float(found[2])
    assert 0.9 <= accuracy <= 1.0 and 0.0 < seconds < 120


def test_check_json_carries_the_measurement_in_both_languages() -> None:
    run = check(FOLDER / "reference.py", "--json")
    assert run.returncode == 0, run.stderr
    tests = {t["name"]: t for t in json.loads(run.stdout)["tests"]}
    detail = tests["test_accuracy_on_held_out_sequences"]["detail"]
    en, zh = EN.fullmatch(detail["en"]), ZH.fullmatch(detail["zh"])
    assert en and zh
    assert en.groups() == zh.groups()  # the same numbers in both
    assert tests["test_predictions_are_labels"]["detail"] == {}


def test_a_failing_solution_shows_no_accuracy_line() -> None:
    run = check(FOLDER / "mistakes" / "untrained.py")
    assert run.returncode == 1
    assert "trained in" not in run.stdout
    assert "below the required" in run.stdout


def passed(status: str, lang: str) -> bool:
    return passed_all(status) if lang == "en" else "全部通过" in status


@pytest.mark.parametrize(("lang", "pattern"), [("en", EN), ("zh", ZH)], ids=["en", "zh"])
async def test_the_verdict_shows_accuracy_and_training_time(
    tmp_path: Path, registry, lang: str, pattern: re.Pattern[str]
) -> None:
    exercise = registry.get("train_classifier")
    store = ProgressStore.open(tmp_path / "data")
    attempt = Attempt(exercise, Workspace.open(exercise, tmp_path / "data", lang=lang), store)
    app = ExerciseApp(attempt, lang)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            failed = "failed" if lang == "en" else "失败"
            await wait_for(pilot, lambda: failed in status_of(app), seconds=120)  # the starter
            shutil.copy(FOLDER / "reference.py", attempt.workspace.solution)
            attempt.workspace.solution.touch()
            await wait_for(pilot, lambda: passed(status_of(app), lang), seconds=120)
            status = status_of(app)
            found = pattern.search(status)
            assert found, status
            assert float(found[1]) >= 0.9
            # The accuracy test's row says it too.
            app.screen.query_one("#exercise-results", DataTable).move_cursor(row=1)
            await pilot.pause()
            detail = str(app.screen.query_one("#exercise-detail", Static).render())
            assert "test_accuracy_on_held_out_sequences" in detail
            assert pattern.search(detail), detail
    finally:
        attempt.finish()
        store.close()
