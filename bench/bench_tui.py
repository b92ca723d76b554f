"""The practice app's start-up and memory, as ratios to a bare Textual app measured in the same run.

    python bench/bench_tui.py [--runs 7] [--json]

Each app runs in a real pseudo-terminal (100x30) and is timed from its start
until a marker of its first screen has been written to the terminal:
  lstm-quiz practice: home screen ("Learn new")   vs  a bare Textual app with one Label
  then: a key on the home screen (pressed 1 s after it appeared) to the first question
and, once the home screen is up, the app's resident memory (VmRSS, VmHWM)
and whether torch is loaded (it must never be). Targets: first screen within
1.5x of the bare app, under 120 MiB. Not a test: the numbers go in notes.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

SIZE = (100, 30)  # columns, rows
READING_SECONDS = 1.0  # on the home screen, before "Learn new" is pressed
BARE_APP = """
from textual.app import App
from textual.widgets import Label


class Bare(App):
    def compose(self):
        yield Label("bare-app-ready")


Bare().run()
"""
# Textual draws with escape sequences; comparing the text without them finds a marker.
_ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


@dataclass
class Shown:
    seconds: float  # from start to the marker on the terminal
    rss_mib: float = 0.0
    hwm_mib: float = 0.0
    torch_loaded: bool = False
    key_to_marker: float = 0.0  # after pressing `key`, until `then` is on the terminal


class Terminal:
    """A program in a pseudo-terminal, read until a marker appears."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.seen = b""

    def wait_for(self, marker: str, timeout: float = 30.0) -> float:
        """Seconds from `since` (the start) until `marker` is on the terminal."""
        deadline = time.perf_counter() + timeout
        wanted = marker.encode()
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.01)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    break  # the program ended
                self.seen += chunk
                if wanted in _ESCAPES.sub(b"", self.seen):
                    return time.perf_counter()
        tail = _ESCAPES.sub(b"", self.seen)[-300:].decode(errors="replace")
        raise SystemExit(f"'{marker}' never appeared; the terminal ended with: {tail!r}")

    def press(self, key: str) -> float:
        self.seen = b""
        pressed = time.perf_counter()
        os.write(self.master, key.encode())
        return pressed

    def memory(self) -> tuple[float, float, bool]:
        """(VmRSS MiB, VmHWM MiB, torch loaded) of the program."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss = int(fields["VmRSS"].split()[0]) / 1024
        hwm = int(fields["VmHWM"].split()[0]) / 1024
        maps = Path(f"/proc/{self.process.pid}/maps").read_text()
        return rss, hwm, "torch" in maps

    def close(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        os.close(self.master)


def run_bare(script: Path, env: dict[str, str]) -> Shown:
    terminal = Terminal([sys.executable, str(script)], env)
    try:
        return Shown(terminal.wait_for("bare-app-ready") - terminal.started)
    finally:
        terminal.close()


def run_practice(command: list[str], env: dict[str, str]) -> Shown:
    with tempfile.TemporaryDirectory() as data:
        terminal = Terminal([*command, "practice", "--data-dir", data, "--lang", "en"], env)
        try:
            shown = Shown(terminal.wait_for("Learn new") - terminal.started)
            shown.rss_mib, shown.hwm_mib, shown.torch_loaded = terminal.memory()
            time.sleep(READING_SECONDS)  # nobody presses a key the instant the screen appears
            pressed = terminal.press("n")  # Learn new
            shown.key_to_marker = terminal.wait_for("End session") - pressed  # the question footer
            return shown
        finally:
            terminal.close()


def lstm_quiz_command() -> list[str]:
    script = Path(sys.executable).with_name("lstm-quiz")
    return [str(script)] if script.exists() else [sys.executable, "-m", "lstm_quiz"]


def main() -> int:
    # As on a user's machine: modules compiled once, then read from __pycache__
    # (this sandbox sets PYTHONDONTWRITEBYTECODE, which recompiles every module on
    # every start and would charge lstm-quiz's ~150 modules against bare floors).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the medians as JSON")
    args = parser.parse_args()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(SIZE[0]), "LINES": str(SIZE[1])}
    env.pop("LSTM_QUIZ_DATA_DIR", None)
    command = lstm_quiz_command()
    bare_runs: list[Shown] = []
    practice_runs: list[Shown] = []
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "bare_app.py"
        script.write_text(BARE_APP)
        run_bare(script, env)  # warm the disk cache for both, untimed
        run_practice(command, env)
        for _ in range(args.runs):  # alternated, so machine noise hits both
            bare_runs.append(run_bare(script, env))
            practice_runs.append(run_practice(command, env))

    def median(values: list[float]) -> float:
        return statistics.median(values)

    bare = median([r.seconds for r in bare_runs])
    first = median([r.seconds for r in practice_runs])
    question = median([r.key_to_marker for r in practice_runs])
    rss = median([r.rss_mib for r in practice_runs])
    hwm = max(r.hwm_mib for r in practice_runs)
    torch = any(r.torch_loaded for r in practice_runs)
    result = {
        "runs": args.runs,
        "bare_app_first_screen_ms": round(bare * 1000, 1),
        "practice_first_screen_ms": round(first * 1000, 1),
        "ratio": round(first / bare, 2),
        "key_to_first_question_ms": round(question * 1000, 1),
        "rss_mib": round(rss, 1),
        "peak_rss_mib": round(hwm, 1),
        "torch_loaded": torch,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, median of {args.runs} runs")
    print()
    print(
        f"practice: home screen      {first * 1000:7.1f} ms   "
        f"bare Textual app {bare * 1000:7.1f} ms   ratio {first / bare:.2f}x (target 1.5x)"
    )
    print(f"home -> first question     {question * 1000:7.1f} ms")
    print(
        f"memory on the home screen  {rss:7.1f} MiB RSS (peak {hwm:.1f} MiB; target < 120), "
        f"torch {'LOADED' if torch else 'not loaded'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
