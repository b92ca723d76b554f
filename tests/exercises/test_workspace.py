"""The learner's workspace: starter on first open, never overwritten, reset keeps a backup."""

from __future__ import annotations

from pathlib import Path

from lstm_quiz.exercises.workspace import Workspace


def test_first_open_copies_the_starter_and_the_task(tmp_path: Path, registry) -> None:
    exercise = registry.get("lstm_cell")
    space = Workspace.open(exercise, tmp_path)
    assert space.folder == tmp_path / "workspaces" / "lstm_cell"
    assert space.solution.read_text() == exercise.starter.read_text()
    assert "One LSTM time step" in (space.folder / "TASK.md").read_text()


def test_reopening_never_overwrites_the_learners_file(tmp_path: Path, registry) -> None:
    exercise = registry.get("lstm_cell")
    space = Workspace.open(exercise, tmp_path, workspace=str(tmp_path / "mine"))
    space.solution.write_text("# my work\n")
    Workspace.open(exercise, tmp_path, workspace=str(tmp_path / "mine"))
    assert space.solution.read_text() == "# my work\n"


def test_reset_restores_the_starter_and_keeps_a_backup(tmp_path: Path, registry) -> None:
    exercise = registry.get("lstm_cell")
    space = Workspace.open(exercise, tmp_path)
    space.solution.write_text("# my work\n")
    backup = space.reset()
    assert backup is not None and backup.read_text() == "# my work\n"
    assert space.solution.read_text() == exercise.starter.read_text()
    assert space.reset() != backup  # a second reset keeps both backups
