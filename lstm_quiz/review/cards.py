"""Cards: each question's scheduling state, what is due or new, suspending and burying.

Suspended: never shown until unsuspended. Buried: not shown until a given
instant (the start of the learner's next day), then back by itself, as
Anki's bury. Either may be set on a question never answered: it then gets a
fresh card row that is not "reviewed".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from lstm_quiz.review.connection import StoreBase
from lstm_quiz.review.records import CARD_COLUMNS, CardRecord, card_from_row, write_card
from lstm_quiz.review.scheduler import Card, Rating
from lstm_quiz.review.timeutil import to_db, to_utc, utc_now

__all__ = ["CardStore"]


def _moment(now: datetime | None) -> datetime:
    return to_utc(now) if now is not None else utc_now()


class CardStore(StoreBase):
    """The cards part of the progress store."""

    def card(self, question_id: str) -> CardRecord | None:
        with self._read() as connection:
            row = connection.execute(
                f"SELECT {CARD_COLUMNS} FROM cards WHERE question_id = ?", (question_id,)
            ).fetchone()
        return None if row is None else card_from_row(row)

    def card_records(self, ids: Iterable[str] | None = None) -> list[CardRecord]:
        """Every stored card (optionally only those of `ids`), by question id."""
        wanted = None if ids is None else set(ids)
        with self._read() as connection:
            rows = connection.execute(
                f"SELECT {CARD_COLUMNS} FROM cards ORDER BY question_id"
            ).fetchall()
        return [card_from_row(row) for row in rows if wanted is None or row[0] in wanted]

    def due_ids(self, now: datetime | None = None, ids: Iterable[str] | None = None) -> list[str]:
        """Questions answered before, not suspended nor buried, due at `now`; most overdue first.

        `ids` (the questions of the current bank or selection) restricts the
        answer; cards of questions no longer in the bank are otherwise included.
        """
        moment = to_db(_moment(now))
        with self._read() as connection:
            rows = connection.execute(
                "SELECT question_id FROM cards WHERE suspended = 0 AND last_review IS NOT NULL"
                " AND due <= ? AND (buried_until IS NULL OR buried_until <= ?)"
                " ORDER BY due, question_id",
                (moment, moment),
            ).fetchall()
        due = [question_id for (question_id,) in rows]
        if ids is None:
            return due
        wanted = set(ids)
        return [question_id for question_id in due if question_id in wanted]

    def new_ids(self, all_ids: Iterable[str], now: datetime | None = None) -> list[str]:
        """The questions of `all_ids` never answered, not suspended nor buried, in order."""
        moment = to_db(_moment(now))
        with self._read() as connection:
            rows = connection.execute(
                "SELECT question_id FROM cards WHERE last_review IS NOT NULL OR suspended = 1"
                " OR buried_until > ?",
                (moment,),
            ).fetchall()
        seen = {question_id for (question_id,) in rows}
        return [question_id for question_id in dict.fromkeys(all_ids) if question_id not in seen]

    def preview(self, question_id: str, now: datetime | None = None) -> dict[Rating, timedelta]:
        """How long until `question_id` is due again after each rating, answered at `now`."""
        moment = _moment(now)
        record = self.card(question_id)
        card = record.card if record is not None else self._scheduler.new_card(question_id, moment)
        return self._scheduler.preview(card, moment)

    # --------------------------------------------------------- suspend / bury

    def _mark(self, question_id: str, moment: datetime, assignment: str, value: object) -> None:
        """Set a mark column on the card, creating a fresh card for a question never seen."""
        with self._write() as connection:
            updated = connection.execute(
                f"UPDATE cards SET {assignment} WHERE question_id = ?", (value, question_id)
            ).rowcount
            if not updated:
                fresh: Card = self._scheduler.new_card(question_id, moment)
                write_card(connection, question_id, fresh, fresh.to_json())
                connection.execute(
                    f"UPDATE cards SET {assignment} WHERE question_id = ?", (value, question_id)
                )

    def suspend(self, question_id: str, now: datetime | None = None) -> None:
        """Hide a question from due and new lists until `unsuspend`; its card is kept."""
        self._mark(question_id, _moment(now), "suspended = ?", 1)

    def unsuspend(self, question_id: str) -> None:
        with self._write() as connection:
            connection.execute(
                "UPDATE cards SET suspended = 0 WHERE question_id = ?", (question_id,)
            )

    def suspended_ids(self) -> list[str]:
        with self._read() as connection:
            rows = connection.execute(
                "SELECT question_id FROM cards WHERE suspended = 1 ORDER BY question_id"
            ).fetchall()
        return [question_id for (question_id,) in rows]

    def bury(self, question_id: str, until: datetime, now: datetime | None = None) -> None:
        """Hide a question until `until` (it comes back by itself); its card is kept."""
        self._mark(question_id, _moment(now), "buried_until = ?", to_db(until))

    def unbury(self, question_id: str) -> None:
        with self._write() as connection:
            connection.execute(
                "UPDATE cards SET buried_until = NULL WHERE question_id = ?", (question_id,)
            )

    def buried_ids(self, now: datetime | None = None) -> list[str]:
        """The questions buried at `now` (and not suspended, which outranks burying)."""
        with self._read() as connection:
            rows = connection.execute(
                "SELECT question_id FROM cards WHERE buried_until > ? AND suspended = 0"
                " ORDER BY question_id",
                (to_db(_moment(now)),),
            ).fetchall()
        return [question_id for (question_id,) in rows]
