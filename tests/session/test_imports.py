"""The session core loads no Textual, Rich or torch; the TUI's entry point is cheap to import."""

from __future__ import annotations

import json
import subprocess
import sys


def modules_after(code: str) -> set[str]:
    script = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def roots(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_session_core_imports_no_ui_and_no_torch() -> None:
    loaded = modules_after("import lstm_quiz.session, lstm_quiz.session.report")
    assert "lstm_quiz.session.practice" in loaded
    assert not roots(loaded) & {"textual", "rich", "torch"}


def test_stats_command_imports_no_ui_and_no_torch(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = f"""
import io, contextlib
from lstm_quiz.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["stats", "--data-dir", {str(tmp_path)!r}]) == 0
"""
    loaded = modules_after(code)
    assert "lstm_quiz.session.report" in loaded
    assert not roots(loaded) & {"textual", "rich", "torch"}


def test_tui_launch_module_is_cheap_to_import() -> None:
    loaded = modules_after("import lstm_quiz.tui.launch")
    assert not roots(loaded) & {"textual", "rich", "torch", "yaml", "fsrs", "numpy"}
