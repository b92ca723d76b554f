"""The apps as a user starts them: a real process in a pseudo-terminal, keys typed, exit codes."""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

_ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


class Terminal:
    """`python -m lstm_quiz ARGS` in a 100x30 pseudo-terminal."""

    def __init__(self, *args: str, env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lstm_quiz", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**os.environ, **env, "TERM": "xterm-256color"},
            start_new_session=True,
        )
        os.close(slave)
        self.seen = b""

    def wait_for(self, text: str, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if select.select([self.master], [], [], 0.05)[0]:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:
                    break
                if text.encode() in _ESCAPES.sub(b"", self.seen):
                    return
        shown = _ESCAPES.sub(b"", self.seen)[-400:].decode(errors="replace")
        raise AssertionError(f"{text!r} never appeared; the terminal showed: {shown!r}")

    def type(self, keys: str) -> None:
        time.sleep(0.3)  # as a person would: Textual reads an escape sequence at a time
        os.write(self.master, keys.encode())

    def exit_code(self, seconds: float = 15.0) -> int:
        deadline = time.monotonic() + seconds
        while self.process.poll() is None and time.monotonic() < deadline:
            if select.select([self.master], [], [], 0.05)[0]:
                try:
                    os.read(self.master, 65536)  # keep the terminal drained
                except OSError:
                    break
        return self.process.wait(timeout=max(0.1, deadline - time.monotonic()))

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        os.close(self.master)


@pytest.fixture
def terminal(tmp_path: Path):
    opened: list[Terminal] = []

    def start(*args: str) -> Terminal:
        term = Terminal(*args, "--data-dir", str(tmp_path / "data"), env={})
        opened.append(term)
        return term

    yield start
    for term in opened:
        term.close()


def test_practice_opens_on_the_home_screen_and_q_quits(terminal) -> None:  # type: ignore[no-untyped-def]
    app = terminal("practice", "--lang", "en")
    app.wait_for("Learn new")
    app.type("n")
    app.wait_for("End session")  # a question
    app.type("\x1b")  # escape: the session ends with a summary
    app.wait_for("Session summary")
    app.type("q")
    assert app.exit_code() == 0


def test_exercise_without_a_name_opens_the_picker(terminal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = terminal("exercise", "--lang", "en")
    app.wait_for("Coding exercises")
    app.type("\x1b[B")  # down: lstm_cell
    app.type("\r")
    app.wait_for("19:5")  # its countdown, from 20:00
    assert (tmp_path / "data" / "workspaces" / "lstm_cell" / "solution.py").is_file()
    app.type("q")
    assert app.exit_code() == 0  # browsing exercises is no failed check


def test_an_exercise_left_unpassed_exits_1(terminal) -> None:  # type: ignore[no-untyped-def]
    app = terminal("exercise", "stable_sigmoid", "--lang", "en")
    app.wait_for("0 passed")  # the starter, graded at once
    app.type("q")
    assert app.exit_code() == 1


def test_a_solution_pasted_into_the_editor_and_saved_passes(terminal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reference = Path(__file__).resolve().parents[2] / "exercises" / "lstm_cell" / "reference.py"
    app = terminal("exercise", "lstm_cell", "--lang", "en")
    app.wait_for("0 passed,")  # the starter; at 100 columns the task pane shows first
    app.type("\x0f")  # ctrl+o: the code pane
    app.wait_for("def lstm_cell(x, h_prev")
    app.type("\x01")  # ctrl+a: select all, so that the paste replaces the starter
    app.type("\x1b[200~" + reference.read_text() + "\x1b[201~")  # a bracketed paste
    app.type("\x13")  # ctrl+s
    app.wait_for("✓ passed")  # the pane bar: passed n/n
    saved = (tmp_path / "data" / "workspaces" / "lstm_cell" / "solution.py").read_text()
    assert saved == reference.read_text()
    app.type("\x1b")  # escape leaves the editor, a second one the screen
    app.type("\x1b")
    assert app.exit_code() == 0  # passed
