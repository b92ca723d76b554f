from __future__ import annotations

from datetime import timedelta

import pytest

from lstm_quiz.errors import UsageError
from lstm_quiz.review.scheduler import (
    Rating,
    ReviewScheduler,
    State,
    card_id_for,
    parse_rating,
    rating_for_result,
    validate_desired_retention,
)

from .helpers import NOW


def test_auto_graded_results_map_to_good_and_again() -> None:
    assert rating_for_result(True) is Rating.Good
    assert rating_for_result(False) is Rating.Again


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Rating.Hard, Rating.Hard),
        (1, Rating.Again),
        ("4", Rating.Easy),
        ("good", Rating.Good),
        (" Hard ", Rating.Hard),
        ("AGAIN", Rating.Again),
    ],
)
def test_parse_rating_accepts_enum_number_and_name(value: object, expected: Rating) -> None:
    assert parse_rating(value) is expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [0, 5, "meh", True, 2.0, ""])
def test_parse_rating_rejects_anything_else(value: object) -> None:
    with pytest.raises(UsageError, match="again, hard, good, easy"):
        parse_rating(value)  # type: ignore[arg-type]


def test_desired_retention_is_checked() -> None:
    assert validate_desired_retention(0.9) == 0.9
    assert validate_desired_retention("0.85") == 0.85
    for bad in (0.5, 1.0, 1, "x", None, True):
        with pytest.raises(UsageError, match="desired retention"):
            validate_desired_retention(bad)
    with pytest.raises(UsageError):
        ReviewScheduler(0.2)


def test_card_ids_are_stable_positive_and_distinct() -> None:
    assert card_id_for("lstm.gates.1") == card_id_for("lstm.gates.1")
    assert card_id_for("lstm.gates.1") != card_id_for("lstm.gates.2")
    assert 0 < card_id_for("x") < 2**63


def test_new_card_is_learning_and_due_now() -> None:
    card = ReviewScheduler().new_card("q", NOW)
    assert card.state is State.Learning
    assert card.due == NOW
    assert card.last_review is None
    assert card.card_id == card_id_for("q")


def test_review_leaves_the_input_card_alone() -> None:
    scheduler = ReviewScheduler(enable_fuzzing=False)
    card = scheduler.new_card("q", NOW)
    after = scheduler.review(card, Rating.Good, NOW, timedelta(seconds=3))
    assert card.last_review is None
    assert after.last_review == NOW
    assert after.due > NOW


def _interval_after_graduating(retention: float) -> timedelta:
    """Answer Good until the card reaches Review, then once more; return that interval."""
    scheduler = ReviewScheduler(retention, enable_fuzzing=False)
    card = scheduler.new_card("q", NOW)
    moment = NOW
    while card.state is not State.Review:
        card = scheduler.review(card, Rating.Good, moment)
        moment = card.due
    card = scheduler.review(card, Rating.Good, moment)
    return card.due - moment


def test_desired_retention_reaches_fsrs() -> None:
    # Remembering more of the time needs more frequent reviews.
    assert _interval_after_graduating(0.97) < _interval_after_graduating(0.9)
    assert _interval_after_graduating(0.9) < _interval_after_graduating(0.75)


def test_retrievability_falls_with_time() -> None:
    scheduler = ReviewScheduler(enable_fuzzing=False)
    card = scheduler.review(scheduler.new_card("q", NOW), Rating.Good, NOW)
    assert scheduler.retrievability(scheduler.new_card("q", NOW), NOW) == 0
    later = scheduler.retrievability(card, NOW + timedelta(days=2))
    much_later = scheduler.retrievability(card, NOW + timedelta(days=30))
    assert 0 < much_later < later < 1
