"""Start-up and grading speed of the CLI, as ratios to floors measured in the same run.

    python bench/bench_cli.py [--runs 7]

Each target is timed alternately with its floor (so machine noise hits both)
and reported as the median of the runs:
  lstm-quiz --help                          vs  python -c pass
  lstm-quiz check lstm_cell <reference>     vs  python -c "import numpy, pytest"
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


if __name__ == "__main__":
    main()
