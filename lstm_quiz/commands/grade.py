"""`lstm-quiz grade EXERCISE PATH ...`: grade a class's submissions in batch."""

from __future__ import annotations

import argparse
import sys
import time

HELP = "grade a class's submissions in batch"
DESCRIPTION = """\
Grade every submission for EXERCISE, in parallel. PATH is a submission file,
a student's folder (holding solution.py, EXERCISE.py or a single .py file),
or a folder of those. Each submission runs in its own sandbox: one that
loops, crashes or misbehaves gets its own verdict and never stops the batch.

Each run is sealed in a box of its own (bubblewrap: its own user, process,
network and file namespaces). Where the machine cannot seal runs, grade
refuses unless given --allow-weak-isolation; the results record which
isolation graded each submission.

Exit status: 0 when every submission was graded (whatever its verdict),
1 when some could not be graded, 2 for a usage error, 130 on Ctrl-C (the
results gathered so far are still written).

Gradescope: --format gradescope grades the one submission in PATH (e.g.
/autograder/submission) and writes Gradescope's results.json to --out
(default /autograder/results/results.json); see docs/gradescope.md.

Job arrays: --shard K/N grades the K-th of N fixed shares of the
submissions (sorted by student name, dealt round-robin), and
'lstm-quiz grade merge OUT PART...' joins the parts' --out files into one
(refusing students graded twice and parts of different exercises).
"""
EPILOG = """\
Examples:
  lstm-quiz grade lstm_cell submissions/ --out grades.csv
  lstm-quiz grade lstm_cell submissions/ --shard 2/4 --out part2.csv
  lstm-quiz grade merge grades.csv part1.csv part2.csv part3.csv part4.csv
  lstm-quiz grade lstm_cell /autograder/submission --format gradescope
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "exercise", metavar="EXERCISE", help="exercise id (see 'lstm-quiz exercise list')"
    )
    parser.add_argument("paths", metavar="PATH", nargs="+", help="submission files or folders")
    parser.add_argument(
        "--jobs", "-j", type=int, default=None, help="parallel graders (default: all cores)"
    )
    parser.add_argument("--out", metavar="FILE", help="write results to FILE.csv or FILE.json")
    parser.add_argument(
        "--json", action="store_true", help="print results and summary as JSON on stdout"
    )
    parser.add_argument(
        "--allow-weak-isolation",
        action="store_true",
        help="grade even where runs cannot be sealed (no bubblewrap or no user namespaces): "
        "other people's code then runs with limits only",
    )
    parser.add_argument(
        "--format",
        choices=("gradescope",),
        default=None,
        help="gradescope: grade one submission and write Gradescope's results.json "
        "(default: a table, and --out as CSV or JSON by its suffix)",
    )
    parser.add_argument(
        "--shard",
        metavar="K/N",
        help="grade only the K-th of N shares of the submissions (1 <= K <= N), for job arrays",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from lstm_quiz.errors import UsageError
    from lstm_quiz.exercises.registry import ExerciseRegistry
    from lstm_quiz.grading.batch import (
        collect_submissions,
        grade_submissions,
        summarize,
        write_results,
    )

    if args.exercise == "merge":
        from lstm_quiz.integrations.shards import run_merge

        return run_merge(args.paths)
    exercise = ExerciseRegistry.find(args.exercise, args.exercises)
    exercise.require_framework()
    if args.format == "gradescope":
        if args.shard:
            raise UsageError("--format gradescope grades one submission: it takes no --shard")
        from lstm_quiz.integrations.gradescope import run_gradescope

        return run_gradescope(exercise, args.paths, args.out, args.allow_weak_isolation)
    shard = None
    if args.shard:
        from lstm_quiz.integrations.shards import parse_shard

        shard = parse_shard(args.shard)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".csv", ".json"):
        raise UsageError(f"--out must end in .csv or .json, not '{out.name}'")
    if out is not None:
        _check_writable(out)
    submissions = collect_submissions([Path(p) for p in args.paths], exercise.id)
    if not submissions:
        raise UsageError("no submissions found in " + ", ".join(args.paths))
    if shard is not None:
        from lstm_quiz.integrations.shards import select_shard

        submissions = select_shard(submissions, shard)
        if not submissions:
            print(f"shard {shard}: no submissions in this share", file=sys.stderr)
    _check_isolation(exercise.framework, args.allow_weak_isolation)

    progress = _Progress(len(submissions), sys.stderr)
    results: list = [None] * len(submissions)
    started = time.perf_counter()
    interrupted = False
    try:
        for index, result in grade_submissions(
            exercise, submissions, args.jobs, progress.update, allow_weak=args.allow_weak_isolation
        ):
            results[index] = result
    except KeyboardInterrupt:
        interrupted = True
    progress.finish()
    done = [r for r in results if r is not None]
    summary = summarize(done, time.perf_counter() - started)
    if out is not None:
        write_results(out, done, summary, exercise=exercise.id)
    if args.json:
        import json
        from dataclasses import asdict

        print(
            json.dumps(
                {
                    "results": [asdict(r) for r in done],
                    "summary": {**asdict(summary), "pass_rate": summary.pass_rate},
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        _print_table(done)
        _print_summary(summary, len(submissions), out)
    if interrupted:
        print(f"lstm-quiz: interrupted: {len(done)} of {len(submissions)} graded", file=sys.stderr)
        return 130
    return 1 if summary.errors else 0


def _check_writable(out) -> None:  # type: ignore[no-untyped-def]
    """Refuse an --out that cannot be written before grading anything (not after)."""
    import os

    from lstm_quiz.errors import UsageError

    if out.is_dir():
        raise UsageError(f"--out {out} is a folder: give a file name ending in .csv or .json")
    parent = out.parent if str(out.parent) else type(out)(".")
    if not parent.is_dir():
        raise UsageError(f"--out {out}: the folder {parent} does not exist")
    existed = out.exists()
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.close(fd)
    except OSError as error:
        raise UsageError(f"--out {out} cannot be written: {error.strerror}") from None
    if not existed:
        out.unlink(missing_ok=True)


def _check_isolation(framework: str, allow_weak: bool) -> None:
    """Other people's code is graded only in sealed boxes, unless the instructor says otherwise."""
    from lstm_quiz.errors import UsageError
    from lstm_quiz.grading.sandbox import ForkServer

    with ForkServer(framework) as server:
        if server.isolation == "sealed" or allow_weak:
            return
        raise UsageError(
            f"refusing to grade other people's code with weak isolation ({server.isolation_problem}); "
            "run 'lstm-quiz doctor' to see how to seal runs, or pass --allow-weak-isolation"
        )


class _Progress:
    """A one-line progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, total: int, stream) -> None:  # type: ignore[no-untyped-def]
        self.total = total
        self.done = 0
        self.stream = stream
        self.started = time.perf_counter()
        self.live = hasattr(stream, "isatty") and stream.isatty()

    def update(self, result) -> None:  # type: ignore[no-untyped-def]
        self.done += 1
        if not self.live:
            return
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        width = 30
        filled = int(width * self.done / self.total)
        eta = (self.total - self.done) / rate if rate else 0.0
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}  {rate:5.1f}/s  ETA {eta:4.0f} s "
        )
        self.stream.flush()

    def finish(self) -> None:
        if self.live:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()


def _print_table(results) -> None:  # type: ignore[no-untyped-def]
    if not results:
        return
    width = max(len(r.student) for r in results)
    for r in sorted(results, key=lambda r: r.student):
        score = f"{r.tests_passed}/{r.tests_total}"
        detail = r.diagnosis or r.first_failure
        detail = detail if len(detail) <= 90 else detail[:87] + "..."
        print(f"{r.student:<{width}}  {r.verdict:<7} {score:>6}  {r.seconds:6.2f} s  {detail}")


def _print_summary(summary, total: int, out) -> None:  # type: ignore[no-untyped-def]
    rate = summary.submissions / summary.seconds if summary.seconds else 0.0
    print(
        f"\n{summary.submissions} of {total} graded in {summary.seconds:.1f} s ({rate:.1f}/s): "
        f"{summary.passed} passed ({summary.pass_rate:.0%}), {summary.failed} failed, {summary.errors} not gradable, "
        f"{summary.timed_out} timed out"
    )
    if summary.common_diagnoses:
        print("most common diagnoses:")
        for text, count in summary.common_diagnoses:
            print(f"  {count:4}  {text}")
    if summary.common_failures:
        print("most common failures without a diagnosis:")
        for text, count in summary.common_failures:
            print(f"  {count:4}  {text}")
    if out is not None:
        print(f"results written to {out}")
