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
        (lambda t: t + "track: jax\n", "track 'jax' is not one of numpy, pytorch, applications"),
        (lambda t: t + "track: 3\n", "field 'track' has the wrong type"),
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


# The order a candidate takes them in (issue 16): the mechanics in NumPy, then PyTorch, then applications.
TRACK_OF = {
    "numpy": [
        "stable_sigmoid", "lstm_cell", "lstm_forward", "gru_cell", "clip_grad_norm",
        "masked_lstm_forward", "bilstm_forward", "stacked_lstm_forward", "lstm_cell_backward",
        "lstm_backward",
    ],
    "pytorch": ["lstm_module", "train_classifier", "tbptt_train"],
    "applications": [
        "attention_pooling", "cnn_lstm_forward", "seq2seq_greedy", "beam_search",
        "ctc_greedy_decode", "make_windows", "text_pipeline",
    ],
}  # fmt: skip


def test_every_shipped_exercise_is_in_its_track_and_tracks_come_in_order(registry) -> None:
    wanted = {e: t for t, members in TRACK_OF.items() for e in members}
    shipped = list(registry)
    assert {e.id: e.track for e in shipped} == {
        e.id: wanted.get(e.id, "not listed") for e in shipped
    }
    tracks = [e.track for e in shipped]
    assert tracks == sorted(tracks, key=["numpy", "pytorch", "applications"].index)
    for t in TRACK_OF:
        orders = [e.order for e in shipped if e.track == t]
        assert orders == sorted(orders), t


def test_a_missing_track_follows_the_framework(tmp_path: Path) -> None:
    folder = new_exercise("no_track", tmp_path)
    meta = folder / "exercise.yaml"
    text = "\n".join(
        line for line in meta.read_text().splitlines() if not line.startswith("track:")
    )
    meta.write_text(text + "\n")
    assert load_exercise(folder).track == "numpy"
    meta.write_text(text.replace("framework: numpy", "framework: torch") + "\n")
    assert load_exercise(folder).track == "pytorch"
