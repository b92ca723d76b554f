"""`exercise new` gives a folder that verifies as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lstm_quiz.errors import UsageError
from lstm_quiz.exercises.model import TRACK_IDS, load_exercise
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


def test_template_states_its_track(tmp_path: Path) -> None:
    """The new exercise.yaml names its track explicitly, so an author sees the field to change."""
    folder = new_exercise("scale_add", tmp_path)
    meta = yaml.safe_load((folder / "exercise.yaml").read_text(encoding="utf-8"))
    assert meta["track"] in TRACK_IDS
    assert load_exercise(folder).track == meta["track"] == "numpy"
    # every track is named in the comment above the field
    text = (folder / "exercise.yaml").read_text(encoding="utf-8")
    comment = text[: text.index("track:")].rsplit("order:", 1)[1]
    assert all(track_id in comment for track_id in TRACK_IDS)


def test_a_changed_track_is_loaded(tmp_path: Path) -> None:
    folder = new_exercise("windows_again", tmp_path)
    meta = folder / "exercise.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("track: numpy", "track: applications"),
        encoding="utf-8",
    )
    assert load_exercise(folder).track == "applications"


def test_copy_keeps_the_source_track(tmp_path: Path, registry) -> None:
    folder = new_exercise("my_windows", tmp_path, registry.get("make_windows"))
    assert load_exercise(folder).track == "applications"


def test_existing_folder_is_never_overwritten(tmp_path: Path) -> None:
    new_exercise("twice", tmp_path)
    with pytest.raises(UsageError, match="already exists"):
        new_exercise("twice", tmp_path)


def test_bad_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="lowercase"):
        new_exercise("My-Exercise", tmp_path)
