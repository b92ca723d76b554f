"""Example learner solutions with known verdicts, in the spirit of exercism's test runner.

Each file in tests/data/solutions/<exercise>/ starts with `# expect: pass` or
`# expect: TEXT`, where TEXT must appear in the failure the learner sees.
Files named fail_* must fail, pass_* must pass; none may hang the grader.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lstm_quiz.grading.runner import grade_solution
from lstm_quiz.grading.verify import expected_text

SOLUTIONS = Path(__file__).resolve().parents[1] / "data" / "solutions"
CASES = sorted(SOLUTIONS.glob("*/*.py"))


def failure_text(result) -> str:
    parts = [result.solution_error]
    for test in result.tests:
        if not test.passed:
            parts += [test.message, test.diagnosis]
    return "\n".join(parts)


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_example_solution_gets_its_verdict(path: Path, registry, server_for) -> None:
    exercise = registry.get(path.parent.name)
    if exercise.framework == "torch":
        pytest.importorskip("torch")
    started = time.monotonic()
    result = grade_solution(exercise, path, server=server_for(exercise.framework))
    elapsed = time.monotonic() - started
    expect = expected_text(path)
    assert expect, f"{path.name} has no '# expect:' line"
    assert not any(t.outcome == "error" for t in result.tests), failure_text(result)
    if path.stem.startswith("pass_"):
        assert result.passed, failure_text(result)
    else:
        assert not result.passed, f"{path.name} was graded as passing"
        assert expect.lower() in failure_text(result).lower(), failure_text(result)
    # A looping solution costs at most two call limits plus the import limit.
    assert elapsed < 3 * exercise.call_seconds + 5


def test_printed_output_is_captured_not_parsed(registry, fork_server) -> None:
    result = grade_solution(
        registry.get("lstm_cell"),
        SOLUTIONS / "lstm_cell" / "pass_prints_output.py",
        server=fork_server,
    )
    assert result.passed
    assert result.solution_output == "module loaded"
    assert "shapes (2, 3) (2, 4)" in result.tests[0].output


def test_fake_pytest_summary_does_not_count(registry, fork_server) -> None:
    result = grade_solution(
        registry.get("lstm_cell"),
        SOLUTIONS / "lstm_cell" / "fail_fake_pytest_output.py",
        server=fork_server,
    )
    assert result.passed_count < len(result.tests)
    assert (
        "12 passed" in result.solution_output
    )  # shown to the learner as their output, nothing more


def test_import_failure_is_reported_once(registry, fork_server) -> None:
    result = grade_solution(
        registry.get("lstm_cell"),
        SOLUTIONS / "lstm_cell" / "fail_syntax_error.py",
        server=fork_server,
    )
    assert "SyntaxError" in result.solution_error
    assert "line 5" in result.solution_error
    assert result.passed_count == 0


def test_exception_names_the_learners_line(registry, fork_server) -> None:
    result = grade_solution(
        registry.get("lstm_cell"), SOLUTIONS / "lstm_cell" / "fail_exception.py", server=fork_server
    )
    first = result.first_failure
    assert first is not None
    assert "line 6: z = x @ W_ih + h_prev @ W_hh" in first.message
