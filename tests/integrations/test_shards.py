"""`grade --shard K/N` and `grade merge`: N shards merged give exactly the one-run results."""

from __future__ import annotations

import csv
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_quiz.errors import UsageError
from lstm_quiz.grading.batch import Submission
from lstm_quiz.integrations.shards import Shard, parse_shard, select_shard

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "tests" / "data" / "solutions" / "lstm_cell"
# Fast ones: the timing of loops and memory hogs is the batch tests' business.
SLOW = ("infinite_loop", "memory_hog", "spawns_process")
VERDICT_FIELDS = (
    "student",
    "verdict",
    "tests_passed",
    "tests_total",
    "first_failure",
    "diagnosis",
    "timed_out",
)


def lstm_quiz(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lstm_quiz", *args], capture_output=True, text=True, timeout=300
    )


def test_parse_shard() -> None:
    assert parse_shard("2/4") == Shard(2, 4)
    assert parse_shard(" 1 / 1 ") == Shard(1, 1)
    for bad in ("0/4", "5/4", "2", "a/b", "1/0", "-1/3"):
        with pytest.raises(UsageError):
            parse_shard(bad)


def test_shards_partition_the_class_whatever_the_order() -> None:
    names = [f"student{i:03}" for i in range(41)]
    submissions = [Submission(n, Path(f"{n}.py")) for n in names]
    shuffled = submissions[:]
    random.Random(7).shuffle(shuffled)
    shares = [select_shard(submissions, Shard(k, 4)) for k in range(1, 5)]
    assert shares == [select_shard(shuffled, Shard(k, 4)) for k in range(1, 5)]
    seen = [s.name for share in shares for s in share]
    assert sorted(seen) == names  # every student once
    assert sorted(len(share) for share in shares) == [10, 10, 10, 11]
    assert select_shard(submissions, Shard(1, 1)) == sorted(submissions, key=lambda s: s.name)


@pytest.fixture(scope="module")
def klass(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("class")
    files = [p for p in sorted(SOLUTIONS.glob("*.py")) if not any(s in p.name for s in SLOW)]
    chosen = [p for p in files if p.name.startswith("pass_")] + [
        p for p in files if p.name.startswith("fail_")
    ][:10]
    for number, source in enumerate(chosen):
        shutil.copy(source, folder / f"s{number:02}_{source.stem}.py")
    return folder


def _rows(path: Path) -> list[tuple]:
    if path.suffix == ".json":
        rows = json.loads(path.read_text())["results"]
        return sorted(tuple(str(r[f]) for f in VERDICT_FIELDS) for r in rows)
    with path.open(encoding="utf-8-sig") as stream:
        return sorted(tuple(r[f] for f in VERDICT_FIELDS) for r in csv.DictReader(stream))


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_four_shards_merged_equal_one_run(klass: Path, tmp_path: Path, suffix: str) -> None:
    whole = tmp_path / f"whole{suffix}"
    done = lstm_quiz("grade", "lstm_cell", str(klass), "--out", str(whole), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    parts = []
    for k in range(1, 5):
        part = tmp_path / f"part{k}{suffix}"
        done = lstm_quiz(
            "grade", "lstm_cell", str(klass), "--shard", f"{k}/4", "--out", str(part), "--jobs", "1"
        )
        assert done.returncode == 0, done.stderr
        parts.append(part)
    sizes = [len(_rows(p)) for p in parts]
    assert sum(sizes) == len(_rows(whole)) and max(sizes) - min(sizes) <= 1
    merged = tmp_path / f"merged{suffix}"
    done = lstm_quiz("grade", "merge", str(merged), *map(str, parts))
    assert done.returncode == 0, done.stderr
    assert _rows(merged) == _rows(whole)
    assert {r[1] for r in _rows(whole)} == {"passed", "failed"}
    if suffix == ".json":
        whole_summary = json.loads(whole.read_text())["summary"]
        merged_data = json.loads(merged.read_text())
        assert merged_data["exercise"] == "lstm_cell"
        for key in ("submissions", "passed", "failed", "errors", "timed_out", "common_diagnoses"):
            assert merged_data["summary"][key] == whole_summary[key], key


def test_merge_refuses_overlaps_and_mixed_exercises(klass: Path, tmp_path: Path) -> None:
    part = tmp_path / "part1.json"
    assert (
        lstm_quiz("grade", "lstm_cell", str(klass), "--shard", "1/3", "--out", str(part)).returncode
        == 0
    )
    copy = tmp_path / "copy.json"
    shutil.copy(part, copy)
    overlap = lstm_quiz("grade", "merge", str(tmp_path / "out.json"), str(part), str(copy))
    assert overlap.returncode == 2 and "is in two parts" in overlap.stderr
    other = json.loads(part.read_text())
    other["exercise"] = "gru_cell"
    other["results"] = [{**r, "student": "zz_" + r["student"]} for r in other["results"]]
    (tmp_path / "gru.json").write_text(json.dumps(other))
    mixed = lstm_quiz(
        "grade", "merge", str(tmp_path / "out.json"), str(part), str(tmp_path / "gru.json")
    )
    assert mixed.returncode == 2 and "different exercises: gru_cell, lstm_cell" in mixed.stderr
    assert not (tmp_path / "out.json").exists()
    alone = lstm_quiz("grade", "merge", str(tmp_path / "out.json"))
    assert alone.returncode == 2 and "usage: lstm-quiz grade merge OUT PART" in alone.stderr
    bad = lstm_quiz("grade", "lstm_cell", str(klass), "--shard", "5/4")
    assert bad.returncode == 2 and "K must be between 1 and N" in bad.stderr
