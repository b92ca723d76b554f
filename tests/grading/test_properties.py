"""The drawn cases of the hidden suites: the same every run, corners first, failures readable."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstm_quiz.grading.expect import GradingFailure
from lstm_quiz.grading.properties import Case, cases, check_cases, corner_cases
from lstm_quiz.grading.sandbox import CallFailure

RANGES = {"N": (1, 4), "D": (1, 6), "H": (1, 5)}


def drawn() -> list[Case]:
    seen: list[Case] = []
    check_cases(cases(**RANGES), seen.append, corners=corner_cases(**RANGES), max_examples=20)
    return seen


def test_cases_are_the_same_every_run_and_stay_in_range() -> None:
    first, second = drawn(), drawn()
    assert first == second
    assert len(first) > 20  # the corners, then the drawn ones
    for case in first:
        assert all(lo <= case[k] <= hi for k, (lo, hi) in RANGES.items())
        assert list(case.sizes) == list(RANGES)  # shown in a fixed order


def test_corners_come_first_with_the_degenerate_sizes() -> None:
    corners = corner_cases(**RANGES)
    assert drawn()[: len(corners)] == corners
    sizes = [dict(c.sizes) for c in corners]
    assert {"N": 1, "D": 1, "H": 1} in sizes
    assert any(s["D"] == s["H"] > 1 for s in sizes)
    assert any(c.zero for c in corners) and str(corners[-1]).endswith("all-zero inputs")


def test_the_first_failure_is_raised_as_it_is_and_stops_the_run() -> None:
    calls: list[Case] = []

    def check(case: Case) -> None:
        calls.append(case)
        if case["H"] == 2:
            raise GradingFailure(f"h is wrong (drawn case: {case})", "a diagnosis")

    with pytest.raises(GradingFailure) as caught:
        check_cases(cases(**RANGES), check, max_examples=30)
    assert caught.value.message.startswith("h is wrong (drawn case: N=")
    assert caught.value.diagnosis == "a diagnosis"
    assert not hasattr(caught.value, "__notes__")  # no falsifying-example dump
    assert calls[-1]["H"] == 2  # nothing ran after the failure


def test_an_exception_in_the_learner_s_code_says_on_which_sizes() -> None:
    def check(case: Case) -> None:
        raise CallFailure("exception", "lstm_cell() raised ValueError: shapes (line 3: x @ W)")

    with pytest.raises(CallFailure) as caught:
        check_cases(cases(**RANGES), check, corners=corner_cases(**RANGES))
    assert caught.value.message.endswith("; the inputs: N=1, D=1, H=1")


def test_nothing_is_written_into_the_current_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    drawn()
    assert list(tmp_path.iterdir()) == []
