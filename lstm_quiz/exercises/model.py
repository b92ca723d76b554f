"""The exercise model, read from `exercises/NAME/exercise.yaml`.

An exercise folder holds:
  exercise.yaml      id, titles, track, difficulty, time limit, limits, hints
  prompt.en.md       the task in English (and prompt.zh.md in Chinese)
  starter.py         what the learner starts from
  reference.py       a correct solution (NumPy), used by the hidden suite
  test_*.py          the hidden pytest suite
  mistakes/*.py      one classic bug per file; each must fail the suite
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lstm_quiz.errors import LstmQuizError

FRAMEWORKS = ("numpy", "torch")
_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Text:
    """A text in English and Chinese."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Track:
    """A group of exercises, taken in the order of TRACKS (then by each exercise's order)."""

    id: str
    label: Text


# In the order a candidate should take them: the mechanics by hand first, then the
# framework, then the models built from both.
TRACKS: tuple[Track, ...] = (
    Track("numpy", Text("NumPy from scratch", "NumPy 从零实现")),
    Track("pytorch", Text("PyTorch", "PyTorch 实现")),
    Track("applications", Text("Applications", "应用")),
)
TRACK_IDS = tuple(t.id for t in TRACKS)


def track(track_id: str) -> Track:
    return TRACKS[TRACK_IDS.index(track_id)]


@dataclass(frozen=True)
class Exercise:
    id: str
    title: Text
    difficulty: int  # 1 easy .. 3 hard
    time_limit_minutes: int
    functions: tuple[str, ...]  # the names the hidden suite calls
    framework: str  # numpy | torch
    path: Path
    order: int = 100
    requires: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    hints: tuple[Text, ...] = ()
    call_seconds: float = 5.0
    run_seconds: float = 30.0
    memory_mb: int = 2048
    harness_file: str | None = None  # trusted code run inside the sandbox, next to the solution
    track: str = "numpy"  # one of TRACK_IDS

    @property
    def track_rank(self) -> tuple[int, int, str]:
        """Where the exercise stands in the catalogue: its track's place, then its order."""
        return (TRACK_IDS.index(self.track), self.order, self.id)

    @property
    def starter(self) -> Path:
        return self.path / "starter.py"

    @property
    def reference(self) -> Path:
        return self.path / "reference.py"

    @property
    def harness(self) -> Path | None:
        return self.path / self.harness_file if self.harness_file else None

    @property
    def suites(self) -> list[Path]:
        return sorted(self.path.glob("test_*.py"))

    @property
    def mistakes(self) -> list[Path]:
        return sorted((self.path / "mistakes").glob("*.py"))

    def require_framework(self) -> None:
        """A one-line error when a torch exercise meets an environment without torch."""
        if self.framework == "torch":
            import importlib.util

            if importlib.util.find_spec("torch") is None:
                raise LstmQuizError(
                    f"exercise '{self.id}' needs PyTorch, which is not installed: "
                    "pip install 'lstm-quiz[torch]' (or pip install torch)"
                )

    def prompt(self, lang: str) -> str:
        for name in (f"prompt.{lang}.md", "prompt.en.md"):
            candidate = self.path / name
            if candidate.is_file():
                return candidate.read_text(encoding="utf-8")
        return ""


class ExerciseFormatError(LstmQuizError):
    pass


def _text(value: Any, where: str) -> Text:
    if isinstance(value, str):
        return Text(value, value)
    if (
        isinstance(value, dict)
        and isinstance(value.get("en"), str)
        and isinstance(value.get("zh"), str)
    ):
        return Text(value["en"], value["zh"])
    raise ExerciseFormatError(f"{where}: expected a text with 'en' and 'zh'")


def load_exercise(folder: Path) -> Exercise:
    """Read and check one exercise folder; errors name the file and the field."""
    import yaml

    meta_path = folder / "exercise.yaml"
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(meta_path.read_text(encoding="utf-8"), Loader=loader)
    except OSError as error:
        raise ExerciseFormatError(f"{meta_path}: cannot read ({error.strerror})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ExerciseFormatError(
            f"{meta_path}{line}: invalid YAML ({getattr(error, 'problem', error)})"
        ) from None
    if not isinstance(data, dict):
        raise ExerciseFormatError(f"{meta_path}: expected a mapping of fields")

    def field_(name: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if name not in data:
            if default is ...:
                raise ExerciseFormatError(f"{meta_path}: missing field '{name}'")
            return default
        value = data[name]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise ExerciseFormatError(
                f"{meta_path}: field '{name}' has the wrong type ({type(value).__name__})"
            )
        return value

    known = {
        "id",
        "title",
        "difficulty",
        "time_limit_minutes",
        "functions",
        "framework",
        "order",
        "requires",
        "tags",
        "hints",
        "limits",
        "harness",
        "track",
    }
    unknown = sorted(set(data) - known)
    if unknown:
        raise ExerciseFormatError(
            f"{meta_path}: unknown field(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )
    exercise_id = field_("id", str)
    if not _ID_PATTERN.match(exercise_id) or exercise_id != folder.name:
        raise ExerciseFormatError(
            f"{meta_path}: id '{exercise_id}' must be lowercase letters, digits and _ and equal the folder name '{folder.name}'"
        )
    difficulty = field_("difficulty", int)
    if difficulty not in (1, 2, 3):
        raise ExerciseFormatError(f"{meta_path}: difficulty must be 1, 2 or 3, not {difficulty}")
    framework = field_("framework", str, "numpy")
    if framework not in FRAMEWORKS:
        raise ExerciseFormatError(f"{meta_path}: framework must be one of {', '.join(FRAMEWORKS)}")
    functions = field_("functions", list)
    if not functions or not all(isinstance(f, str) and f.isidentifier() for f in functions):
        raise ExerciseFormatError(
            f"{meta_path}: functions must be a non-empty list of function names"
        )
    # A torch exercise without a track belongs with the PyTorch ones, any other with NumPy.
    track_id = field_("track", str, "pytorch" if framework == "torch" else "numpy")
    if track_id not in TRACK_IDS:
        raise ExerciseFormatError(
            f"{meta_path}: track '{track_id}' is not one of {', '.join(TRACK_IDS)}"
        )
    limits = field_("limits", dict, {})
    hints = tuple(
        _text(h, f"{meta_path}: hints[{i}]") for i, h in enumerate(field_("hints", list, []))
    )
    return Exercise(
        id=exercise_id,
        title=_text(field_("title", (dict, str)), f"{meta_path}: title"),
        difficulty=difficulty,
        time_limit_minutes=field_("time_limit_minutes", int),
        functions=tuple(functions),
        framework=framework,
        path=folder.resolve(),
        order=field_("order", int, 100),
        requires=tuple(field_("requires", list, [])),
        tags=tuple(field_("tags", list, [])),
        hints=hints,
        call_seconds=float(limits.get("call_seconds", 5.0)),
        run_seconds=float(limits.get("run_seconds", 30.0)),
        memory_mb=int(limits.get("memory_mb", 2048)),
        harness_file=_harness_file(field_("harness", str, ""), folder, meta_path),
        track=track_id,
    )


def _harness_file(name: str, folder: Path, meta_path: Path) -> str | None:
    if not name:
        return None
    if not (folder / name).is_file():
        raise ExerciseFormatError(f"{meta_path}: harness file '{name}' not found in {folder}")
    return name
