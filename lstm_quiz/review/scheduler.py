"""Spaced-repetition scheduling: a thin, typed layer over the `fsrs` package.

One fsrs `Card` per question id. Auto-graded answers become ratings (wrong ->
Again, right -> Good); open questions are self-rated Again/Hard/Good/Easy by
the learner; Hard is a pass (recalled with effort), as in FSRS and Anki. The scheduling itself is fsrs's: nothing here computes intervals.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

from lstm_quiz.errors import UsageError
from lstm_quiz.review.timeutil import to_utc

__all__ = [
    "DEFAULT_DESIRED_RETENTION",
    "MAX_DESIRED_RETENTION",
    "MIN_DESIRED_RETENTION",
    "Card",
    "Rating",
    "ReviewScheduler",
    "State",
    "card_id_for",
    "parse_rating",
    "rating_for_result",
    "validate_desired_retention",
]

DEFAULT_DESIRED_RETENTION = 0.9
# Anki's bounds: below 0.7 intervals grow so long that most answers are
# forgotten; above 0.99 the review load explodes for almost no gain.
MIN_DESIRED_RETENTION = 0.7
MAX_DESIRED_RETENTION = 0.99

# One learning step of 10 minutes (fsrs's default is 1 min then 10 min): a
# new question answered right graduates at once, since a checked answer shows
# recall; one missed (or rated Hard) comes back in the same session after ten
# minutes, or a few other cards (see `session.practice`). Relearning keeps
# fsrs's default single 10-minute step.
LEARNING_STEPS = (timedelta(minutes=10),)

_RATING_NAMES = {rating.name.lower(): rating for rating in Rating}


def rating_for_result(correct: bool) -> Rating:
    """The rating of an auto-graded answer: right is Good, wrong is Again."""
    return Rating.Good if correct else Rating.Again


def parse_rating(value: Rating | int | str) -> Rating:
    """A rating from a Rating, its number 1-4, or its name ("again", "Good"...)."""
    if isinstance(value, Rating):
        return value
    if isinstance(value, str):
        name = value.strip().lower()
        if name in _RATING_NAMES:
            return _RATING_NAMES[name]
        if name.isdigit():
            value = int(name)
        else:
            raise UsageError(f"unknown rating {value!r}; expected one of again, hard, good, easy")
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return Rating(value)
        except ValueError:
            pass
    raise UsageError(f"unknown rating {value!r}; expected 1-4 or again, hard, good, easy")


def validate_desired_retention(value: object) -> float:
    """`value` as a desired retention, or a UsageError saying the allowed range."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise UsageError(f"desired retention must be a number, got {value!r}")
    try:
        retention = float(value)
    except ValueError:
        raise UsageError(f"desired retention must be a number, got {value!r}") from None
    if not MIN_DESIRED_RETENTION <= retention <= MAX_DESIRED_RETENTION:
        raise UsageError(
            f"desired retention must be between {MIN_DESIRED_RETENTION} and "
            f"{MAX_DESIRED_RETENTION} (e.g. 0.9 for 90%), got {value!r}"
        )
    return retention


def card_id_for(question_id: str) -> int:
    """A stable positive 63-bit fsrs card id for a question id.

    fsrs's default card id is the creation time in milliseconds (and it sleeps
    1 ms to keep them apart); a hash of the question id is stable across
    machines and re-creations, and costs no sleep.
    """
    digest = hashlib.sha256(question_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") & (2**63 - 1)


class ReviewScheduler:
    """Schedules cards with fsrs at a desired retention.

    `enable_fuzzing` spreads Review intervals randomly by a few percent so that
    cards learned together do not stay due together (fsrs's default); tests
    turn it off to get exact intervals.
    """

    def __init__(
        self,
        desired_retention: float = DEFAULT_DESIRED_RETENTION,
        *,
        enable_fuzzing: bool = True,
    ) -> None:
        self.desired_retention = validate_desired_retention(desired_retention)
        self.enable_fuzzing = enable_fuzzing
        self._fsrs = Scheduler(
            desired_retention=self.desired_retention,
            learning_steps=LEARNING_STEPS,
            enable_fuzzing=enable_fuzzing,
        )
        # Previews show the interval before fuzz, as Anki's rating buttons do:
        # the real one differs by a few percent at most, and only for Review cards.
        self._exact = (
            self._fsrs
            if not enable_fuzzing
            else Scheduler(
                desired_retention=self.desired_retention,
                learning_steps=LEARNING_STEPS,
                enable_fuzzing=False,
            )
        )

    def new_card(self, question_id: str, now: datetime) -> Card:
        """The card of a question never reviewed: Learning, due `now`."""
        return Card(card_id=card_id_for(question_id), due=to_utc(now))

    def review(
        self,
        card: Card,
        rating: Rating,
        now: datetime,
        duration: timedelta | None = None,
    ) -> Card:
        """The card after being answered with `rating` at `now` (`card` is not changed)."""
        duration_ms = None if duration is None else round(duration.total_seconds() * 1000)
        updated, _log = self._fsrs.review_card(
            card, rating, review_datetime=to_utc(now), review_duration=duration_ms
        )
        return updated

    def preview(self, card: Card, now: datetime) -> dict[Rating, timedelta]:
        """How long after `now` the card falls due again for each rating (`card` is not changed)."""
        moment = to_utc(now)
        return {
            rating: self._exact.review_card(card, rating, review_datetime=moment)[0].due - moment
            for rating in Rating
        }

    def in_steps(self, card: Card) -> bool:
        """Whether the card is in its (re)learning steps: due again within minutes."""
        return card.state in (State.Learning, State.Relearning)

    def retrievability(self, card: Card, now: datetime) -> float:
        """fsrs's estimate of the chance of recalling `card` at `now` (0 if never reviewed)."""
        return float(self._fsrs.get_card_retrievability(card, current_datetime=to_utc(now)))
