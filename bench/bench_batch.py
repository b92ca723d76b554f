"""Batch grading throughput: submissions per second with one job and with every core.

    python bench/bench_batch.py [--count 200] [--runs 3]

Generates a class of `count` lstm_cell submissions (correct files of several
styles and every known mistake, in turn) plus a few looping ones, which are
timed apart: a loop costs its time limit, whatever the grader does. Reports
medians of `runs` runs and the speed-up of all cores over one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXERCISE = ROOT / "exercises" / "lstm_cell"
EXAMPLES = ROOT / "tests" / "data" / "solutions" / "lstm_cell"


def make_class(folder: Path, count: int) -> None:
    correct = [EXERCISE / "reference.py", *sorted(EXAMPLES.glob("pass_*.py"))]
    buggy = sorted((EXERCISE / "mistakes").glob("*.py"))
    for i in range(count):
        source = correct[i % len(correct)] if i % 2 == 0 else buggy[i % len(buggy)]
        shutil.copy(source, folder / f"student{i:03d}.py")


def grade(folder: Path, jobs: int) -> float:
    cli = Path(sys.executable).with_name("lstm-quiz")
    command = [
        str(cli) if cli.exists() else sys.executable,
        *([] if cli.exists() else ["-m", "lstm_quiz"]),
    ]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "grade", "lstm_cell", str(folder), "--jobs", str(jobs), "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"grade exited {done.returncode}: {done.stderr}")
    return time.perf_counter() - started


def main() -> None:
    # As on a user's machine: modules compiled once, then read from __pycache__
    # (this sandbox sets PYTHONDONTWRITEBYTECODE, which recompiles every module on
    # every start and would charge lstm-quiz's ~150 modules against bare floors).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    print(
        f"{cores} cores; {args.count} submissions (half correct, half with a known mistake); median of {args.runs}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        folder.mkdir()
        make_class(folder, args.count)
        rates = {}
        for jobs in (1, cores):
            times = [grade(folder, jobs) for _ in range(args.runs)]
            seconds = statistics.median(times)
            rates[jobs] = args.count / seconds
            print(f"--jobs {jobs}: {seconds:6.2f} s   {rates[jobs]:6.1f} submissions/s")
        print(f"speed-up with {cores} jobs: {rates[cores] / rates[1]:.2f}x")
        loops = Path(tmp) / "loops"
        loops.mkdir()
        for i in range(cores):
            shutil.copy(EXAMPLES / "fail_infinite_loop.py", loops / f"looper{i}.py")
        seconds = grade(loops, cores)
        print(
            f"{cores} looping submissions with {cores} jobs: {seconds:.1f} s (each costs two 5 s call limits)"
        )


if __name__ == "__main__":
    main()
