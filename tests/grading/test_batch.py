"""Batch grading: finding submissions, independent verdicts, output files, Ctrl-C."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lstm_quiz.errors import UsageError
from lstm_quiz.grading.batch import collect_submissions, grade_submissions, summarize, write_results

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "exercises" / "lstm_cell" / "reference.py"
EXAMPLES = ROOT / "tests" / "data" / "solutions" / "lstm_cell"


def test_collects_files_and_student_folders(tmp_path: Path) -> None:
    shutil.copy(REFERENCE, tmp_path / "ann.py")
    (tmp_path / "bob").mkdir()
    shutil.copy(REFERENCE, tmp_path / "bob" / "solution.py")
    (tmp_path / "bob" / "notes.py").write_text("")
    (tmp_path / "cid").mkdir()
    shutil.copy(REFERENCE, tmp_path / "cid" / "whatever.py")
    (tmp_path / "dan").mkdir()
    (tmp_path / "__pycache__").mkdir()
    found = {s.name: s for s in collect_submissions([tmp_path], "lstm_cell")}
    assert sorted(found) == ["ann", "bob", "cid", "dan"]
    assert found["bob"].path == tmp_path / "bob" / "solution.py"
    assert found["cid"].path == tmp_path / "cid" / "whatever.py"
    assert found["dan"].path is None and found["dan"].problem == "the folder holds no .py file"


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        collect_submissions([tmp_path / "nope"], "lstm_cell")


def test_bad_submissions_do_not_affect_good_ones(tmp_path: Path, registry) -> None:
    names = {
        "good": REFERENCE,
        "looper": EXAMPLES / "fail_infinite_loop.py",
        "exits": EXAMPLES / "fail_os_exit_at_import.py",
        "hog": EXAMPLES / "fail_memory_hog.py",
        "patcher": EXAMPLES / "fail_monkeypatches_numpy.py",
        "good2": EXAMPLES / "pass_float32.py",
    }
    for name, source in names.items():
        shutil.copy(source, tmp_path / f"{name}.py")
    submissions = collect_submissions([tmp_path], "lstm_cell")
    results = dict(grade_submissions(registry.get("lstm_cell"), submissions, jobs=2))
    verdicts = {submissions[i].name: r.verdict for i, r in results.items()}
    assert verdicts == {
        "exits": "failed",
        "good": "passed",
        "good2": "passed",
        "hog": "failed",
        "looper": "failed",
        "patcher": "failed",
    }
    by_name = {submissions[i].name: r for i, r in results.items()}
    assert by_name["looper"].timed_out and not by_name["good"].timed_out


def test_csv_opens_as_a_table(tmp_path: Path, registry) -> None:
    shutil.copy(REFERENCE, tmp_path / "ann.py")
    shutil.copy(
        ROOT / "exercises" / "lstm_cell" / "mistakes" / "returns_c_h.py", tmp_path / "bob.py"
    )
    submissions = collect_submissions([tmp_path], "lstm_cell")
    results = [
        r for _, r in sorted(grade_submissions(registry.get("lstm_cell"), submissions, jobs=1))
    ]
    out = tmp_path / "grades.csv"
    write_results(out, results, summarize(results, 1.0))
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [(r["student"], r["verdict"]) for r in rows] == [("ann", "passed"), ("bob", "failed")]
    assert rows[0]["tests_passed"] == rows[0]["tests_total"] == str(results[0].tests_total)
    assert 0 < int(rows[1]["tests_passed"]) < int(rows[1]["tests_total"])
    assert "swapped" in rows[1]["diagnosis"]


def test_ctrl_c_stops_cleanly_and_writes_what_it_has(tmp_path: Path) -> None:
    submissions = tmp_path / "class"
    submissions.mkdir()
    shutil.copy(REFERENCE, submissions / "a_good.py")
    for i in range(6):
        shutil.copy(EXAMPLES / "fail_infinite_loop.py", submissions / f"loop{i}.py")
    out = tmp_path / "grades.json"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lstm_quiz",
            "grade",
            "lstm_cell",
            str(submissions),
            "--jobs",
            "2",
            "--out",
            str(out),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(4)
    spawned = descendants(process.pid)  # pool workers, their fork servers, the runs
    assert len(spawned) >= 4
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: the whole foreground group
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    data = json.loads(out.read_text())
    assert 1 <= len(data["results"]) < 7
    time.sleep(0.5)
    assert not [pid for pid in spawned if alive(pid)], "processes left behind"


def parent_of(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))


def descendants(root: int) -> set[int]:
    pids = {int(p) for p in os.listdir("/proc") if p.isdigit()}
    found = {root}
    changed = True
    while changed:
        changed = False
        for pid in pids - found:
            if parent_of(pid) in found:
                found.add(pid)
                changed = True
    return found - {root}


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
