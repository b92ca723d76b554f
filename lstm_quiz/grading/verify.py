"""Verify an exercise: the reference passes, the starter fails, every known mistake fails.

A mistake file may say what its failure must mention, in a first-line
comment `# expect: TEXT`: a suite that fails it for another reason (say, a
crash in the suite) would otherwise look fine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from lstm_quiz.exercises.model import Exercise
from lstm_quiz.grading.results import GradingResult
from lstm_quiz.grading.runner import grade_solution
from lstm_quiz.grading.sandbox import ForkServer


@dataclass
class VerifyRow:
    exercise: str
    file: str  # relative to the exercise folder
    should_pass: bool
    result: GradingResult
    expect: str = ""

    @property
    def ok(self) -> bool:
        if self.should_pass:
            return self.result.passed
        if self.result.passed:
            return False
        if any(t.outcome == "error" for t in self.result.tests):
            return False  # the suite broke: not a real failure of the solution
        return not self.expect or self.expect.lower() in _failure_text(self.result).lower()

    @property
    def problem(self) -> str:
        if self.ok:
            return ""
        if self.should_pass:
            first = self.result.first_failure
            return self.result.solution_error or (
                f"{first.name}: {first.message}" if first else "no tests ran"
            )
        if self.result.passed:
            return "passes every test: the suite lets this mistake through"
        errors = [t for t in self.result.tests if t.outcome == "error"]
        if errors:
            return f"{errors[0].name}: {errors[0].message}"
        return f"fails, but no failure mentions '{self.expect}'"


def _failure_text(result: GradingResult) -> str:
    parts = [result.solution_error]
    for test in result.tests:
        if not test.passed:
            parts += [test.message, test.diagnosis]
    return "\n".join(parts)


def expected_text(mistake: Path) -> str:
    with mistake.open(encoding="utf-8") as source:
        first = source.readline().strip()
    return first.removeprefix("# expect:").strip() if first.startswith("# expect:") else ""


def verify_exercise(
    exercise: Exercise,
    server: ForkServer,
    progress: Callable[[VerifyRow], None] | None = None,
) -> list[VerifyRow]:
    cases: list[tuple[Path, bool, str]] = [
        (exercise.reference, True, ""),
        (exercise.starter, False, ""),
    ]
    cases += [(m, False, expected_text(m)) for m in exercise.mistakes]
    rows = []
    for path, should_pass, expect in cases:
        relative = str(path.relative_to(exercise.path))
        result = grade_solution(exercise, path, server=server, display_name=relative)
        row = VerifyRow(exercise.id, relative, should_pass, result, expect)
        rows.append(row)
        if progress:
            progress(row)
    return rows


def verify_all(
    exercises: Iterable[Exercise], progress: Callable[[VerifyRow], None] | None = None
) -> list[VerifyRow]:
    rows: list[VerifyRow] = []
    servers: dict[str, ForkServer] = {}
    try:
        for exercise in exercises:
            if exercise.framework not in servers:
                servers[exercise.framework] = ForkServer(exercise.framework)
            rows += verify_exercise(exercise, servers[exercise.framework], progress)
    finally:
        for server in servers.values():
            server.close()
    return rows
