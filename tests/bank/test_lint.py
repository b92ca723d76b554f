"""`bank lint`: each answer tell found on a small bank, none on a balanced one, figures, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_quiz.bank.lint import lint_bank
from lstm_quiz.bank.loader import bank_dirs, check_paths

DATA = Path(__file__).resolve().parents[1] / "data" / "bank" / "lint"
TELLS = DATA / "tells"
BALANCED = DATA / "balanced"


def lint(folder: Path):  # type: ignore[no-untyped-def]
    report = check_paths([folder], context=bank_dirs())
    assert not report.problems, report.problems
    return lint_bank(report.questions)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lstm_quiz", "bank", "lint", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.mark.parametrize(
    ("question_id", "fragment"),
    [
        ("lint-longest", "the right choice is 4.2x as long as the longest distractor"),
        ("lint-above", "choice 3 is an 'all/none of the above' choice"),
        ("lint-absolute", "absolute words (always, never, 从不, 总是) appear only in distractors"),
        ("lint-echo", "the right choice repeats 5 words of the prompt, the distractors at most 0"),
        ("lint-duplicate", "its prompt is the same as that of 'lint-longest'"),
    ],
)
def test_each_tell_is_found_at_its_question(question_id: str, fragment: str) -> None:
    warnings = [str(w) for w in lint(TELLS).warnings]
    located = [w for w in warnings if f": question '{question_id}': " in w]
    assert any(fragment in w for w in located), warnings
    assert all(w.startswith("tests/data/bank/lint/tells/rnn_basics.yaml:") for w in located)


def test_the_same_position_across_unshuffled_questions_is_a_file_note() -> None:
    [note] = [w for w in lint(TELLS).warnings if "shuffle: false" in w.message]
    assert note.line == 1
    assert (
        "3 of the 3 single questions with shuffle: false have the right choice at position 1"
        in (note.message)
    )


def test_a_balanced_question_raises_no_warning() -> None:
    assert lint(BALANCED).warnings == []


def test_the_figures() -> None:
    figures = lint(TELLS).figures
    # 8 single questions; the right choice is strictly the longest in the first five
    # (the three shuffle: false ones tie in length).
    assert (figures.single_questions, figures.single_longest) == (8, 5)
    assert figures.longest_share == pytest.approx(5 / 8)
    assert figures.multiple_questions == 1
    right = (
        len("Clipping the gradient norm before the optimizer step")
        + len("A smaller learning rate for the recurrent weights")
    ) / 2
    wrong = (len("More epochs") + len("Larger batches")) / 2
    assert figures.multiple_gap == pytest.approx((right - wrong) / wrong)


def test_exit_codes() -> None:
    over = run(str(TELLS))
    assert over.returncode == 1, over.stderr
    assert "right choice strictly the longest in 5 of 8 (62%; max 35%): over" in over.stdout
    ok = run(str(BALANCED))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    loose = run(str(TELLS), "--max-longest-share", "0.9", "--max-multiple-gap", "4")
    assert loose.returncode == 0, loose.stdout  # warnings alone do not fail...
    assert "question 'lint-echo'" in loose.stdout
    strict = run(str(TELLS), "--max-longest-share", "0.9", "--max-multiple-gap", "4", "--strict")
    assert strict.returncode == 1  # ...unless --strict
    bad = run("--max-longest-share", "lots")
    assert bad.returncode == 2 and "not a number" in bad.stderr


def test_json() -> None:
    result = run(str(TELLS), "--json")
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["figures"]["single_right_longest"] == 5
    assert {w["question"] for w in data["warnings"]} >= {"question 'lint-echo'", None}
