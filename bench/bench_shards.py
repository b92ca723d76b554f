"""A job array's cost: one `grade` run against N `--shard K/N` runs and a `grade merge`.

    python bench/bench_shards.py [--count 200] [--shards 4] [--runs 3]

The class is bench_batch's (half correct, half known mistakes). The shards
run one after another here; on a scheduler they run side by side, so the
array's wall time is its slowest shard plus the merge. Also checks that the
merged results equal the single run's, row for row.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_batch import make_class


def lstm_quiz(*args: str) -> float:
    cli = Path(sys.executable).with_name("lstm-quiz")
    command = [str(cli)] if cli.exists() else [sys.executable, "-m", "lstm_quiz"]
    started = time.perf_counter()
    done = subprocess.run([*command, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"lstm-quiz {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return time.perf_counter() - started


def verdicts(path: Path) -> list[tuple[str, str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    return sorted((r["student"], r["verdict"], r["tests_passed"]) for r in rows)


def main() -> None:
    # As on a user's machine: modules compiled once, then read from __pycache__
    # (this sandbox sets PYTHONDONTWRITEBYTECODE, which recompiles every module on
    # every start and would charge lstm-quiz's ~150 modules against bare floors).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    n = args.shards
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "class"
        folder.mkdir()
        make_class(folder, args.count)
        single, slowest, total, merge = [], [], [], []
        for run in range(args.runs):
            one = root / f"one{run}.csv"
            single.append(lstm_quiz("grade", "lstm_cell", str(folder), "--out", str(one)))
            parts = [root / f"part{run}-{k}.csv" for k in range(1, n + 1)]
            times = [
                lstm_quiz("grade", "lstm_cell", str(folder), "--shard", f"{k}/{n}", "--out", str(p))
                for k, p in enumerate(parts, start=1)
            ]
            merged = root / f"merged{run}.csv"
            merge.append(lstm_quiz("grade", "merge", str(merged), *map(str, parts)))
            if verdicts(merged) != verdicts(one):
                raise SystemExit("the merged shards differ from the single run")
            slowest.append(max(times))
            total.append(sum(times))
        one_s, slow_s, sum_s, merge_s = (
            statistics.median(x) for x in (single, slowest, total, merge)
        )
        print(f"{args.count} lstm_cell submissions, median of {args.runs}; merged == single run")
        print(f"one run (all cores)            {one_s:6.2f} s   {args.count / one_s:6.1f}/s")
        print(f"{n} shards, slowest + merge      {slow_s + merge_s:6.2f} s   (side by side)")
        print(f"{n} shards, one after another    {sum_s:6.2f} s   overhead {sum_s / one_s:.2f}x")
        print(f"grade merge                    {merge_s:6.2f} s")


if __name__ == "__main__":
    main()
