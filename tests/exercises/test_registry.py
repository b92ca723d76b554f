"""Shipped exercises plus an instructor's folders, with clashes and format errors named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lstm_quiz.errors import LstmQuizError, UsageError
from lstm_quiz.exercises.model import ExerciseFormatError, load_exercise
from lstm_quiz.exercises.registry import ExerciseRegistry
from lstm_quiz.exercises.scaffold import new_exercise


def test_extra_folders_from_option_and_environment(tmp_path: Path, monkeypatch) -> None:
    new_exercise("from_option", tmp_path / "a")
    new_exercise("from_env", tmp_path / "b")
    monkeypatch.setenv("LSTM_QUIZ_EXERCISES_PATH", str(tmp_path / "b"))
    registry = ExerciseRegistry.discover([str(tmp_path / "a")])
    assert {"lstm_cell", "from_option", "from_env"} <= set(registry.exercises)


def test_id_clash_names_both_folders(tmp_path: Path, registry) -> None:
    shutil.copytree(registry.get("lstm_cell").path, tmp_path / "lstm_cell")
    with pytest.raises(LstmQuizError) as caught:
        ExerciseRegistry.discover([str(tmp_path)])
    assert "defined twice" in caught.value.message
    assert str(tmp_path / "lstm_cell") in caught.value.message


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="exercise folder not found"):
        ExerciseRegistry.discover([str(tmp_path / "nope")])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("difficulty: 1", "difficulty: 5"), "difficulty must be 1, 2 or 3"),
        (lambda t: t.replace("time_limit_minutes: 10\n", ""), "missing field 'time_limit_minutes'"),
        (lambda t: t + "colour: blue\n", "unknown field(s) colour"),
        (lambda t: t.replace("framework: numpy", "framework: jax"), "framework must be one of"),
        (lambda t: t.replace("id: broken", "id: other"), "must be lowercase letters"),
        (lambda t: t.replace("title:\n", "title: [\n"), "exercise.yaml:"),
    ],
)
def test_format_errors_name_the_file_and_field(tmp_path: Path, change, message: str) -> None:
    folder = new_exercise("broken", tmp_path)
    meta = folder / "exercise.yaml"
    meta.write_text(change(meta.read_text()))
    with pytest.raises(ExerciseFormatError) as caught:
        load_exercise(folder)
    assert str(meta) in caught.value.message
    assert message in caught.value.message


def test_find_reads_one_folder_and_reports_unknown_ids(tmp_path: Path) -> None:
    assert ExerciseRegistry.find("lstm_cell").id == "lstm_cell"
    with pytest.raises(UsageError, match="did you mean 'lstm_cell'"):
        ExerciseRegistry.find("lstm_cel")


def test_unknown_prerequisite_is_named(tmp_path: Path) -> None:
    folder = new_exercise("needs_more", tmp_path)
    meta = folder / "exercise.yaml"
    meta.write_text(meta.read_text().replace("requires: []", "requires: [no_such_exercise]"))
    with pytest.raises(LstmQuizError, match="requires unknown exercise"):
        ExerciseRegistry.discover([str(tmp_path)])
