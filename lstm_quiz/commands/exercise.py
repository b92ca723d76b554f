"""`lstm-quiz exercise`: list, show and verify the coding exercises."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "timed coding exercises: pick one, attempt it, list, show, verify"
DESCRIPTION = """\
The coding exercises: implement an LSTM step, a sequence, a backward pass...
Hidden tests grade your solution.py on every save and explain what is wrong.

  lstm-quiz exercise                  the picker: every exercise with its status
                                      (new, attempted, passed) and best time;
                                      Enter starts a timed attempt
  lstm-quiz exercise NAME             a timed attempt: the task, a countdown, and
                                      the verdict each time you save solution.py
                                      (e edits in $EDITOR, h hint, g give up,
                                      ctrl+r puts the starter back, keeping a backup)
  lstm-quiz exercise NAME --watch     the same in your own terminal: solution.py
                                      is graded on every save (type h for a hint,
                                      r to re-grade, g to give up, q to quit)
  lstm-quiz exercise NAME --notebook PATH
                                      a Jupyter notebook to solve it in: the task,
                                      and a cell graded by '%%lstm_quiz check NAME'
  lstm-quiz exercise list             id, title, difficulty and time limit of each
  lstm-quiz exercise show NAME        the task: contract, equations, what is tested
  lstm-quiz exercise verify [NAME]    for instructors: the reference passes, the
                                      starter and every known mistake fail
  lstm-quiz exercise new NAME [--from ID] [--into DIR]
                                      for instructors: a complete exercise folder
                                      to start from (verifies as it is)
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        metavar="ACTION",
        nargs="?",
        default=None,
        help="an exercise id to attempt it, or list, show, verify, new (none: the picker)",
    )
    parser.add_argument("names", metavar="NAME", nargs="*", help="exercise id(s)")
    parser.add_argument(
        "--lang", choices=["en", "zh"], default=None, help="language of titles and prompts"
    )
    parser.add_argument("--json", action="store_true", help="print data as JSON")
    parser.add_argument(
        "--from",
        dest="source",
        metavar="ID",
        help="with 'new': copy this exercise instead of the template",
    )
    parser.add_argument(
        "--into",
        metavar="DIR",
        default=".",
        help="with 'new': where to create the folder (default: here)",
    )
    parser.add_argument(
        "--watch", action="store_true", help="with NAME: grade solution.py on every save, no TUI"
    )
    parser.add_argument(
        "--workspace", metavar="DIR", help="with NAME: the folder holding solution.py"
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="with NAME: restore the starter (the old file is kept as a backup)",
    )
    parser.add_argument(
        "--notebook",
        metavar="PATH",
        help="with NAME: write a starter Jupyter notebook (PATH.ipynb, or NAME.ipynb in folder PATH)",
    )


def _lang(args: argparse.Namespace) -> str:
    if args.lang:
        return str(args.lang)
    import os

    locale = (
        os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    )
    return "zh" if locale.lower().startswith("zh") else "en"


def run(args: argparse.Namespace) -> int:
    from lstm_quiz.errors import UsageError
    from lstm_quiz.exercises.registry import ExerciseRegistry

    if args.action is None and (args.workspace or args.reset or args.watch or args.notebook):
        raise UsageError(
            "--watch, --workspace, --reset and --notebook go with an exercise id, "
            "e.g. lstm-quiz exercise lstm_cell --watch"
        )
    if args.action is None and not args.json and sys.stdin.isatty() and sys.stdout.isatty():
        from lstm_quiz.tui.exercise_app import run_picker

        return run_picker(args, _lang(args))
    if args.action in (None, "list"):  # no terminal (a pipe, a script): the list
        return _list(args, _lang(args))
    registry = ExerciseRegistry.discover(args.exercises)
    if args.action == "show":
        if len(args.names) != 1:
            raise UsageError(
                "'exercise show' takes one exercise id, e.g. lstm-quiz exercise show lstm_cell"
            )
        print(registry.get(args.names[0]).prompt(_lang(args)))
        return 0
    if args.action == "verify":
        exercises = [registry.get(n) for n in args.names] if args.names else list(registry)
        return _verify(exercises, args.json)
    if args.action == "new":
        return _new(registry, args)
    if args.action in registry.exercises:
        exercise = registry.get(args.action)
        if args.notebook:
            from pathlib import Path

            from lstm_quiz.integrations.notebook import write_starter_notebook

            return write_starter_notebook(exercise, Path(args.notebook), _lang(args))
        if args.watch:
            from lstm_quiz.coding.watch_loop import watch_exercise

            return watch_exercise(exercise, args, _lang(args))
        from lstm_quiz.tui.exercise_app import run_exercise

        return run_exercise(exercise, args, _lang(args))
    from lstm_quiz.errors import did_you_mean

    choices = ["list", "show", "verify", "new", *registry.exercises]
    raise UsageError(
        f"unknown exercise or action '{args.action}': {did_you_mean(args.action, choices)}"
    )


def _new(registry, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from lstm_quiz.errors import UsageError
    from lstm_quiz.exercises.scaffold import new_exercise

    if len(args.names) != 1:
        raise UsageError(
            "'exercise new' takes one name, e.g. lstm-quiz exercise new my_gru --from gru_cell"
        )
    source = registry.get(args.source) if args.source else None
    folder = new_exercise(args.names[0], Path(args.into), source)
    print(f"created {folder}")
    print(
        f"next: edit it, then run  lstm-quiz exercise verify {folder.name} --exercises {folder.parent}"
    )
    return 0


def _list(args: argparse.Namespace, lang: str) -> int:
    from lstm_quiz import paths
    from lstm_quiz.coding.attempt import clock
    from lstm_quiz.coding.catalog import ExerciseCatalog, by_track
    from lstm_quiz.review.store import PROGRESS_FILENAME, ProgressStore

    data_dir = paths.data_dir(args.data_dir)
    # Statuses come from the progress store, if there is one: listing never creates it.
    # A read-only data folder is read as it is: listing writes nothing.
    progress_file = data_dir / PROGRESS_FILENAME
    store = ProgressStore.open(data_dir, allow_read_only=True) if progress_file.is_file() else None
    try:
        rows = ExerciseCatalog(store, data_dir, args.exercises).rows(lang)
    finally:
        if store is not None:
            store.close()
    if args.json:
        data = [
            {
                "id": r.id,
                "title": r.title,
                "difficulty": r.difficulty,
                "time_limit_minutes": r.time_limit_minutes,
                "framework": r.framework,
                "track": r.track,
                "track_label": r.track_label,
                "requires": list(r.requires),
                "status": r.progress.status,
                "attempts": r.progress.attempts,
                "best_seconds": r.progress.best.total_seconds() if r.progress.best else None,
            }
            for r in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    width = max((len(r.id) for r in rows), default=2)
    print(f"{'id':<{width}}  {'difficulty':<10}  {'time':>6}  {'status':<9}  {'best':>5}  title")
    for number, (label, members) in enumerate(by_track(rows)):
        # A heading per track, the tracks in the order a candidate takes them.
        print(f"\n{label}" if number else label)
        for row in members:
            stars = "★" * row.difficulty + "☆" * (3 - row.difficulty)
            extra = "  (needs torch)" if row.framework == "torch" else ""
            if row.requires:
                extra = f"  (after {', '.join(row.requires)})" + extra
            best = clock(row.progress.best) if row.progress.best else "-"
            print(
                f"{row.id:<{width}}  {stars:<10}  {row.time_limit_minutes:>3} min  "
                f"{row.progress.status:<9}  {best:>5}  {row.title}{extra}"
            )
    return 0


def _verify(exercises, as_json: bool) -> int:  # type: ignore[no-untyped-def]
    from lstm_quiz.grading.verify import VerifyRow, verify_all

    def progress(row: VerifyRow) -> None:
        if not as_json:
            want = "pass" if row.should_pass else "fail"
            got = f"{row.result.passed_count}/{len(row.result.tests)} passed"
            status = "ok" if row.ok else f"PROBLEM: {row.problem}"
            print(f"{row.exercise:<16} {row.file:<36} want {want}  {got:<14} {status}", flush=True)

    import importlib.util

    if importlib.util.find_spec("torch") is None:
        skipped = [e for e in exercises if e.framework == "torch"]
        for exercise in skipped:
            print(
                f"{exercise.id:<16} skipped: needs PyTorch (pip install 'lstm-quiz[torch]')",
                file=sys.stderr,
            )
        exercises = [e for e in exercises if e.framework != "torch"]
    rows = verify_all(exercises, progress)
    bad = [r for r in rows if not r.ok]
    if as_json:
        data = [
            {"exercise": r.exercise, "file": r.file, "should_pass": r.should_pass, "ok": r.ok, "problem": r.problem,
             "passed": r.result.passed_count, "total": len(r.result.tests)}
            for r in rows
        ]  # fmt: skip
        print(json.dumps(data, indent=2))
    else:
        checked = len({r.exercise for r in rows})
        print(
            f"{checked} exercise(s), {len(rows)} files: "
            + ("all as expected" if not bad else f"{len(bad)} problem(s)")
        )
    print_problems = as_json and bad
    if print_problems:
        print(f"{len(bad)} problem(s)", file=sys.stderr)
    return 1 if bad else 0
