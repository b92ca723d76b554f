"""Progress statistics, computed from the store and the bank's question -> topic map.

Definitions (days are local calendar days, see `timeutil`):

- due today: questions of the bank answered before, not suspended, whose card
  is due before the end of today (overdue ones included);
- new left: questions of the bank never answered and not suspended;
- streak: the number of consecutive days with at least one answer, ending
  today, or yesterday if nothing was answered yet today (so a streak does not
  read 0 first thing in the morning); 0 when the last answer is older;
- reviews per day: answers per day over the last `weeks` weeks, today last,
  every day present (0 included); all answers count, even to questions no
  longer in the bank, since that work was done;
- mastery of a topic: the share of the topic's questions (suspended ones left
  out) whose card is in the Review state with a stability of at least
  `MASTERY_STABILITY_DAYS` days. FSRS stability is the interval after which
  recall drops to 90%, so this means "remembered for three weeks or more",
  the same line Anki draws between young and mature cards;
- forecast: how many of the bank's cards fall due on each of the next
  `FORECAST_DAYS` days, today first (today includes what is already overdue);
- leeches: the store's leeches that are still in the bank;
- maturity: the bank's questions by card state, as Anki counts them: new
  (never answered), learning (in fsrs's learning or relearning steps), young
  (Review with a stability under `MASTERY_STABILITY_DAYS`) and mature (the
  mastered ones); suspended ones are counted apart (never shown), and so are
  those buried at `now` (back tomorrow), which keep their state too;
- recent accuracy per topic: answers of the last `ACCURACY_DAYS` days to the
  topic's questions, and how many were right (Hard counts as right). This
  moves from the first day, where mastery needs three weeks to show anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from lstm_quiz.review.scheduler import State
from lstm_quiz.review.store import CardRecord, Leech, ProgressStore
from lstm_quiz.review.timeutil import end_of_local_day, local_date, utc_now

__all__ = [
    "ACCURACY_DAYS",
    "DEFAULT_WEEKS",
    "FORECAST_DAYS",
    "MASTERY_STABILITY_DAYS",
    "DayCount",
    "Maturity",
    "ProgressStats",
    "TopicAccuracy",
    "TopicMastery",
    "compute_stats",
    "due_forecast",
    "reviews_per_day",
    "streak_days",
    "topic_mastery",
]

MASTERY_STABILITY_DAYS = 21.0
ACCURACY_DAYS = 14
FORECAST_DAYS = 14
DEFAULT_WEEKS = 12


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class TopicMastery:
    topic: str
    total: int  # the topic's questions, suspended ones left out
    seen: int  # of those, answered at least once
    mastered: int

    @property
    def fraction(self) -> float:
        """mastered / total, 0.0 for a topic with no (unsuspended) questions."""
        return self.mastered / self.total if self.total else 0.0


@dataclass(frozen=True)
class Maturity:
    """The bank's questions by card state (suspended ones only in `suspended`)."""

    new: int = 0
    learning: int = 0
    young: int = 0
    mature: int = 0
    suspended: int = 0
    buried: int = 0  # hidden until tomorrow; also counted by their state above


@dataclass(frozen=True)
class TopicAccuracy:
    topic: str
    answered: int  # answers over the window (a question answered twice counts twice)
    right: int

    @property
    def fraction(self) -> float:
        return self.right / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class ProgressStats:
    today: date
    due_today: int
    new_left: int
    streak_days: int
    reviews_per_day: list[DayCount]
    mastery: list[TopicMastery]
    forecast: list[DayCount]
    leeches: list[Leech]
    maturity: Maturity = field(default_factory=Maturity)
    accuracy: list[TopicAccuracy] = field(default_factory=list)  # topics answered, by name


def is_mastered(record: CardRecord, stability_days: float = MASTERY_STABILITY_DAYS) -> bool:
    stability = record.card.stability
    return (
        record.card.state == State.Review and stability is not None and stability >= stability_days
    )


def streak_days(review_days: Iterable[date], today: date) -> int:
    """Consecutive days with a review, ending today or (if none today) yesterday."""
    days = set(review_days)
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def reviews_per_day(counts: Mapping[date, int], today: date, days: int) -> list[DayCount]:
    """The count of each of the `days` days ending with `today`, oldest first (0 if absent)."""
    first = today - timedelta(days=days - 1)
    window = [first + timedelta(days=n) for n in range(days)]
    return [DayCount(day, counts.get(day, 0)) for day in window]


def topic_mastery(
    records: Mapping[str, CardRecord],
    topics: Mapping[str, str],
    stability_days: float = MASTERY_STABILITY_DAYS,
) -> list[TopicMastery]:
    """Mastery per topic, topics sorted by name. `records` maps question id -> card."""
    totals: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    mastered: Counter[str] = Counter()
    for question_id, topic in topics.items():
        record = records.get(question_id)
        totals[topic] += 0  # every topic gets an entry, even if all its questions are suspended
        if record is not None and record.suspended:
            continue
        totals[topic] += 1
        if record is not None and record.reviewed:
            seen[topic] += 1
            if is_mastered(record, stability_days):
                mastered[topic] += 1
    return [
        TopicMastery(topic=topic, total=totals[topic], seen=seen[topic], mastered=mastered[topic])
        for topic in sorted(totals)
    ]


def card_maturity(
    records: Mapping[str, CardRecord],
    question_ids: Iterable[str],
    now: datetime,
    stability_days: float = MASTERY_STABILITY_DAYS,
) -> Maturity:
    """How many of `question_ids` are new, learning, young, mature, suspended, buried."""
    counts: Counter[str] = Counter()
    for question_id in question_ids:
        record = records.get(question_id)
        if record is not None and record.suspended:
            counts["suspended"] += 1
            continue
        if record is not None and record.buried_at(now):
            counts["buried"] += 1
        if record is None or not record.reviewed:
            counts["new"] += 1
        elif record.card.state in (State.Learning, State.Relearning):
            counts["learning"] += 1
        elif is_mastered(record, stability_days):
            counts["mature"] += 1
        else:
            counts["young"] += 1
    return Maturity(**counts)


def topic_accuracy(
    results: Iterable[tuple[str, bool]], topics: Mapping[str, str]
) -> list[TopicAccuracy]:
    """Answers and right answers per topic from (question id, right) pairs; topics by name."""
    answered: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for question_id, correct in results:
        topic = topics.get(question_id)
        if topic is None:  # no longer in the bank
            continue
        answered[topic] += 1
        right[topic] += correct
    return [TopicAccuracy(topic, answered[topic], right[topic]) for topic in sorted(answered)]


def due_forecast(
    due_times: Iterable[datetime], today: date, days: int, tz: tzinfo | None = None
) -> list[DayCount]:
    """How many of `due_times` fall on each of `days` days from `today`; overdue counts as today."""
    counts: Counter[date] = Counter()
    last = today + timedelta(days=days - 1)
    for due in due_times:
        day = max(local_date(due, tz), today)
        if day <= last:
            counts[day] += 1
    return [
        DayCount(today + timedelta(days=n), counts[today + timedelta(days=n)]) for n in range(days)
    ]


def compute_stats(
    store: ProgressStore,
    topics: Mapping[str, str],
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
    weeks: int = DEFAULT_WEEKS,
    forecast_days: int = FORECAST_DAYS,
    mastery_stability_days: float = MASTERY_STABILITY_DAYS,
) -> ProgressStats:
    """All the numbers of `lstm-quiz stats` (see the module docstring for definitions).

    `topics` maps each question id of the bank to its topic; `tz` None means
    the system's local time zone.
    """
    moment = now if now is not None else utc_now()
    today = local_date(moment, tz)
    records = {record.question_id: record for record in store.card_records(topics)}
    active = [r for r in records.values() if r.reviewed and not r.suspended]
    end_of_today = end_of_local_day(today, tz)
    due_today = sum(1 for record in active if record.card.due < end_of_today)
    new_left = sum(
        1
        for question_id in topics
        if (stored := records.get(question_id)) is None or not (stored.reviewed or stored.suspended)
    )
    review_days: Counter[date] = Counter()
    for quarter_hour, count in store.review_counts():
        review_days[local_date(quarter_hour, tz)] += count
    leeches = [leech for leech in store.leeches() if leech.question_id in topics]
    return ProgressStats(
        today=today,
        due_today=due_today,
        new_left=new_left,
        streak_days=streak_days(review_days, today),
        reviews_per_day=reviews_per_day(review_days, today, weeks * 7),
        mastery=topic_mastery(records, topics, mastery_stability_days),
        forecast=due_forecast((r.card.due for r in active), today, forecast_days, tz),
        leeches=leeches,
        maturity=card_maturity(records, topics, moment, mastery_stability_days),
        accuracy=topic_accuracy(
            store.results_since(moment - timedelta(days=ACCURACY_DAYS)), topics
        ),
    )
