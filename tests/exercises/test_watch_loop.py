"""`lstm-quiz exercise NAME --watch` as a person uses it: save, see the verdict, pass."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_watch_grades_each_save_and_ends_on_a_pass(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    process = subprocess.Popen(
        [sys.executable, "-m", "lstm_quiz", "exercise", "lstm_cell", "--watch",
         "--workspace", str(workspace), "--data-dir", str(tmp_path / "data")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )  # fmt: skip
    assert process.stdin is not None
    deadline = time.monotonic() + 30
    while not (workspace / "solution.py").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.5)  # the first verdict (the starter)
    shutil.copy(
        ROOT / "exercises" / "lstm_cell" / "mistakes" / "returns_c_h.py", workspace / "solution.py"
    )
    time.sleep(1.5)
    process.stdin.write("h\n")
    process.stdin.flush()
    time.sleep(0.5)
    shutil.copy(ROOT / "exercises" / "lstm_cell" / "reference.py", workspace / "solution.py")
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    verdicts = [
        line for line in stdout.splitlines() if line.endswith(" failed") and "passed" in line
    ]
    assert verdicts == ["0 passed, 10 failed", "2 passed, 8 failed", "10 passed, 0 failed"]
    assert "you returned (c, h)" in stdout
    assert "hint 1/3:" in stdout
    hint = stdout.split("hint 1/3:\n", 1)[1].split("\n\n", 1)[0]
    assert "z = x @ W_ih.T" in hint and "`" not in hint  # markdown shown as plain text
    assert "Passed in" in stdout and "def lstm_cell" in stdout  # the reference, after the pass


def test_quit_command_leaves_with_status_1(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lstm_quiz", "exercise", "lstm_cell", "--watch",
         "--workspace", str(tmp_path / "ws"), "--data-dir", str(tmp_path / "data")],
        input="q\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "0 passed, 10 failed" in done.stdout


def test_plain_drops_markdown_marks_but_keeps_the_code() -> None:
    from lstm_quiz.exercises.watch_loop import plain

    shown = plain("Split `z` in order **i, f, g, o**:\n```python\nc = f * c_prev\n```\n")
    assert shown == "Split z in order i, f, g, o:\n\nc = f * c_prev"
