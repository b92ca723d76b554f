"""The review log: recording an answer (card and log row in one transaction), undo, queries."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from lstm_quiz.review.connection import ProgressStoreError, StoreBase
from lstm_quiz.review.records import (
    LEECH_THRESHOLD,
    REVIEW_CARD_BEFORE,
    REVIEW_COLUMNS,
    Leech,
    ReviewRecord,
    review_from_row,
    write_card,
)
from lstm_quiz.review.scheduler import Card, Rating, parse_rating, rating_for_result
from lstm_quiz.review.timeutil import from_db, to_db, to_utc, utc_now

__all__ = ["ReviewLog"]


class ReviewLog(StoreBase):
    """The answers part of the progress store."""

    def record_answer(
        self,
        question_id: str,
        rating: Rating | int | str | None = None,
        *,
        correct: bool | None = None,
        session_id: str,
        duration: timedelta | None = None,
        now: datetime | None = None,
    ) -> ReviewRecord:
        """Schedule `question_id` after an answer and commit the card and a log row.

        Auto-graded questions pass `correct` (the rating becomes Good or
        Again); open questions pass the learner's `rating` (then `correct` is
        "not Again" unless given: Hard is recalled with effort, a pass). Returns
        the log row.
        """
        if rating is None:
            if correct is None:
                raise ValueError(
                    "record_answer needs `correct` (auto-graded) or `rating` (self-rated)"
                )
            chosen = rating_for_result(correct)
        else:
            chosen = parse_rating(rating)
            if correct is None:
                correct = chosen != Rating.Again
        if duration is not None and duration < timedelta(0):
            raise ValueError(f"duration must not be negative, got {duration}")
        answered_at = to_utc(now) if now is not None else utc_now()
        duration_ms = None if duration is None else round(duration.total_seconds() * 1000)
        with self._write() as connection:
            row = connection.execute(
                "SELECT card_json FROM cards WHERE question_id = ?", (question_id,)
            ).fetchone()
            card_before_json: str | None = row[0] if row else None
            card_before = (
                Card.from_json(card_before_json)
                if card_before_json is not None
                else self._scheduler.new_card(question_id, answered_at)
            )
            card_after = self._scheduler.review(card_before, chosen, answered_at, duration)
            card_after_json = card_after.to_json()
            cursor = connection.execute(
                "INSERT INTO review_log (question_id, rating, correct, answered_at, duration_ms,"
                " session_id, card_before, card_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    question_id,
                    int(chosen),
                    int(correct),
                    to_db(answered_at),
                    duration_ms,
                    session_id,
                    card_before_json,
                    card_after_json,
                ),
            )
            write_card(connection, question_id, card_after, card_after_json)
            log_id = cursor.lastrowid
        assert log_id is not None
        return ReviewRecord(
            id=log_id,
            question_id=question_id,
            rating=chosen,
            correct=bool(correct),
            answered_at=answered_at,
            duration=None if duration_ms is None else timedelta(milliseconds=duration_ms),
            session_id=session_id,
            card_before=Card.from_json(card_before_json) if card_before_json else None,
            card_after=card_after,
        )

    def undo_last(self, session_id: str) -> ReviewRecord | None:
        """Take back the session's latest answer: restore its card, delete its log row.

        Call again to go further back. Returns the undone answer, or None when
        the session has nothing left to undo. Refuses (ProgressStoreError) when
        the question was answered again later in another session, since
        restoring the older card would throw that answer away.
        """
        with self._write() as connection:
            row = connection.execute(
                f"SELECT {REVIEW_COLUMNS} FROM review_log WHERE session_id = ?"
                " ORDER BY id DESC LIMIT 1",
                (session_id,),
            ).fetchone()
            if row is None:
                return None
            record = review_from_row(row)
            newer = connection.execute(
                "SELECT session_id FROM review_log WHERE question_id = ? AND id > ? LIMIT 1",
                (record.question_id, record.id),
            ).fetchone()
            if newer is not None:
                raise ProgressStoreError(
                    f"cannot undo the answer to {record.question_id}: it was answered again "
                    f"later, in session {newer[0]}"
                )
            card_before_json = row[REVIEW_CARD_BEFORE]
            if card_before_json is not None:
                write_card(
                    connection,
                    record.question_id,
                    Card.from_json(card_before_json),
                    card_before_json,
                )
            else:
                # The question was new: it goes back to having no card. A
                # suspension or burial made since then is kept (on a fresh card).
                marks = connection.execute(
                    "SELECT suspended, buried_until FROM cards WHERE question_id = ?",
                    (record.question_id,),
                ).fetchone()
                if marks is not None and (marks[0] or marks[1] is not None):
                    fresh = self._scheduler.new_card(record.question_id, record.answered_at)
                    write_card(connection, record.question_id, fresh, fresh.to_json())
                else:
                    connection.execute(
                        "DELETE FROM cards WHERE question_id = ?", (record.question_id,)
                    )
            connection.execute("DELETE FROM review_log WHERE id = ?", (record.id,))
        return record

    def reviews(
        self,
        *,
        session_id: str | None = None,
        question_id: str | None = None,
        since: datetime | None = None,
    ) -> list[ReviewRecord]:
        """Log rows, oldest first, optionally of one session, one question, from `since` on."""
        conditions: list[str] = []
        params: list[str] = []
        if session_id is not None:
            conditions.append("session_id = ?")
            params.append(session_id)
        if question_id is not None:
            conditions.append("question_id = ?")
            params.append(question_id)
        if since is not None:
            conditions.append("answered_at >= ?")
            params.append(to_db(since))
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        with self._read() as connection:
            rows = connection.execute(
                f"SELECT {REVIEW_COLUMNS} FROM review_log {where} ORDER BY id", params
            ).fetchall()
        return [review_from_row(row) for row in rows]

    def results_since(self, since: datetime) -> list[tuple[str, bool]]:
        """(question id, right) of every answer from `since` on, oldest first: for accuracy."""
        with self._read() as connection:
            rows = connection.execute(
                "SELECT question_id, correct FROM review_log WHERE answered_at >= ? ORDER BY id",
                (to_db(since),),
            ).fetchall()
        return [(question_id, bool(correct)) for question_id, correct in rows]

    def review_times(self, since: datetime | None = None) -> list[datetime]:
        """When each answer was given (optionally from `since` on), oldest first."""
        with self._read() as connection:
            if since is None:
                rows = connection.execute(
                    "SELECT answered_at FROM review_log ORDER BY answered_at"
                ).fetchall()
            else:
                rows = connection.execute(
                    "SELECT answered_at FROM review_log WHERE answered_at >= ?"
                    " ORDER BY answered_at",
                    (to_db(since),),
                ).fetchall()
        return [from_db(text) for (text,) in rows]

    def review_counts(self) -> list[tuple[datetime, int]]:
        """How many answers were given in each UTC quarter-hour that has any, oldest first.

        Every time zone's offset is a multiple of 15 minutes, so a quarter-hour
        lies within one local day wherever the learner is: per-day counts and
        streaks need only these buckets, usually far fewer than the answers
        (a session's answers share a few).
        """
        with self._read() as connection:
            rows = connection.execute(
                "SELECT answered_at FROM review_log ORDER BY answered_at"
            ).fetchall()
        # Bucketing the fixed-format text in Python is cheaper than GROUP BY on
        # a computed key in SQLite (which sorts in a temporary b-tree).
        counts: Counter[str] = Counter()
        for (text,) in rows:
            counts[f"{text[:14]}{int(text[14:16]) // 15 * 15:02d}"] += 1
        return [(from_db(f"{quarter}:00.000000Z"), count) for quarter, count in counts.items()]

    def wrong_count(self, question_id: str) -> int:
        """How many times the log holds a wrong answer to `question_id`."""
        with self._read() as connection:
            (count,) = connection.execute(
                "SELECT COUNT(*) FROM review_log WHERE question_id = ? AND correct = 0",
                (question_id,),
            ).fetchone()
        return int(count)

    def leeches(self, threshold: int = LEECH_THRESHOLD) -> list[Leech]:
        """Questions answered wrong at least `threshold` times; most wrong first.

        Flagged only: the learner decides whether to suspend or rewrite them.
        """
        with self._read() as connection:
            rows = connection.execute(
                "SELECT log.question_id, COUNT(*) AS wrong, COALESCE(cards.suspended, 0)"
                " FROM review_log AS log LEFT JOIN cards USING (question_id)"
                " WHERE log.correct = 0 GROUP BY log.question_id HAVING wrong >= ?"
                " ORDER BY wrong DESC, log.question_id",
                (threshold,),
            ).fetchall()
        return [
            Leech(question_id=question_id, wrong_count=int(wrong), suspended=bool(suspended))
            for question_id, wrong, suspended in rows
        ]
