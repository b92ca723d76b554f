"""Start-up and grading speed of the CLI, as ratios to floors measured in the same run.

    python bench/bench_cli.py [--runs 7]

Each target is timed alternately with its floor (so machine noise hits both)
and reported as the median of the runs:
  lstm-quiz --help                          vs  python -c pass
  lstm-quiz check lstm_cell <reference>     vs  python -c "import numpy, pytest"
  save -> verdict of a timed attempt        vs  python -c "import numpy, pytest"
The last is what `lstm-quiz exercise lstm_cell` (and --watch) does after each
save: one grading by its warm fork server, timed in this process on files
written in turn (the reference, then a known mistake). The screen notices a
save within 0.1 s (it polls), which comes on top.
Not a test: the numbers go in notes and the changelog.
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
FLOOR_NAME = 'python -c "import numpy, pytest"'


def lstm_quiz_command() -> list[str]:
    script = Path(sys.executable).with_name("lstm-quiz")
    return [str(script)] if script.exists() else [sys.executable, "-m", "lstm_quiz"]


def timed(command: list[str], expect_codes: tuple[int, ...] = (0,)) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in expect_codes:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()}")
    return elapsed


def compare(
    name: str, target: list[str], floor_name: str, floor: list[str], runs: int
) -> dict[str, float]:
    timed(target), timed(floor)  # warm the file cache
    target_times, floor_times = [], []
    for _ in range(runs):
        floor_times.append(timed(floor))
        target_times.append(timed(target))
    result = {
        "target": statistics.median(target_times),
        "floor": statistics.median(floor_times),
    }
    result["ratio"] = result["target"] / result["floor"]
    print(
        f"{name:<40} {result['target'] * 1000:8.1f} ms   {floor_name:<34} {result['floor'] * 1000:8.1f} ms"
        f"   ratio {result['ratio']:.2f}x"
    )
    return result


def main() -> None:
    # As on a user's machine: modules compiled once, then read from __pycache__
    # (this sandbox sets PYTHONDONTWRITEBYTECODE, which recompiles every module on
    # every start and would charge lstm-quiz's ~150 modules against bare floors).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cli = lstm_quiz_command()
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, median of {args.runs} runs\n")
    compare(
        "lstm-quiz --help",
        [*cli, "--help"],
        "python -c pass",
        [sys.executable, "-c", "pass"],
        args.runs,
    )
    with tempfile.TemporaryDirectory() as tmp:
        solution = Path(tmp) / "solution.py"
        shutil.copy(ROOT / "exercises" / "lstm_cell" / "reference.py", solution)
        compare(
            "lstm-quiz check lstm_cell solution.py",
            [*cli, "check", "lstm_cell", str(solution)],
            'python -c "import numpy, pytest"',
            [sys.executable, "-c", "import numpy, pytest"],
            args.runs,
        )

    save_to_verdict(args.runs)


def save_to_verdict(runs: int) -> None:
    from lstm_quiz.coding.attempt import Attempt
    from lstm_quiz.exercises.registry import ExerciseRegistry
    from lstm_quiz.exercises.workspace import Workspace

    exercise = ExerciseRegistry.find("lstm_cell")
    files = [
        ROOT / "exercises" / "lstm_cell" / "reference.py",
        ROOT / "exercises" / "lstm_cell" / "mistakes" / "gate_order_ifog.py",
    ]
    floor_command = [sys.executable, "-c", "import numpy, pytest"]
    with tempfile.TemporaryDirectory() as tmp:
        attempt = Attempt(exercise, Workspace.open(exercise, Path(tmp)))
        try:
            started = time.perf_counter()
            attempt.grade()  # cold: starts the fork server
            cold = time.perf_counter() - started
            verdicts, floors = [], []
            for n in range(2 * runs):
                floors.append(timed(floor_command))
                shutil.copy(files[n % 2], attempt.workspace.solution)
                started = time.perf_counter()
                result = attempt.grade()
                verdicts.append(time.perf_counter() - started)
                assert result.passed == (n % 2 == 0), result
        finally:
            attempt.finish()
    verdict, floor = statistics.median(verdicts), statistics.median(floors)
    print(
        f"{'save -> verdict (lstm_cell, warm)':<40} {verdict * 1000:8.1f} ms   "
        f"{FLOOR_NAME:<34} {floor * 1000:8.1f} ms"
        f"   ratio {verdict / floor:.2f}x  (cold: {cold * 1000:.0f} ms; target < 300 ms)"
    )


if __name__ == "__main__":
    main()
