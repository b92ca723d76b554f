"""Several submissions in one pytest session (batch grading) get exactly the verdicts they get alone."""

from __future__ import annotations

from pathlib import Path

from lstm_quiz.grading.runner import grade_solution, grade_solutions

ROOT = Path(__file__).resolve().parents[2]
LSTM_CELL = ROOT / "exercises" / "lstm_cell"
SOLUTIONS = ROOT / "tests" / "data" / "solutions" / "lstm_cell"

CLASS = [
    LSTM_CELL / "reference.py",
    LSTM_CELL / "mistakes" / "gate_order_ifog.py",
    SOLUTIONS / "fail_syntax_error.py",
    SOLUTIONS / "fail_os_exit_at_import.py",
    SOLUTIONS / "pass_prints_output.py",
    SOLUTIONS / "fail_returns_nan.py",
    LSTM_CELL / "mistakes" / "gate_order_ifog.py",  # the same mistake again: the same diagnosis
    SOLUTIONS / "fail_wrong_function_name.py",
]


def verdict(result):  # type: ignore[no-untyped-def]
    return (
        result.solution,
        result.passed,
        result.solution_error,
        result.solution_output,
        [(t.name, t.outcome, t.message, t.diagnosis, t.output) for t in result.tests],
    )


def test_one_session_gives_each_file_its_own_verdict(registry, server_for) -> None:
    exercise = registry.get("lstm_cell")
    server = server_for("numpy")
    together = grade_solutions(exercise, [(path, path.name) for path in CLASS], server=server)
    alone = [
        grade_solution(exercise, path, server=server, display_name=path.name) for path in CLASS
    ]
    assert [verdict(r) for r in together] == [verdict(r) for r in alone]
    assert [r.passed for r in together] == [True, False, False, False, True, False, False, False]
    assert "gates ordered i,f,o,g" in together[6].tests[1].diagnosis
    assert not any("SUBMISSION" in t.name for r in together for t in r.tests)
