"""`lstm-quiz exercise NAME --watch` as a person uses it: save, see the verdict, pass."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class _Lines:
    """The process's stdout, read as it comes, so each step waits for its verdict (no sleeps)."""

    def __init__(self, stream) -> None:  # type: ignore[no-untyped-def]
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:  # type: ignore[no-untyped-def]
        for line in stream:
            self.lines.append(line.rstrip("\n"))

    def verdicts(self) -> list[str]:
        return [line for line in self.lines if line.endswith(" failed") and "passed" in line]

    def wait_for(self, predicate, what: str, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while not predicate():
            assert time.monotonic() < deadline, (
                f"waited for {what}; output so far: {self.lines[-20:]}"
            )
            time.sleep(0.05)

    def text(self) -> str:
        self._thread.join(timeout=10)
        return "\n".join(self.lines)


def test_watch_grades_each_save_and_ends_on_a_pass(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    process = subprocess.Popen(
        [sys.executable, "-m", "lstm_quiz", "exercise", "lstm_cell", "--watch",
         "--workspace", str(workspace), "--data-dir", str(tmp_path / "data")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    out = _Lines(process.stdout)
    out.wait_for(lambda: len(out.verdicts()) >= 1, "the starter's verdict")
    shutil.copy(
        ROOT / "exercises" / "lstm_cell" / "mistakes" / "returns_c_h.py", workspace / "solution.py"
    )
    out.wait_for(lambda: len(out.verdicts()) >= 2, "the mistake's verdict")
    process.stdin.write("h\n")
    process.stdin.flush()
    out.wait_for(lambda: any(line.startswith("hint 1/3:") for line in out.lines), "the hint")
    shutil.copy(ROOT / "exercises" / "lstm_cell" / "reference.py", workspace / "solution.py")
    process.wait(timeout=60)
    stdout = out.text()
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    assert out.verdicts() == ["0 passed, 10 failed", "2 passed, 8 failed", "10 passed, 0 failed"]
    assert "you returned (c, h)" in stdout
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
    from lstm_quiz.coding.watch_loop import plain

    shown = plain("Split `z` in order **i, f, g, o**:\n```python\nc = f * c_prev\n```\n")
    assert shown == "Split z in order i, f, g, o:\n\nc = f * c_prev"
