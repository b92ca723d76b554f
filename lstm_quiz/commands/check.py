"""`lstm-quiz check EXERCISE FILE`: grade one solution file."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HELP = "grade a solution file against an exercise's hidden tests"
DESCRIPTION = """\
Grade FILE against the hidden test suite of EXERCISE. Your code runs in a
sealed box of its own (its own user, process, network and file namespaces
under bubblewrap, limited in time, memory and disk); the tests compare its
results with a reference implementation and say what is wrong. Where the
machine cannot seal a run, it runs with limits only and says "weak isolation".

Exit status: 0 when every test passes, 1 when any fails, 2 for a usage error,
130 when interrupted (Ctrl-C gives no verdict).
"""
EPILOG = "Examples: lstm-quiz check lstm_cell solution.py\n          lstm-quiz check lstm_cell solution.py --lang zh"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "exercise", metavar="EXERCISE", help="exercise id (see 'lstm-quiz exercise list')"
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="your solution, a Python file")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the result as one JSON object (every text in English and, as *_zh, Chinese)",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "zh"),
        default=None,
        help="language of the messages and diagnoses (default: LSTM_QUIZ_LANG, else en)",
    )


def language(value: str | None) -> str:
    """--lang, else LSTM_QUIZ_LANG (en or zh, as the notebook magic reads it), else en."""
    if value:
        return value
    env = os.environ.get("LSTM_QUIZ_LANG", "").strip().lower()
    return "zh" if env.startswith("zh") else "en"


def run(args: argparse.Namespace) -> int:
    from lstm_quiz.errors import UsageError
    from lstm_quiz.grading.sandbox import ForkServer

    if not args.file.is_file() and not args.file.is_symlink():
        raise UsageError(f"solution file not found: {args.file}")
    # Start the sandbox first: it imports NumPy while this process reads the
    # exercises and imports pytest. Most exercises are NumPy ones.
    server = ForkServer("numpy")
    try:
        from lstm_quiz.exercises.registry import ExerciseRegistry

        exercise = ExerciseRegistry.find(args.exercise, args.exercises)
        exercise.require_framework()
        if exercise.framework != server.framework:
            server.close()
            server = ForkServer(exercise.framework)
        from lstm_quiz.grading.runner import grade_solution

        result = grade_solution(exercise, args.file, server=server, display_name=str(args.file))
    finally:
        server.close()
    if result.isolation != "sealed":
        print(
            f"weak isolation: {result.isolation_problem}; run 'lstm-quiz doctor'", file=sys.stderr
        )
    if args.json:
        print(result.to_json())
    else:
        from lstm_quiz.grading.report import render

        print(render(result, sys.stdout, lang=language(args.lang)))
    return 0 if result.passed else 1
