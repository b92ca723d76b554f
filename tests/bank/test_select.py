"""Selecting a session's questions: filters, seeded shuffle, count."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstm_quiz.bank.loader import load_bank
from lstm_quiz.bank.models import Bank
from lstm_quiz.bank.select import check_filters, parse_difficulties, select_questions
from lstm_quiz.errors import UsageError

COURSE = Path(__file__).resolve().parents[1] / "data" / "bank" / "course"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank([str(COURSE)])


def ids(questions) -> list[str]:  # type: ignore[no-untyped-def]
    return [q.id for q in questions]


def test_filters_combine_and_each_matches_any_of_its_values(bank: Bank) -> None:
    chosen = select_questions(bank, topics=["course_extras"], shuffle=False)
    assert ids(chosen) == [
        "course-single",
        "course-multiple",
        "course-true-false",
        "course-numeric",
        "course-open",
    ]
    assert ids(select_questions(chosen, difficulties=[1], shuffle=False)) == [
        "course-single",
        "course-true-false",
    ]
    assert ids(select_questions(chosen, tags=["week-1"], shuffle=False)) == [
        "course-single",
        "course-open",
    ]
    assert ids(
        select_questions(chosen, tags=["gates", "week-1"], difficulties=[2], shuffle=False)
    ) == [
        "course-multiple",
        "course-open",
    ]
    assert ids(select_questions(chosen, types=["numeric", "open"], shuffle=False)) == [
        "course-numeric",
        "course-open",
    ]


def test_the_shuffle_is_reproducible_with_a_seed_and_count_keeps_a_prefix(bank: Bank) -> None:
    first = select_questions(bank, seed=7)
    assert ids(first) == ids(select_questions(bank, seed=7))
    assert ids(first) != ids(select_questions(bank, seed=8))
    assert sorted(ids(first)) == sorted(ids(bank))
    assert ids(select_questions(bank, seed=7, count=5)) == ids(first)[:5]
    assert select_questions(bank, count=0) == []


def test_no_filter_keeps_everything_in_order_without_shuffle(bank: Bank) -> None:
    assert ids(select_questions(bank, shuffle=False)) == ids(bank)


def test_a_negative_count_is_a_usage_error(bank: Bank) -> None:
    with pytest.raises(UsageError):
        select_questions(bank, count=-1)


def test_unknown_filters_are_usage_errors_with_a_suggestion(bank: Bank) -> None:
    with pytest.raises(UsageError, match="did you mean 'lstm_architecture'"):
        check_filters(bank, topics=["lstm_architectur"])
    with pytest.raises(UsageError, match="unknown tag 'gatez'"):
        check_filters(bank, tags=["gatez"])
    with pytest.raises(UsageError, match="1, 2 or 3"):
        check_filters(bank, difficulties=[4])
    check_filters(bank, topics=["course_extras"], tags=["week-1"], difficulties=[1, 3])


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], []), (["2"], [2]), (["1,3"], [1, 3]), (["1-2", "3"], [1, 2, 3]), (["2", "2"], [2])],
)
def test_parse_difficulties(values: list[str], expected: list[int]) -> None:
    assert parse_difficulties(values) == expected


@pytest.mark.parametrize("value", ["hard", "0", "1-4", "", "1,,x"])
def test_parse_difficulties_rejects_nonsense(value: str) -> None:
    with pytest.raises(UsageError):
        parse_difficulties([value])
