"""`lstm-quiz exercise NAME --watch`: a timed attempt in your own editor, graded on every save.

Line commands on stdin while it watches: h (next hint), r (grade now),
g (give up and see the reference, after confirming), q (quit).
"""

from __future__ import annotations

import argparse
import re
import select
import sys
from datetime import timedelta

from lstm_quiz import paths
from lstm_quiz.coding.attempt import Attempt, clock
from lstm_quiz.coding.watch import changes, file_signature
from lstm_quiz.exercises.model import Exercise
from lstm_quiz.exercises.workspace import Workspace


def _store(data_dir):  # type: ignore[no-untyped-def]
    from lstm_quiz.review.store import ProgressStore

    store = ProgressStore.open(data_dir)
    if store.recovery is not None:
        print(f"note: {store.recovery.message}", file=sys.stderr)
    return store


CLEAR = "\x1b[H\x1b[2J\x1b[3J"  # home, clear the screen and its scrollback (as rustlings does)
_FENCE = re.compile(r"^```[\w-]*\s*$", re.MULTILINE)
_INLINE = re.compile(r"`([^`\n]+)`|\*\*([^*\n]+)\*\*|\*([^*\n]+)\*")


def plain(markdown: str) -> str:
    """A hint for a plain terminal: no backticks, asterisks or fence lines."""
    text = _FENCE.sub("", markdown)
    return _INLINE.sub(lambda m: next(g for g in m.groups() if g is not None), text).strip()


def _read_command(timeout: float) -> str | None:
    """A line typed on stdin, if one is waiting; None otherwise (and on a closed stdin)."""
    if sys.stdin is None or sys.stdin.closed:
        return None
    try:
        ready, _, _ = select.select([sys.stdin], [], [], timeout)
    except (OSError, ValueError):
        return None
    if not ready:
        return None
    line = sys.stdin.readline()
    return line.strip().lower() if line else "q"


def watch_exercise(exercise: Exercise, args: argparse.Namespace, lang: str) -> int:
    from lstm_quiz.grading.report import render

    data_dir = paths.data_dir(args.data_dir)
    workspace = Workspace.open(exercise, data_dir, args.workspace, lang)
    if args.reset:
        backup = workspace.reset()
        print(
            f"restored the starter; your previous file is kept as {backup}"
            if backup
            else "restored the starter"
        )
    store = _store(data_dir)
    attempt = Attempt(exercise, workspace, store)
    attempt.start_grader()
    print(f"{exercise.title.get(lang)} — {exercise.time_limit_minutes} min")
    print(f"edit {workspace.solution}  (the task is in {workspace.folder / 'TASK.md'})")
    print(
        "graded on every save; type h + Enter for a hint, r to grade now, g to give up, q to quit\n"
    )

    def grade() -> None:
        if sys.stdout.isatty():
            print(CLEAR, end="")  # each verdict on a clean screen, not below the last one
            print(
                f"{exercise.title.get(lang)} — {workspace.solution}  (h hint, r grade, g give up, q quit)\n"
            )
        result = attempt.grade()
        remaining = attempt.remaining()
        status = "over time" if remaining < timedelta(0) else "left"
        print(render(result, sys.stdout))
        print(
            f"[{clock(attempt.elapsed())} elapsed, {clock(remaining)} {status}; graded in {attempt.last_grading_seconds:.2f} s]\n",
            flush=True,
        )
        if result.passed and attempt.passed_at is not None:
            _on_pass()

    def _on_pass() -> None:
        took = attempt.elapsed()
        line = f"Passed in {clock(took)}"
        line += (
            " (over the time limit)"
            if took > attempt.time_limit
            else f" (limit {exercise.time_limit_minutes} min)"
        )
        best = attempt.best_previous()
        if best is not None:
            line += f"; your previous best: {clock(best)}" + (
                " — a new best!" if attempt.timed_pass and took < best else ""
            )
        print(line + f". Hints used: {attempt.hints_shown}.")
        print("\nThe reference solution, to compare with yours:\n")
        print(attempt.reference_source())

    graded_signature = file_signature(workspace.solution)  # before grading: a save during it counts
    grade()
    stop = False

    def should_stop() -> bool:
        nonlocal stop
        command = _read_command(0)
        if command in ("q", "quit", "exit"):
            stop = True
        elif command == "h":
            hint = attempt.next_hint()
            print(
                f"hint {attempt.hints_shown}/{len(exercise.hints)}:\n{plain(hint.get(lang))}"
                if hint
                else "no more hints",
                flush=True,
            )
        elif command == "r":
            grade()
        elif command == "g":
            print("give up and see the reference solution? type yes + Enter to confirm", flush=True)
            if _read_command(60) == "yes":
                attempt.give_up()
                print(attempt.reference_source(), flush=True)
        return stop or attempt.passed_at is not None

    try:
        for _ in changes(workspace.solution, should_stop=should_stop, since=graded_signature):
            grade()
    except KeyboardInterrupt:
        pass
    finally:
        attempt.finish()
        store.close()
    return 0 if attempt.passed_at is not None else 1
