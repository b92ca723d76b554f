"""Hostile submissions graded by the real CLI: nothing wrong accepted, nothing left behind.

Each file in tests/data/solutions/hostile/lstm_cell/ attacks the grader one
way (see its first line). Graded with `lstm-quiz check` and `lstm-quiz grade`
in a subprocess, sealed (bubblewrap) and with weak isolation, each must fail,
print no traceback, end within its limits, and leave no process, no SysV IPC
object and no file outside its box. CI runs this module as root and as an
ordinary user.
"""

from __future__ import annotations

import csv
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from lstm_quiz.grading.sealing import bwrap_path

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "solutions" / "hostile" / "lstm_cell"
CORRECT = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "solutions"
    / "lstm_cell"
    / "pass_naive_sigmoid.py"
)
MISTAKE = (
    Path(__file__).resolve().parents[2]
    / "exercises"
    / "lstm_cell"
    / "mistakes"
    / "gate_order_ifog.py"
)
REFERENCE = Path(__file__).resolve().parents[2] / "exercises" / "lstm_cell" / "reference.py"
CANARY = Path(f"/tmp/lstm-quiz-canary-{os.getuid()}")  # the hostile file tries them all
SHM_KEY = 0x4C51
ANSWER_GLOBS = [
    "/tmp/lstm-quiz-answer-*",
    "/dev/shm/lstm-quiz-answer-*",
    "/var/tmp/lstm-quiz-answer-*",
]

sealed_available = bwrap_path() is not None
MODES = ["sealed", "weak"] if sealed_available else ["weak"]
# The writers are correct solutions that also leave state behind (for the readers).
HOSTILE_FILES = sorted(p for p in HOSTILE.glob("*.py") if not p.stem.endswith("_writer"))


def mode_env(mode: str, tag: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LSTM_QUIZ_")}
    env["LSTM_QUIZ_JOB_TAG"] = tag
    env["LSTM_QUIZ_CACHE_DIR"] = "off"
    if mode == "weak":
        env["LSTM_QUIZ_BWRAP"] = "/nonexistent/bwrap"
    return env


def lstm_quiz(
    *args: str, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lstm_quiz", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        errors="replace",
    )


def processes_tagged(tag: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if tag.encode() in cmdline:
                found.append(int(entry))
    return found


def shm_keys() -> set[int]:
    try:
        lines = Path("/proc/sysvipc/shm").read_text().splitlines()[1:]
    except OSError:
        return set()
    return {int(line.split()[0]) for line in lines if line.split()}


def answers_left() -> list[str]:
    import glob

    found = [p for pattern in ANSWER_GLOBS for p in glob.glob(pattern)]
    home = Path.home()
    return found + [str(p) for p in home.glob("lstm-quiz-answer-*")]


@pytest.fixture()
def canary():
    CANARY.write_text("canary")
    os.chmod(CANARY, 0o600)
    before = os.stat(CANARY)
    yield before
    after = os.stat(CANARY)
    assert (after.st_mode, after.st_uid, after.st_mtime_ns) == (
        before.st_mode,
        before.st_uid,
        before.st_mtime_ns,
    )
    try:
        assert not os.listxattr(CANARY)
    except OSError:
        pass


def assert_nothing_left(tag: str) -> None:
    deadline = time.monotonic() + 3
    while processes_tagged(tag) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_tagged(tag) == [], "processes outlived the grader"
    assert SHM_KEY not in shm_keys(), "a SysV shared memory segment outlived its run"
    assert answers_left() == [], "a run left files outside its box"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", HOSTILE_FILES, ids=[p.stem for p in HOSTILE_FILES])
def test_hostile_file_fails_cleanly(path: Path, mode: str) -> None:
    tag = f"hostile-{uuid.uuid4().hex}"
    started = time.monotonic()
    done = lstm_quiz("check", "lstm_cell", str(path), "--json", env=mode_env(mode, tag))
    elapsed = time.monotonic() - started
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    result = json.loads(done.stdout)
    assert result["passed"] is False
    assert result["isolation"] == mode
    text = json.dumps(result, ensure_ascii=False)
    assert "\x1b" not in text and "\\u001b" not in text, "an escape sequence reached the result"
    # One call limit (5 s) for a looping file, the import limit, and start-up.
    assert elapsed < 20, f"took {elapsed:.1f} s"
    assert_nothing_left(tag)


@pytest.mark.parametrize("mode", MODES)
def test_files_outside_the_box_keep_their_metadata(mode: str, canary) -> None:
    done = lstm_quiz(
        "check", "lstm_cell", str(HOSTILE / "changes_metadata.py"), env=mode_env(mode, "m")
    )
    assert done.returncode == 1


@pytest.mark.parametrize("mode", MODES)
def test_terminal_output_shows_escapes_as_text(mode: str) -> None:
    done = lstm_quiz(
        "check", "lstm_cell", str(HOSTILE / "terminal_escapes.py"), env=mode_env(mode, "t")
    )
    assert done.returncode == 1
    assert "\x1b" not in done.stdout and "\r" not in done.stdout and "\u202e" not in done.stdout
    assert re.match(r"0 passed, [1-9][0-9]* failed", done.stdout.rstrip().splitlines()[-1])
    assert "\\x1b[2J" in done.stdout  # shown, not obeyed


@pytest.mark.parametrize("mode", MODES)
def test_a_reply_of_millions_of_values_does_not_swell_the_grader(mode: str) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = lstm_quiz(
        "check", "lstm_cell", str(HOSTILE / "huge_reply.py"), "--json", env=mode_env(mode, "r")
    )
    assert done.returncode == 1
    peak_mib = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) >> 10
    assert peak_mib < 600, f"peak {peak_mib} MiB"


@pytest.mark.parametrize(
    "writer,reader", [("shm_writer.py", "shm_reader.py"), ("file_writer.py", "file_reader.py")]
)
@pytest.mark.parametrize("mode", MODES)
def test_no_state_passes_from_one_run_to_the_next(
    writer: str, reader: str, mode: str, tmp_path: Path
) -> None:
    tag = f"state-{uuid.uuid4().hex}"
    env = mode_env(mode, tag)
    # check, one after the other
    assert lstm_quiz("check", "lstm_cell", str(HOSTILE / writer), env=env).returncode == 0
    assert lstm_quiz("check", "lstm_cell", str(HOSTILE / reader), env=env).returncode == 1
    # grade: one worker, one fork server, the writer graded first
    for name in (writer, reader):
        shutil.copy(HOSTILE / name, tmp_path / name)
    out = tmp_path / "grades.csv"
    flags = ["--allow-weak-isolation"] if mode == "weak" else []
    done = lstm_quiz(
        "grade", "lstm_cell", str(tmp_path), "-j", "1", "--out", str(out), *flags, env=env
    )
    assert done.returncode == 0, done.stderr
    verdicts = {
        row["student"]: row["verdict"] for row in csv.DictReader(out.open(encoding="utf-8-sig"))
    }
    assert verdicts == {Path(writer).stem: "passed", Path(reader).stem: "failed"}
    assert_nothing_left(tag)


@pytest.mark.parametrize("mode", MODES)
def test_hostile_files_in_a_class_change_no_honest_verdict(mode: str, tmp_path: Path) -> None:
    honest = {f"honest_right_{n}": CORRECT for n in range(3)} | {
        f"honest_wrong_{n}": MISTAKE for n in range(2)
    }
    hostile = ["kill_everything", "process_escape", "stops_itself", "fills_disk", "lone_surrogate",
               "terminal_escapes", "huge_names", "replaces_its_files"]  # fmt: skip
    for name, source in honest.items():
        shutil.copy(source, tmp_path / f"{name}.py")
    for name in hostile:
        shutil.copy(HOSTILE / f"{name}.py", tmp_path / f"{name}.py")
    (tmp_path / "links_to_reference.py").symlink_to(REFERENCE)
    out = tmp_path / "grades.csv"
    tag = f"class-{uuid.uuid4().hex}"
    flags = ["--allow-weak-isolation"] if mode == "weak" else []
    done = lstm_quiz(
        "grade",
        "lstm_cell",
        str(tmp_path),
        "-j",
        "2",
        "--out",
        str(out),
        *flags,
        env=mode_env(mode, tag),
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    rows = {row["student"]: row for row in csv.DictReader(out.open(encoding="utf-8-sig"))}
    assert set(rows) == set(honest) | set(hostile) | {"links_to_reference"}
    for name in honest:
        want = "passed" if "right" in name else "failed"
        assert rows[name]["verdict"] == want, rows[name]
    for name in [*hostile, "links_to_reference"]:
        assert rows[name]["verdict"] != "passed", rows[name]
    assert all(row["isolation"] == mode for row in rows.values())
    assert_nothing_left(tag)


def test_source_is_read_the_way_python_reads_it(tmp_path: Path) -> None:
    source = CORRECT.read_bytes()
    (tmp_path / "bom.py").write_bytes(b"\xef\xbb\xbf" + source)
    (tmp_path / "latin1_declared.py").write_bytes(
        b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + source
    )
    (tmp_path / "latin1_undeclared.py").write_bytes(b'NAME = "caf\xe9"\n' + source)
    env = mode_env(MODES[0], "src")
    assert lstm_quiz("check", "lstm_cell", str(tmp_path / "bom.py"), env=env).returncode == 0
    assert (
        lstm_quiz("check", "lstm_cell", str(tmp_path / "latin1_declared.py"), env=env).returncode
        == 0
    )
    refused = lstm_quiz(
        "check", "lstm_cell", str(tmp_path / "latin1_undeclared.py"), "--json", env=env
    )
    assert refused.returncode == 1
    # Python's own import refuses it with this message (a Latin-1 byte in a comment it would accept).
    assert "can't decode byte 0xe9" in json.loads(refused.stdout)["solution_error"]


def test_a_symlinked_solution_is_not_followed(tmp_path: Path) -> None:
    link = tmp_path / "solution.py"
    link.symlink_to(REFERENCE)
    done = lstm_quiz("check", "lstm_cell", str(link), "--json", env=mode_env(MODES[0], "link"))
    assert done.returncode == 1
    assert "symbolic link" in json.loads(done.stdout)["solution_error"]


def test_grade_refuses_weak_isolation_unless_told(tmp_path: Path) -> None:
    shutil.copy(CORRECT, tmp_path / "a.py")
    env = mode_env("weak", "refuse")
    refused = lstm_quiz("grade", "lstm_cell", str(tmp_path), env=env)
    assert refused.returncode == 2
    assert "weak isolation" in refused.stderr and "--allow-weak-isolation" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    allowed = lstm_quiz(
        "grade", "lstm_cell", str(tmp_path), "--allow-weak-isolation", "--json", env=env
    )
    assert allowed.returncode == 0
    assert json.loads(allowed.stdout)["results"][0]["isolation"] == "weak"


def test_check_says_when_isolation_is_weak() -> None:
    done = lstm_quiz("check", "lstm_cell", str(CORRECT), env=mode_env("weak", "says"))
    assert done.returncode == 0
    assert "weak isolation:" in done.stderr and "bubblewrap" in done.stderr
