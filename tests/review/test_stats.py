from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from lstm_quiz.review.scheduler import Card, Rating, State
from lstm_quiz.review.stats import (
    MASTERY_STABILITY_DAYS,
    DayCount,
    TopicMastery,
    compute_stats,
    due_forecast,
    is_mastered,
    reviews_per_day,
    streak_days,
    topic_mastery,
)
from lstm_quiz.review.store import CardRecord, ProgressStore

from .helpers import NOW

PLUS_8 = timezone(timedelta(hours=8))
TODAY = date(2025, 3, 10)


def days_before(n: int) -> date:
    return TODAY - timedelta(days=n)


# ---------------------------------------------------------------- the parts


@pytest.mark.parametrize(
    ("review_days", "expected"),
    [
        ([], 0),
        ([days_before(0)], 1),
        ([days_before(1)], 1),  # nothing yet today: the streak still stands
        ([days_before(2)], 0),
        ([days_before(0), days_before(1), days_before(2), days_before(4)], 3),
        ([days_before(1), days_before(2), days_before(3)], 3),
        ([days_before(0), days_before(0), days_before(2)], 1),
    ],
)
def test_streak_counts_consecutive_days_ending_today_or_yesterday(
    review_days: list[date], expected: int
) -> None:
    assert streak_days(review_days, TODAY) == expected


def test_reviews_per_day_fills_every_day_of_the_window() -> None:
    review_days = [days_before(0), days_before(0), days_before(3), days_before(30)]
    counts = reviews_per_day(Counter(review_days), TODAY, 7)
    assert [c.day for c in counts] == [days_before(n) for n in range(6, -1, -1)]
    assert [c.count for c in counts] == [0, 0, 0, 1, 0, 0, 2]


def test_forecast_puts_overdue_cards_on_today() -> None:
    at = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
    dues = [
        at - timedelta(days=3),  # overdue
        at,
        at + timedelta(days=1),
        at + timedelta(days=13),
        at + timedelta(days=14),  # outside a 14-day forecast
    ]
    forecast = due_forecast(dues, TODAY, 14, UTC)
    assert len(forecast) == 14
    assert forecast[0] == DayCount(TODAY, 2)
    assert forecast[1] == DayCount(TODAY + timedelta(days=1), 1)
    assert forecast[13] == DayCount(TODAY + timedelta(days=13), 1)
    assert sum(day.count for day in forecast) == 4


def record(
    question_id: str,
    state: State,
    stability: float | None,
    *,
    suspended: bool = False,
    reviewed: bool = True,
) -> CardRecord:
    card = Card(
        card_id=1,
        state=state,
        step=None if state is State.Review else 0,
        stability=stability,
        difficulty=5.0 if stability else None,
        due=NOW,
        last_review=NOW if reviewed else None,
    )
    return CardRecord(question_id=question_id, card=card, suspended=suspended)


def test_mastery_is_review_state_with_three_weeks_of_stability() -> None:
    assert MASTERY_STABILITY_DAYS == 21
    assert is_mastered(record("a", State.Review, 21.0))
    assert not is_mastered(record("a", State.Review, 20.9))
    assert not is_mastered(record("a", State.Relearning, 80.0))  # just forgotten
    assert not is_mastered(record("a", State.Learning, 30.0))


def test_topic_mastery_counts_questions_of_the_bank() -> None:
    records = {
        r.question_id: r
        for r in [
            record("l1", State.Review, 40.0),
            record("l2", State.Review, 3.0),
            record("l3", State.Review, 90.0, suspended=True),  # left out
            record("g1", State.Review, 40.0, suspended=True),
            record("old", State.Review, 40.0),  # not in the bank any more
        ]
    }
    topics = {"l1": "lstm", "l2": "lstm", "l3": "lstm", "l4": "lstm", "g1": "gru"}
    assert topic_mastery(records, topics) == [
        TopicMastery(topic="gru", total=0, seen=0, mastered=0),
        TopicMastery(topic="lstm", total=3, seen=2, mastered=1),
    ]
    assert topic_mastery(records, topics)[1].fraction == pytest.approx(1 / 3)
    assert topic_mastery(records, topics)[0].fraction == 0.0


# ------------------------------------------------------------ all together


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """A local time in UTC+8, as the UTC instant the store wants."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PLUS_8).astimezone(UTC)


def test_compute_stats_over_a_real_store(store: ProgressStore) -> None:
    now = local(TODAY, 17, 30)
    topics = {
        "a1": "lstm",
        "a2": "lstm",
        "a3": "lstm",
        "a4": "lstm",
        "g1": "gru",
        "g2": "gru",
        "c1": "cells",
    }
    # a1: mastered long ago (outside the window and the streak), due in ~3 months.
    for days_ago in (200, 190, 160):
        store.record_answer("a1", Rating.Easy, session_id="old", now=now - timedelta(days=days_ago))
    a1 = store.card("a1")
    assert a1 is not None and a1.card.state is State.Review
    assert a1.card.stability is not None and a1.card.stability > 100
    assert a1.card.due > now + timedelta(days=14)
    # a2: six wrong answers late on 8 March, local time (still 8 March in UTC).
    for minute in range(6):
        store.record_answer(
            "a2", correct=False, session_id="s1", now=local(days_before(2), 23, minute)
        )
    # g1: 00:30 on 9 March local, which is 8 March in UTC.
    g1_at = local(days_before(1), 0, 30)
    assert g1_at.date() == days_before(2)
    store.record_answer("g1", "hard", session_id="s2", now=g1_at)
    # a3 this morning; "gone" (no longer in the bank) six times wrong this afternoon.
    store.record_answer("a3", "hard", session_id="s3", now=local(TODAY, 8))
    for minute in range(6):
        store.record_answer("gone", correct=False, session_id="s3", now=local(TODAY, 16, minute))
    store.suspend("g2", now=now)

    stats = compute_stats(store, topics, now=now, tz=PLUS_8, weeks=1)

    assert stats.today == TODAY
    # a2 (Again), g1 and a3 (Hard: a pass, but a new card stays in its 10-minute
    # learning step) are due; a1 is not.
    assert stats.due_today == 3
    assert stats.new_left == 2  # a4 and c1; g2 is suspended
    assert stats.streak_days == 3
    assert stats.reviews_per_day == [
        DayCount(days_before(6), 0),
        DayCount(days_before(5), 0),
        DayCount(days_before(4), 0),
        DayCount(days_before(3), 0),
        DayCount(days_before(2), 6),
        DayCount(days_before(1), 1),
        DayCount(TODAY, 7),
    ]
    assert stats.mastery == [
        TopicMastery(topic="cells", total=1, seen=0, mastered=0),
        TopicMastery(topic="gru", total=1, seen=1, mastered=0),
        TopicMastery(topic="lstm", total=4, seen=3, mastered=1),
    ]
    assert len(stats.forecast) == 14
    assert stats.forecast[0] == DayCount(TODAY, 3)
    assert sum(day.count for day in stats.forecast) == 3
    assert [leech.question_id for leech in stats.leeches] == ["a2"]


def test_today_ends_at_local_midnight(store: ProgressStore) -> None:
    # A card due at 23:00 local is due today; one due at 01:00 tomorrow is not.
    # Again: a 10-minute learning step.
    store.record_answer("late", correct=False, session_id="s", now=local(TODAY, 22, 50))
    store.record_answer(
        "early", correct=False, session_id="s", now=local(TODAY + timedelta(days=1), 0, 50)
    )
    stats = compute_stats(
        store, {"late": "t", "early": "t"}, now=local(TODAY, 9), tz=PLUS_8, weeks=1
    )
    assert stats.due_today == 1
    assert stats.forecast[1] == DayCount(TODAY + timedelta(days=1), 1)


def test_empty_store_gives_empty_stats(store: ProgressStore) -> None:
    stats = compute_stats(store, {"q": "lstm"}, now=NOW, tz=UTC)
    assert (stats.due_today, stats.new_left, stats.streak_days) == (0, 1, 0)
    assert len(stats.reviews_per_day) == 12 * 7
    assert all(day.count == 0 for day in stats.reviews_per_day)
    assert stats.mastery == [TopicMastery(topic="lstm", total=1, seen=0, mastered=0)]
    assert stats.leeches == []


def test_days_follow_daylight_saving_time(store: ProgressStore) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        berlin = ZoneInfo("Europe/Berlin")
    except ZoneInfoNotFoundError:
        pytest.skip("no time zone database")
    # Summer time starts on 30 March 2025: 23:30 local that evening is 21:30 UTC.
    summer_evening = datetime(2025, 3, 30, 21, 30, tzinfo=UTC)
    store.record_answer("q", correct=True, session_id="s", now=summer_evening)
    stats = compute_stats(store, {"q": "t"}, now=summer_evening, tz=berlin, weeks=1)
    assert stats.today == date(2025, 3, 30)
    assert stats.reviews_per_day[-1] == DayCount(date(2025, 3, 30), 1)


def test_maturity_and_recent_accuracy_from_day_one(store: ProgressStore) -> None:
    from lstm_quiz.review.stats import ACCURACY_DAYS, Maturity, TopicAccuracy

    topics = {"n": "a", "l": "a", "y": "b", "m": "b", "s": "b", "buried": "a", "old": "b"}
    store.record_answer("l", correct=False, session_id="s", now=NOW)  # Again: learning
    store.record_answer("y", correct=True, session_id="s", now=NOW)  # Review, a few days
    # Mature: right answers spread out until stability passes 21 days.
    moment = NOW - timedelta(days=300)
    for _ in range(8):
        store.record_answer("m", correct=True, session_id="s", now=moment)
        record = store.card("m")
        assert record is not None
        moment = record.due
        if (record.stability or 0) >= 21 and moment > NOW - timedelta(days=1):
            break
    store.suspend("s", now=NOW)
    store.bury("buried", until=NOW + timedelta(hours=10), now=NOW)
    # An answer older than the accuracy window does not count in it.
    store.record_answer("old", correct=False, session_id="s", now=NOW - timedelta(days=30))
    stats = compute_stats(store, topics, now=NOW, tz=UTC, weeks=1)
    mature = store.card("m")
    assert mature is not None and (mature.stability or 0) >= 21
    assert stats.maturity == Maturity(
        new=2, learning=2, young=1, mature=1, suspended=1, buried=1
    )  # new: n and buried (buried keeps its state); learning: l and old (Again)
    recent = NOW - timedelta(days=ACCURACY_DAYS)
    m_recent = [r for r in store.reviews(question_id="m") if r.answered_at >= recent]
    assert stats.accuracy == [
        TopicAccuracy("a", answered=1, right=0),
        TopicAccuracy("b", answered=1 + len(m_recent), right=1 + len(m_recent)),
    ]
