"""The exercises as a learner sees them: each with its status and best time, and a way in.

UI-free: the exercise picker (`lstm-quiz exercise`, and the practice app's
Exercises mode) shows `rows()` and opens an `Attempt` with `open_attempt()`.
Status comes from the attempts kept in the progress store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lstm_quiz.coding.attempt import Attempt
from lstm_quiz.exercises.model import TRACKS, track
from lstm_quiz.exercises.registry import ExerciseRegistry
from lstm_quiz.exercises.workspace import Workspace
from lstm_quiz.review.attempts import NEW, ExerciseProgress, progress_by_exercise

if TYPE_CHECKING:
    from lstm_quiz.review.store import ProgressStore

__all__ = [
    "NEW",
    "ExerciseCatalog",
    "ExerciseProgress",
    "ExerciseRow",
    "by_track",
    "progress_by_exercise",
]


@dataclass(frozen=True)
class ExerciseRow:
    """One line of the picker and of `lstm-quiz exercise list`."""

    id: str
    title: str
    difficulty: int
    time_limit_minutes: int
    framework: str
    requires: tuple[str, ...]
    summary: str = ""  # the prompt's first paragraph
    progress: ExerciseProgress = NEW
    track: str = "numpy"
    track_label: str = ""  # the track's name in the row's language


def by_track(rows: list[ExerciseRow]) -> list[tuple[str, list[ExerciseRow]]]:
    """(track label, its rows) for each track that has exercises, in catalogue order."""
    groups = []
    for t in TRACKS:
        members = [r for r in rows if r.track == t.id]
        if members:
            groups.append((members[0].track_label, members))
    return groups


def first_paragraph(markdown: str) -> str:
    """The first paragraph of a prompt, after its title: what the exercise asks, in brief."""
    paragraph: list[str] = []
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") and not paragraph:
            continue
        if not stripped:
            if paragraph:
                break
            continue
        paragraph.append(stripped)
    return " ".join(paragraph)


class ExerciseCatalog:
    """The exercises (shipped and `--exercises` folders) with the learner's progress."""

    def __init__(
        self,
        store: ProgressStore | None,
        data_dir: Path,
        exercise_dirs: list[str] | None = None,
    ) -> None:
        self.store = store
        self.data_dir = data_dir
        self.registry = ExerciseRegistry.discover(exercise_dirs)

    def rows(self, lang: str = "en") -> list[ExerciseRow]:
        """Every exercise, grouped by track in the order a candidate takes them, then by order."""
        progress = progress_by_exercise(self.store.attempts()) if self.store else {}
        return [
            ExerciseRow(
                id=exercise.id,
                title=exercise.title.get(lang),
                difficulty=exercise.difficulty,
                time_limit_minutes=exercise.time_limit_minutes,
                framework=exercise.framework,
                requires=tuple(exercise.requires),
                summary=first_paragraph(exercise.prompt(lang)),
                progress=progress.get(exercise.id, NEW),
                track=exercise.track,
                track_label=track(exercise.track).label.get(lang),
            )
            for exercise in sorted(self.registry, key=lambda e: e.track_rank)
        ]

    def open_attempt(
        self, exercise_id: str, lang: str = "en", workspace: str | None = None
    ) -> Attempt:
        """A fresh timed attempt; raises LstmQuizError when the exercise cannot run here (no torch)."""
        exercise = self.registry.get(exercise_id)
        exercise.require_framework()
        return Attempt(
            exercise, Workspace.open(exercise, self.data_dir, workspace, lang), self.store
        )
