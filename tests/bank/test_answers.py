"""Reading typed answers and checking them."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstm_quiz.bank.answers import (
    AnswerInputError,
    is_correct,
    open_rating_is_right,
    parse_answer,
    parse_multiple,
    parse_number,
    parse_rating,
    parse_single,
    parse_true_false,
)
from lstm_quiz.bank.loader import load_bank
from lstm_quiz.bank.models import Question

COURSE = Path(__file__).resolve().parents[1] / "data" / "bank" / "course"


@pytest.fixture(scope="module")
def questions() -> dict[str, Question]:
    return load_bank([str(COURSE)]).by_id


@pytest.mark.parametrize(
    ("text", "index"), [("1", 0), ("3", 2), (" b ", 1), ("C", 2), ("2.", 1), ("c)", 2)]
)
def test_single_by_number_or_letter(text: str, index: int) -> None:
    assert parse_single(text, 3) == index


@pytest.mark.parametrize("text", ["", "0", "4", "d", "1,2", "one", "-1"])
def test_single_rejects(text: str) -> None:
    with pytest.raises(AnswerInputError, match="1-3 or a-c"):
        parse_single(text, 3)


@pytest.mark.parametrize(
    ("text", "indices"),
    [
        ("1,3", {0, 2}),
        ("1 3", {0, 2}),
        ("3, 1", {0, 2}),
        ("a c", {0, 2}),
        ("ac", {0, 2}),
        ("2", {1}),
        ("1，3", {0, 2}),
        ("1 1", {0}),
    ],
)
def test_multiple_forms(text: str, indices: set[int]) -> None:
    assert parse_multiple(text, 3) == indices


@pytest.mark.parametrize("text", ["", "  ", "1,4", "x", "1;z"])
def test_multiple_rejects(text: str) -> None:
    with pytest.raises(AnswerInputError):
        parse_multiple(text, 3)


@pytest.mark.parametrize("text", ["t", "T", "true", "y", "yes", "1", "对", "是"])
def test_true_words(text: str) -> None:
    assert parse_true_false(text) is True


@pytest.mark.parametrize("text", ["f", "false", "n", "No", "2", "错", "否"])
def test_false_words(text: str) -> None:
    assert parse_true_false(text) is False


# 1 and 2 are true and false, as in the TUI.
@pytest.mark.parametrize("text", ["", "maybe", "3", "tf"])
def test_true_false_rejects(text: str) -> None:
    with pytest.raises(AnswerInputError, match="t or f"):
        parse_true_false(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12.0), (" -0.5 ", -0.5), ("1e-3", 1e-3), ("1_000", 1000.0), ("−2", -2.0)],
)
def test_numbers(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "twelve", "nan", "inf", "1,5"])
def test_numbers_reject(text: str) -> None:
    with pytest.raises(AnswerInputError):
        parse_number(text)


@pytest.mark.parametrize(("text", "rating"), [("1", 1), ("4", 4), ("good", 3), ("Easy", 4)])
def test_ratings(text: str, rating: int) -> None:
    assert parse_rating(text) == rating


@pytest.mark.parametrize("text", ["", "0", "5", "ok"])
def test_ratings_reject(text: str) -> None:
    with pytest.raises(AnswerInputError, match="1 Again, 2 Hard, 3 Good, 4 Easy"):
        parse_rating(text)


def test_checking_each_type(questions: dict[str, Question]) -> None:
    single, multiple = questions["course-single"], questions["course-multiple"]
    true_false, numeric = questions["course-true-false"], questions["course-numeric"]
    assert is_correct(single, parse_answer(single, "2"))
    assert not is_correct(single, parse_answer(single, "a"))
    assert is_correct(multiple, parse_answer(multiple, "1,3"))
    assert not is_correct(multiple, parse_answer(multiple, "1"))
    assert not is_correct(multiple, parse_answer(multiple, "1,2,3"))
    assert is_correct(true_false, parse_answer(true_false, "对"))
    assert not is_correct(true_false, parse_answer(true_false, "f"))
    assert is_correct(numeric, parse_answer(numeric, "12.5"))  # tolerance 0.5, inclusive
    assert is_correct(numeric, parse_answer(numeric, "11.5"))
    assert not is_correct(numeric, parse_answer(numeric, "12.51"))


def test_open_questions_are_self_rated(questions: dict[str, Question]) -> None:
    with pytest.raises(ValueError):
        parse_answer(questions["course-open"], "anything")
    assert [open_rating_is_right(r) for r in (1, 2, 3, 4)] == [
        False,
        True,
        True,
        True,
    ]  # Hard is a pass
