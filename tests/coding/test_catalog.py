"""The picker's data: each exercise's status (new, attempted, passed) and best time."""

from __future__ import annotations

import importlib.util
from datetime import timedelta
from pathlib import Path

import pytest

from lstm_quiz.coding.catalog import ExerciseCatalog, by_track
from lstm_quiz.errors import LstmQuizError
from lstm_quiz.review.store import ProgressStore
from tests.session.helpers import record_attempt


@pytest.fixture
def store(tmp_path: Path):
    opened = ProgressStore.open(tmp_path / "data")
    yield opened
    opened.close()


def test_rows_list_every_exercise_with_its_progress(tmp_path: Path, store: ProgressStore) -> None:
    record_attempt(store, "lstm_cell", 14.5, "passed")
    rows = {row.id: row for row in ExerciseCatalog(store, tmp_path / "data").rows("zh")}
    assert rows["lstm_cell"].progress.status == "passed"
    assert rows["lstm_cell"].progress.best == timedelta(minutes=14.5)
    assert rows["stable_sigmoid"].progress.status == "new"
    assert rows["lstm_cell"].title != "" and rows["lstm_cell"].time_limit_minutes > 0
    assert rows["lstm_module"].framework == "torch"


def test_open_attempt_makes_the_workspace_from_the_starter(
    tmp_path: Path, store: ProgressStore
) -> None:
    catalog = ExerciseCatalog(store, tmp_path / "data")
    attempt = catalog.open_attempt("lstm_cell")
    solution = tmp_path / "data" / "workspaces" / "lstm_cell" / "solution.py"
    assert attempt.workspace.solution == solution
    assert solution.read_text() == attempt.exercise.starter.read_text()
    assert attempt.store is store


def test_a_torch_exercise_without_torch_is_a_clear_error(
    tmp_path: Path, store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "torch" else real_find_spec(name, *a),
    )
    catalog = ExerciseCatalog(store, tmp_path / "data")
    with pytest.raises(LstmQuizError, match="needs PyTorch"):
        catalog.open_attempt("lstm_module")
    assert not (tmp_path / "data" / "workspaces" / "lstm_module").exists()


def test_rows_come_grouped_by_track_with_labels_in_the_language(tmp_path: Path) -> None:
    rows = ExerciseCatalog(None, tmp_path / "data").rows("zh")
    groups = by_track(rows)
    assert [label for label, _ in groups] == ["NumPy 从零实现", "PyTorch 实现", "应用"]
    assert [r.id for _, members in groups for r in members] == [r.id for r in rows]
    numpy_ids = [r.id for r in groups[0][1]]
    assert numpy_ids[:3] == ["stable_sigmoid", "lstm_cell", "lstm_forward"]
    assert rows[-1].track == "applications" and "attention_pooling" in [r.id for r in groups[2][1]]
    english = ExerciseCatalog(None, tmp_path / "data").rows("en")
    assert {r.track_label for r in english} == {"NumPy from scratch", "PyTorch", "Applications"}
