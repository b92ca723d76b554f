"""Batch grading: a class's submissions, in parallel, each in its own sandbox.

Every submission gets a verdict, whatever it does: a timeout, a crash or a
grader error becomes that submission's result and the batch carries on.
Worker processes each hold one warm fork server; a submission runs in a
process forked from it, isolated from the others (Landlock: it can read
neither another submission nor the references). A worker grades a chunk of
submissions in one pytest session, so the session's start-up and the
diagnoses' computations are shared by the chunk.
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from lstm_quiz.errors import LstmQuizError, UsageError
from lstm_quiz.exercises.model import Exercise
from lstm_quiz.grading.results import GradingResult
from lstm_quiz.grading.safe_text import safe_text


@dataclass(frozen=True)
class Submission:
    name: str  # the student: a file's stem or a folder's name
    path: Path | None  # None when the folder holds no gradable file
    problem: str = ""


@dataclass
class SubmissionResult:
    student: str
    file: str
    verdict: str  # passed | failed | error (could not be graded)
    tests_passed: int
    tests_total: int
    seconds: float
    first_failure: str = ""
    diagnosis: str = ""
    timed_out: bool = False
    isolation: str = "sealed"  # how the run was contained: sealed | weak


def collect_submissions(paths: list[Path], exercise_id: str) -> list[Submission]:
    """Each PATH is a submission file, a student's folder, or a folder of submissions."""
    found: list[Submission] = []
    for path in paths:
        if path.is_symlink():
            found.append(Submission(_name(path), None, _LINK_PROBLEM))
        elif path.is_file():
            found.append(Submission(_name(path), path))
        elif (
            path.is_dir()
            and _solution_in(path, exercise_id) is not None
            and not _has_subfolders(path)
        ):
            found.append(_folder_submission(path, exercise_id))
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                if child.name.startswith((".", "__")):
                    continue
                if child.is_symlink() and (child.suffix == ".py" or child.is_dir()):
                    found.append(Submission(_name(child), None, _LINK_PROBLEM))
                elif child.is_file() and child.suffix == ".py":
                    found.append(Submission(_name(child), child))
                elif child.is_dir():
                    found.append(_folder_submission(child, exercise_id))
        else:
            raise UsageError(f"no such file or folder: {path}")
    names = Counter(s.name for s in found)
    duplicates = [n for n, count in names.items() if count > 1]
    if duplicates:
        raise UsageError(
            f"two submissions are named {duplicates[0]!r}: rename one (names come from files and folders)"
        )
    return found


_LINK_PROBLEM = "the submission is a symbolic link: submit the file itself"


def _name(path: Path) -> str:
    """The student's name from a file or folder name, safe to print (names are learner text too)."""
    return safe_text(path.stem if path.suffix == ".py" else path.name, 200, newlines=False)


def _has_subfolders(path: Path) -> bool:
    return any(c.is_dir() and not c.name.startswith((".", "__")) for c in path.iterdir())


def _solution_in(folder: Path, exercise_id: str) -> Path | None:
    files = sorted(p for p in folder.glob("*.py") if not p.name.startswith("test_"))
    for preferred in ("solution.py", f"{exercise_id}.py"):
        if (folder / preferred).is_file():
            return folder / preferred
    return files[0] if len(files) == 1 else None


def _folder_submission(folder: Path, exercise_id: str) -> Submission:
    solution = _solution_in(folder, exercise_id)
    if solution is None:
        count = len(list(folder.glob("*.py")))
        problem = (
            "the folder holds no .py file"
            if count == 0
            else f"the folder holds {count} .py files and no solution.py"
        )
        return Submission(_name(folder), None, problem)
    return Submission(_name(folder), solution)


# ---------------------------------------------------------------- workers

_worker_state: dict[str, Any] = {}


def _init_worker(exercise: Exercise, allow_weak: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends the pool
    from lstm_quiz.grading.sandbox import ForkServer

    _worker_state["exercise"] = exercise
    _worker_state["allow_weak"] = allow_weak
    _worker_state["server"] = ForkServer(exercise.framework)


def _grade_alone_or_together(
    exercise: Exercise, gradable: list[tuple[int, Submission]]
) -> list[GradingResult]:
    """One pytest session for the chunk; if its fork server died meanwhile, each again alone.

    No run can reach the fork server (it lies outside every run's PID
    namespace), but should it die anyway, no verdict may come from a chunk
    that a restart cut in two.
    """
    from lstm_quiz.grading.runner import grade_solutions

    server = _worker_state["server"]
    restarts = server.restarts
    files: list[tuple[Path, str | None]] = [(s.path, s.name) for _, s in gradable if s.path]
    results = grade_solutions(exercise, files, server=server)
    if server.restarts == restarts:
        return results
    return [grade_solutions(exercise, [file], server=server)[0] for file in files]


def _grade_chunk(items: list[tuple[int, Submission]]) -> list[tuple[int, SubmissionResult]]:
    """Grade a few submissions in one pytest session (its start-up and diagnoses are shared)."""
    import time

    exercise: Exercise = _worker_state["exercise"]
    isolation = _worker_state["server"].plan.isolation
    done = [
        (
            index,
            SubmissionResult(
                submission.name, "", "error", 0, 0, 0.0, submission.problem, isolation=isolation
            ),
        )
        for index, submission in items
        if submission.path is None
    ]
    gradable = [(index, submission) for index, submission in items if submission.path is not None]
    if not gradable:
        return done
    started = time.perf_counter()
    server = _worker_state["server"]
    try:
        if server.isolation != "sealed" and not _worker_state["allow_weak"]:
            raise LstmQuizError(f"not graded: weak isolation ({server.isolation_problem})")
        results = _grade_alone_or_together(exercise, gradable)
    except LstmQuizError as error:
        each = (time.perf_counter() - started) / len(gradable)
        return done + [
            (
                index,
                SubmissionResult(
                    s.name, str(s.path), "error", 0, 0, each, error.message, isolation=isolation
                ),
            )
            for index, s in gradable
        ]
    for (index, submission), result in zip(gradable, results, strict=True):
        first = result.first_failure
        done.append(
            (
                index,
                SubmissionResult(
                    student=submission.name,
                    file=str(submission.path),
                    verdict="passed" if result.passed else "failed",
                    tests_passed=result.passed_count,
                    tests_total=len(result.tests),
                    seconds=round(result.duration, 4),
                    first_failure=result.solution_error or (first.message if first else ""),
                    diagnosis=next((t.diagnosis for t in result.tests if t.diagnosis), ""),
                    timed_out=any("did not finish within" in t.message for t in result.tests)
                    or "did not finish within" in result.solution_error,
                    isolation=result.isolation,
                ),
            )
        )
    return done


def _chunks(items: list[tuple[int, Submission]], jobs: int) -> list[list[tuple[int, Submission]]]:
    """Up to 16 submissions a session, and at least 4 sessions a job: progress stays smooth."""
    size = max(1, min(16, len(items) // (jobs * 4)))
    return [items[start : start + size] for start in range(0, len(items), size)]


def grade_submissions(
    exercise: Exercise,
    submissions: list[Submission],
    jobs: int | None = None,
    on_result: Callable[[SubmissionResult], None] | None = None,
    *,
    allow_weak: bool = False,
) -> Iterator[tuple[int, SubmissionResult]]:
    """Yields (index, result) as submissions finish. Closing the iterator ends the workers."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(submissions) or 1))
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    pool = context.Pool(jobs, initializer=_init_worker, initargs=(exercise, allow_weak))
    try:
        chunks = _chunks(list(enumerate(submissions)), jobs)
        for done in pool.imap_unordered(_grade_chunk, chunks, chunksize=1):
            for index, result in done:
                if on_result:
                    on_result(result)
                yield index, result
        pool.close()
    finally:
        pool.terminate()  # each worker's fork server sees its parent go and kills its runs
        pool.join()


# ---------------------------------------------------------------- output


@dataclass
class BatchSummary:
    submissions: int
    passed: int
    failed: int
    errors: int
    timed_out: int
    common_diagnoses: list[tuple[str, int]]
    common_failures: list[tuple[str, int]]
    seconds: float

    @property
    def pass_rate(self) -> float:
        return self.passed / self.submissions if self.submissions else 0.0


def summarize(results: list[SubmissionResult], seconds: float) -> BatchSummary:
    diagnoses = Counter(r.diagnosis for r in results if r.diagnosis)
    # Failures without a diagnosis, grouped by their first clause (numbers differ per student).
    failures = Counter(
        r.first_failure.split(":")[0][:80]
        for r in results
        if r.verdict != "passed" and not r.diagnosis
    )
    return BatchSummary(
        submissions=len(results),
        passed=sum(r.verdict == "passed" for r in results),
        failed=sum(r.verdict == "failed" for r in results),
        errors=sum(r.verdict == "error" for r in results),
        timed_out=sum(r.timed_out for r in results),
        common_diagnoses=diagnoses.most_common(5),
        common_failures=failures.most_common(5),
        seconds=seconds,
    )


FIELDS = [
    "student",
    "file",
    "verdict",
    "tests_passed",
    "tests_total",
    "seconds",
    "first_failure",
    "diagnosis",
    "timed_out",
    "isolation",
]


def write_results(
    path: Path,
    results: list[SubmissionResult],
    summary: BatchSummary | None = None,
    *,
    exercise: str = "",
) -> None:
    """CSV (opens in a spreadsheet) or JSON, by the file's suffix.

    With ``exercise``, the file records it (a JSON key, a last CSV column):
    `grade merge` refuses to join parts of different exercises.
    """
    if path.suffix.lower() == ".json":
        data: dict[str, Any] = {"exercise": exercise} if exercise else {}
        data["results"] = [asdict(r) for r in results]
        if summary is not None:
            data["summary"] = {**asdict(summary), "pass_rate": summary.pass_rate}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return
    # utf-8-sig: Excel then reads Chinese names and messages correctly.
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.DictWriter(out, fieldnames=[*FIELDS, "exercise"] if exercise else FIELDS)
        writer.writeheader()
        for result in results:
            row = {k: _cell(v) for k, v in asdict(result).items()}
            writer.writerow({**row, "exercise": exercise} if exercise else row)


def _cell(value: Any) -> Any:
    """A spreadsheet cell that cannot be read as a formula (=, +, -, @ start one)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
