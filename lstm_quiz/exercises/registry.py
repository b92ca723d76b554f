"""Finds exercises: the shipped ones plus folders an instructor adds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lstm_quiz import paths
from lstm_quiz.errors import LstmQuizError, UsageError, did_you_mean
from lstm_quiz.exercises.model import Exercise, load_exercise


@dataclass(frozen=True)
class ExerciseRegistry:
    exercises: dict[str, Exercise]

    @classmethod
    def discover(cls, extra: list[str] | None = None) -> ExerciseRegistry:
        """Shipped exercises, then --exercises folders and $LSTM_QUIZ_EXERCISES_PATH."""
        roots = [paths.shipped_exercises_dir(), *paths.extra_dirs(extra, paths.ENV_EXERCISES_PATH)]
        found: dict[str, Exercise] = {}
        for root in roots:
            if not root.is_dir():
                raise UsageError(f"exercise folder not found: {root}")
            for folder in _exercise_folders(root):
                exercise = load_exercise(folder)
                if exercise.id in found:
                    raise LstmQuizError(
                        f"exercise id '{exercise.id}' is defined twice: {found[exercise.id].path} and {folder}"
                    )
                found[exercise.id] = exercise
        ordered = sorted(found.values(), key=lambda e: e.track_rank)
        registry = cls({e.id: e for e in ordered})
        registry.check_prerequisites()
        return registry

    @classmethod
    def find(cls, exercise_id: str, extra: list[str] | None = None) -> Exercise:
        """One exercise, reading only its own folder (an exercise's folder is
        named by its id); the full discovery runs only to report a bad id."""
        roots = [paths.shipped_exercises_dir(), *paths.extra_dirs(extra, paths.ENV_EXERCISES_PATH)]
        candidates = [
            root / exercise_id for root in roots if (root / exercise_id / "exercise.yaml").is_file()
        ]
        candidates += [
            root
            for root in roots
            if root.name == exercise_id and (root / "exercise.yaml").is_file()
        ]
        if len(candidates) == 1:
            return load_exercise(candidates[0])
        return cls.discover(extra).get(exercise_id)  # an unknown id, or a clash: say which

    def check_prerequisites(self) -> None:
        for exercise in self:
            unknown = [r for r in exercise.requires if r not in self.exercises]
            if unknown:
                raise LstmQuizError(
                    f"{exercise.path / 'exercise.yaml'}: requires unknown exercise(s) {', '.join(unknown)}"
                )

    def get(self, exercise_id: str) -> Exercise:
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise UsageError(
                f"unknown exercise '{exercise_id}': {did_you_mean(exercise_id, list(self.exercises))}"
            ) from None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.exercises.values())


def _exercise_folders(root: Path) -> list[Path]:
    """``root`` itself when it is one exercise, else its sub-folders with an exercise.yaml."""
    if (root / "exercise.yaml").is_file():
        return [root]
    return sorted(p.parent for p in root.glob("*/exercise.yaml"))
