"""Loading and validating the question bank: start-up cost and growth with size.

    python bench/bench_bank.py [--runs 7] [--sizes 1000,5000,10000]

(a) Loading + validating the shipped bank in a fresh process, imports
    included, next to the `python -c pass` floor timed alternately in the
    same run (so machine noise hits both); also `lstm-quiz bank validate`.
(b) Generated banks of 1,000 / 5,000 / 10,000 questions (copies of the
    shipped questions with new ids, one folder per copy), each loaded and
    validated in a fresh process, to show that the cost grows linearly.

Medians of --runs runs. Bytecode is allowed (PYTHONDONTWRITEBYTECODE is
cleared for the child processes and a warm-up run writes the .pyc files), as
in an installed package. Not a test: the numbers go in notes.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lstm_quiz import paths  # noqa: E402
from lstm_quiz.bank.loader import question_files  # noqa: E402

ENV = {
    k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", paths.ENV_BANK_PATH)
}
LOAD_SHIPPED = "from lstm_quiz.bank.loader import load_bank; load_bank()"
LOAD_FOLDER = (
    "import sys; from pathlib import Path; from lstm_quiz.bank.loader import check_paths; "
    "r = check_paths([Path(sys.argv[1])]); assert not r.problems, r.problems[:3]; "
    "print(len(r.questions))"
)
ID_LINE = re.compile(r"^(\s*-\s+id:\s*)(\S+)", re.MULTILINE)


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()}")
    return elapsed


def medians(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median time of each command, the commands interleaved run by run."""
    for command in commands.values():
        timed(command)  # warm-up: file cache and .pyc files
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(timed(command))
    return {name: statistics.median(values) for name, values in times.items()}


def generate_bank(target: Path, questions: int) -> tuple[int, int]:
    """Copies of the shipped files (ids suffixed -cN) until ``questions``; (questions, files)."""
    sources = [(p, p.read_text(encoding="utf-8")) for p in question_files(paths.shipped_bank_dir())]
    per_copy = sum(len(ID_LINE.findall(text)) for _, text in sources)
    made = files = copy = 0
    while made < questions:
        copy += 1
        folder = target / f"copy{copy:03d}"
        folder.mkdir()
        for path, text in sources:
            left = questions - made
            if left <= 0:
                break
            blocks = re.split(r"(?m)^(?=  - id:)", text)
            head, items = blocks[0], blocks[1:][:left]
            body = "".join(items)
            body = ID_LINE.sub(rf"\g<1>\g<2>-c{copy}", body)
            (folder / path.name).write_text(head + body, encoding="utf-8")
            made += len(items)
            files += 1
        if per_copy == 0:
            raise SystemExit("the shipped bank has no questions to copy")
    return made, files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (>= 5)")
    parser.add_argument("--sizes", default="1000,5000,10000", help="generated bank sizes")
    args = parser.parse_args()
    runs = max(5, args.runs)
    python = sys.executable
    cli = Path(python).with_name("lstm-quiz")
    cli_command = [str(cli)] if cli.exists() else [python, "-m", "lstm_quiz"]

    shipped_files = question_files(paths.shipped_bank_dir())
    count = subprocess.run(
        [python, "-c", LOAD_FOLDER, str(paths.shipped_bank_dir())],
        capture_output=True, text=True, env=ENV, cwd=ROOT, check=True,
    ).stdout.strip()  # fmt: skip
    print(f"Python {sys.version.split()[0]} on {sys.platform}; medians of {runs} runs\n")
    rows: list[tuple[str, str, str, float, float | None]] = []

    shipped = medians(
        {
            "floor": [python, "-c", "pass"],
            "load": [python, "-c", LOAD_SHIPPED],
            "cli": [*cli_command, "bank", "validate"],
        },
        runs,
    )
    floor = shipped["floor"]
    rows.append(("python -c pass (floor)", "", "", floor, None))
    rows.append(
        ("load + validate shipped bank", count, str(len(shipped_files)), shipped["load"], None)
    )
    rows.append(("lstm-quiz bank validate", count, str(len(shipped_files)), shipped["cli"], None))

    with tempfile.TemporaryDirectory(prefix="bench-bank-") as tmp:
        commands: dict[str, list[str]] = {}
        sizes: dict[str, tuple[int, int]] = {}
        for size in (int(s) for s in args.sizes.split(",") if s.strip()):
            folder = Path(tmp) / f"bank{size}"
            folder.mkdir()
            sizes[str(size)] = generate_bank(folder, size)
            commands[str(size)] = [python, "-c", LOAD_FOLDER, str(folder)]
        generated = medians(commands, runs)
        for name, (made, files) in sizes.items():
            seconds = generated[name]
            rows.append(
                (
                    f"generated bank of {made:,}",
                    f"{made:,}",
                    str(files),
                    seconds,
                    (seconds - floor) / made,
                )
            )

    print(
        f"{'what':<34} {'questions':>9} {'files':>6} {'median':>10} {'- floor':>10} {'per question':>13}"
    )
    for name, questions, files, seconds, per_question in rows:
        above = "" if name.startswith("python") else f"{(seconds - floor) * 1000:8.1f}ms"
        each = f"{per_question * 1e6:10.0f} µs" if per_question is not None else ""
        print(
            f"{name:<34} {questions:>9} {files:>6} {seconds * 1000:8.1f}ms {above:>10} {each:>13}"
        )
    budget = 0.2
    verdict = "within" if shipped["load"] < budget else "OVER"
    print(
        f"\nshipped bank: {shipped['load'] * 1000:.0f} ms including interpreter start and imports, {verdict} the {budget * 1000:.0f} ms budget"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
