from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from lstm_quiz.review.timeutil import (
    end_of_local_day,
    from_db,
    local_date,
    start_of_local_day,
    to_db,
    to_utc,
)

PLUS_8 = timezone(timedelta(hours=8))


def test_to_utc_converts_other_zones_and_refuses_naive() -> None:
    moment = datetime(2025, 1, 1, 8, 0, tzinfo=PLUS_8)
    assert to_utc(moment) == datetime(2025, 1, 1, 0, 0, tzinfo=UTC)
    assert to_utc(moment).tzinfo is UTC
    with pytest.raises(ValueError, match="timezone-aware"):
        to_utc(datetime(2025, 1, 1))


def test_db_text_round_trips_and_sorts_in_time_order() -> None:
    moments = [
        datetime(2025, 1, 1, 0, 0, 0, tzinfo=UTC),
        datetime(2025, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
        datetime(2025, 1, 1, 0, 0, 1, tzinfo=UTC),
        datetime(2025, 1, 1, 9, 0, tzinfo=PLUS_8) + timedelta(hours=1),  # 02:00 UTC
    ]
    texts = [to_db(moment) for moment in moments]
    assert [from_db(text) for text in texts] == moments
    assert sorted(texts) == texts


def test_local_days_follow_the_given_zone() -> None:
    # 20:00 UTC on 1 Jan is 04:00 on 2 Jan in UTC+8.
    moment = datetime(2025, 1, 1, 20, 0, tzinfo=UTC)
    assert local_date(moment, UTC) == date(2025, 1, 1)
    assert local_date(moment, PLUS_8) == date(2025, 1, 2)
    assert start_of_local_day(date(2025, 1, 2), PLUS_8) == datetime(2025, 1, 1, 16, 0, tzinfo=UTC)
    assert end_of_local_day(date(2025, 1, 2), PLUS_8) == datetime(2025, 1, 2, 16, 0, tzinfo=UTC)


def test_system_local_zone_is_the_default() -> None:
    moment = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    assert local_date(moment) == moment.astimezone().date()
    start = start_of_local_day(local_date(moment))
    assert start.astimezone().time().hour == 0
    assert start <= moment < end_of_local_day(local_date(moment))
