"""`lstm-quiz grade EXERCISE PATH --format gradescope --out results.json`.

A Gradescope autograder grades one submission, found in
/autograder/submission, and reports in /autograder/results/results.json
(the "Autograder Specifications" of Gradescope's autograder docs): per test
a name, score, max_score, status ("passed"/"failed") and output, plus the
overall score, execution_time, visibility and stdout_visibility. Each hidden
test is worth one point.

A submission that cannot be graded (no solution file, two candidates, a
file that does not import) still gets a results.json with score 0 and an
output that says why, so the student sees the reason instead of Gradescope's
"The autograder failed to execute correctly".
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lstm_quiz.errors import UsageError
from lstm_quiz.exercises.model import Exercise
from lstm_quiz.grading.results import GradingResult, TestResult

# Gradescope's allowed values (visibility of a test, or of the whole result).
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
DEFAULT_RESULTS = Path("/autograder/results/results.json")
_SEARCH_DEPTH = 3  # students zip a folder, or a folder in a folder


@dataclass(frozen=True)
class Located:
    path: Path | None
    problem: str = ""


def locate_solution(submission: Path, exercise_id: str) -> Located:
    """The file to grade in a submission folder (or the file itself).

    solution.py or EXERCISE.py anywhere a few folders down wins; else the only
    .py file there is. macOS's __MACOSX copies and hidden files are ignored.
    """
    if submission.is_file():
        return Located(submission)
    if not submission.is_dir():
        raise UsageError(f"no such file or folder: {submission}")
    candidates = sorted(
        p
        for p in submission.rglob("*.py")
        if len(p.relative_to(submission).parts) <= _SEARCH_DEPTH
        and not any(part.startswith((".", "__")) for part in p.relative_to(submission).parts[:-1])
        and not p.name.startswith(("test_", "."))
    )
    for preferred in ("solution.py", f"{exercise_id}.py"):
        named = [p for p in candidates if p.name == preferred]
        if len(named) == 1:
            return Located(named[0])
        if len(named) > 1:
            listed = ", ".join(str(p.relative_to(submission)) for p in named)
            return Located(
                None, f"the submission holds several {preferred} files ({listed}): keep one"
            )
    if len(candidates) == 1:
        return Located(candidates[0])
    if not candidates:
        return Located(
            None, f"the submission holds no .py file: submit solution.py (or {exercise_id}.py)"
        )
    listed = ", ".join(str(p.relative_to(submission)) for p in candidates[:5])
    return Located(
        None,
        f"the submission holds {len(candidates)} .py files ({listed}) and no solution.py: name the one to grade solution.py",
    )


def _test_output(test: TestResult) -> str:
    lines = []
    if test.description:
        lines.append(f"checks: {test.description}")
    if not test.passed:
        lines.append(test.message)
        if test.diagnosis:
            lines.append(f"diagnosis: {test.diagnosis}")
    if test.output:
        lines += ["your code printed:", test.output]
    return "\n".join(lines)


def results_json(
    result: GradingResult | None,
    *,
    problem: str = "",
    seconds: float = 0.0,
    visibility: str = "visible",
    stdout_visibility: str = "hidden",
) -> dict[str, Any]:
    """Gradescope's results.json for one graded submission (or one that could not be graded)."""
    data: dict[str, Any] = {
        "execution_time": round(seconds, 2),
        "visibility": visibility,
        "stdout_visibility": stdout_visibility,
    }
    if result is None:
        return {**data, "score": 0.0, "output": problem, "tests": []}
    tests = [
        {
            "name": test.name,
            "number": str(number),
            "score": 1.0 if test.passed else 0.0,
            "max_score": 1.0,
            "status": "passed" if test.passed else "failed",
            "output": _test_output(test),
            "visibility": visibility,
        }
        for number, test in enumerate(result.tests, start=1)
    ]
    output = [f"{result.exercise}: {result.summary_line()}"]
    if result.solution_error:
        output.append(result.solution_error)
    if result.solution_output:
        output += ["your file printed while being imported:", result.solution_output]
    if result.isolation != "sealed":
        output.append(f"(graded with weak isolation: {result.isolation_problem})")
    score = float(result.passed_count)  # one point a test
    extra = {"exercise": result.exercise, "isolation": result.isolation}
    return {
        **data,
        "score": score,
        "output": "\n".join(output),
        "tests": tests,
        "extra_data": extra,
    }


def grade_for_gradescope(
    exercise: Exercise, submission: Path, out: Path, *, allow_weak: bool = False
) -> dict[str, Any]:
    """Grade the one submission at ``submission`` and write ``out``; returns what was written."""
    from lstm_quiz.errors import LstmQuizError
    from lstm_quiz.grading.runner import grade_solution
    from lstm_quiz.grading.sandbox import ForkServer

    started = time.perf_counter()
    located = locate_solution(submission, exercise.id)
    result: GradingResult | None = None
    problem = located.problem
    if located.path is not None:
        with ForkServer(exercise.framework) as server:
            if server.isolation != "sealed" and not allow_weak:
                raise UsageError(
                    f"refusing to grade with weak isolation ({server.isolation_problem}); "
                    "pass --allow-weak-isolation where the container is the student's own "
                    "(see docs/gradescope.md)"
                )
            try:
                result = grade_solution(
                    exercise, located.path, server=server, display_name=located.path.name
                )
            except LstmQuizError as error:
                problem = f"not graded: {error.message}"
    data = results_json(result, problem=problem, seconds=time.perf_counter() - started)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return data


def run_gradescope(exercise: Exercise, paths: list[str], out: str | None, allow_weak: bool) -> int:
    """The `grade --format gradescope` command: one PATH, results to --out (or Gradescope's place)."""
    if len(paths) != 1:
        raise UsageError("--format gradescope grades one submission: give one PATH")
    target = Path(out) if out else DEFAULT_RESULTS
    if target.suffix.lower() != ".json":
        raise UsageError(f"--out {target}: Gradescope reads a .json file (results.json)")
    if not target.parent.is_dir():
        raise UsageError(f"--out {target}: the folder {target.parent} does not exist")
    data = grade_for_gradescope(exercise, Path(paths[0]), target, allow_weak=allow_weak)
    total = len(data["tests"])
    print(f"{data['score']:g}/{total} points written to {target}")
    if not data["tests"]:
        print(data["output"])
    return 0
