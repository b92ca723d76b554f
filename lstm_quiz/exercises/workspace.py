"""The learner's workspace: a plain folder per exercise, holding solution.py.

solution.py is copied from the starter on first open and never overwritten
afterwards; `reset` restores the starter and keeps the old file as a backup.
TASK.md holds the prompt, for reading next to the code in any editor.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lstm_quiz.errors import UsageError
from lstm_quiz.exercises.model import Exercise


@dataclass(frozen=True)
class Workspace:
    exercise: Exercise
    folder: Path

    @property
    def solution(self) -> Path:
        return self.folder / "solution.py"

    @classmethod
    def open(
        cls, exercise: Exercise, data_dir: Path, workspace: str | None = None, lang: str = "en"
    ) -> Workspace:
        """The workspace folder: --workspace DIR, else <data dir>/workspaces/<exercise id>."""
        folder = (
            Path(workspace).expanduser() if workspace else data_dir / "workspaces" / exercise.id
        )
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"workspace {folder} exists and is not a folder")
        folder.mkdir(parents=True, exist_ok=True)
        space = cls(exercise, folder)
        if not space.solution.exists():
            shutil.copyfile(exercise.starter, space.solution)
        (folder / "TASK.md").write_text(exercise.prompt(lang), encoding="utf-8")
        return space

    def reset(self) -> Path | None:
        """Put the starter back; the current solution is kept as solution.py.bak-<time>. Returns the backup."""
        backup = None
        if self.solution.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            backup = self.folder / f"solution.py.bak-{stamp}"
            n = 1
            while backup.exists():
                n += 1
                backup = self.folder / f"solution.py.bak-{stamp}-{n}"
            self.solution.rename(backup)
        shutil.copyfile(self.exercise.starter, self.solution)
        return backup
