"""`exercise new` gives a folder that verifies as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstm_quiz.errors import UsageError
from lstm_quiz.exercises.model import load_exercise
from lstm_quiz.exercises.scaffold import new_exercise
from lstm_quiz.grading.verify import verify_exercise


def test_template_exercise_verifies(tmp_path: Path, fork_server) -> None:
    folder = new_exercise("scale_add", tmp_path)
    exercise = load_exercise(folder)
    assert exercise.functions == ("scale_add",)
    assert (folder / "test_scale_add.py").is_file()
    rows = verify_exercise(exercise, fork_server)
    assert [r.file for r in rows] == [
        "reference.py",
        "starter.py",
        "mistakes/adds_before_scaling.py",
    ]
    assert all(r.ok for r in rows), [r.problem for r in rows]


def test_copy_of_lstm_cell_is_renamed_and_verifies(tmp_path: Path, registry, fork_server) -> None:
    folder = new_exercise("my_lstm", tmp_path, registry.get("lstm_cell"))
    exercise = load_exercise(folder)
    assert exercise.functions == ("my_lstm",)
    assert "def my_lstm(" in (folder / "starter.py").read_text()
    assert len(exercise.mistakes) == 1
    assert all(r.ok for r in verify_exercise(exercise, fork_server))


def test_existing_folder_is_never_overwritten(tmp_path: Path) -> None:
    new_exercise("twice", tmp_path)
    with pytest.raises(UsageError, match="already exists"):
        new_exercise("twice", tmp_path)


def test_bad_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="lowercase"):
        new_exercise("My-Exercise", tmp_path)
