"""The grading path loads neither torch nor Textual; --help loads almost nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def modules_after(code: str) -> set[str]:
    script = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_grading_a_solution_imports_no_torch_and_no_textual() -> None:
    code = f"""
import io, contextlib
from lstm_quiz.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["check", "lstm_cell", {str(ROOT / "exercises" / "lstm_cell" / "reference.py")!r}])
"""
    loaded = modules_after(code)
    assert "lstm_quiz.grading.runner" in loaded  # it did grade
    assert not {m for m in loaded if m.split(".")[0] in ("torch", "textual", "rich")}


def test_core_packages_import_without_ui_or_torch() -> None:
    loaded = modules_after(
        "import lstm_quiz.grading.runner, lstm_quiz.grading.verify, lstm_quiz.exercises.registry"
    )
    assert not {m for m in loaded if m.split(".")[0] in ("torch", "textual", "rich")}


def test_help_imports_no_heavy_library() -> None:
    code = """
import io, contextlib
from lstm_quiz.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(["--help"])
    except SystemExit:
        pass
"""
    loaded = modules_after(code)
    heavy = {"numpy", "yaml", "pytest", "textual", "torch", "pydantic", "fsrs", "platformdirs"}
    assert not {m for m in loaded if m.split(".")[0] in heavy}
