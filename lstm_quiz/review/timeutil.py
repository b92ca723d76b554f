"""Time conventions of the progress store.

Every instant is a UTC-aware `datetime`. The database keeps instants as text in
one fixed format (always with microseconds and a trailing `Z`), so that text
order is time order and `WHERE due <= ?` works on the column directly.
Calendar days ("today", reviews per day, streaks) are local days: `tz=None`
means the system's local zone, resolved per instant so DST changes are right.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

_DB_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive datetime is refused, since its zone is a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got naive {moment!r}")
    # fsrs checks `tzinfo == timezone.utc` literally, so normalise the tzinfo object too.
    return moment.astimezone(UTC)


def to_db(moment: datetime) -> str:
    return to_utc(moment).strftime(_DB_FORMAT)


def from_db(text: str) -> datetime:
    # fromisoformat reads the fixed format (and its "Z", since 3.11) some 30
    # times faster than strptime, which matters for years of answers in stats.
    return datetime.fromisoformat(text)


def local_date(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day of `moment` in `tz` (None: the system's local zone)."""
    return moment.astimezone(tz).date()


def start_of_local_day(day: date, tz: tzinfo | None = None) -> datetime:
    """The UTC instant at which `day` begins in `tz` (None: the system's local zone)."""
    if tz is None:
        # A naive datetime passed to astimezone() is taken as system local time.
        return datetime.combine(day, time()).astimezone(UTC)
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


def end_of_local_day(day: date, tz: tzinfo | None = None) -> datetime:
    """The UTC instant at which the day after `day` begins in `tz`."""
    return start_of_local_day(day + timedelta(days=1), tz)
