"""The progress store: cards, answers, settings and exercise attempts in SQLite.

The file is `<data dir>/progress.sqlite3`. It runs in WAL mode with
`synchronous = FULL`, and every answer is one transaction (log row and card
together), so killing the process at any moment loses at most the answer
being written, and never leaves a card out of step with its log.

A file that is not a usable progress store (not SQLite, damaged, another
program's database, or one written by a newer lstm-quiz) is never deleted
and never a reason to fail on every start: it is renamed to
`progress.sqlite3.corrupt-<UTC timestamp>`, a fresh store is created, and
`ProgressStore.recovery` carries a message for the UI to show.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from lstm_quiz.errors import LstmQuizError, UsageError
from lstm_quiz.review import schema
from lstm_quiz.review.scheduler import (
    DEFAULT_DESIRED_RETENTION,
    Card,
    Rating,
    ReviewScheduler,
    State,
    parse_rating,
    rating_for_result,
    validate_desired_retention,
)
from lstm_quiz.review.timeutil import from_db, to_db, to_utc, utc_now

__all__ = [
    "LEECH_THRESHOLD",
    "PROGRESS_FILENAME",
    "SETTING_DEFAULTS",
    "AttemptRecord",
    "CardRecord",
    "Leech",
    "ProgressStore",
    "ProgressStoreError",
    "RecoveryNotice",
    "ReviewRecord",
    "new_session_id",
]

PROGRESS_FILENAME = "progress.sqlite3"
# A question answered wrong this many times is a leech (Anki's default is 8;
# a quiz bank is small, so flag earlier).
LEECH_THRESHOLD = 6
SETTING_DEFAULTS: dict[str, Any] = {
    "desired_retention": DEFAULT_DESIRED_RETENTION,
    "language": "en",
}
# How long to wait for another lstm-quiz process holding the write lock.
BUSY_TIMEOUT_SECONDS = 5.0
# The files SQLite keeps next to a database; they move with it when it is set aside.
_SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")
_MISSING: Any = object()


class ProgressStoreError(LstmQuizError):
    """The progress store cannot be used right now; the message says why and what to do."""


@dataclass(frozen=True)
class RecoveryNotice:
    """An unusable progress file was moved aside and a fresh store started."""

    path: Path
    moved_to: Path
    reason: str

    @property
    def message(self) -> str:
        return (
            f"Your progress file {self.path} could not be used: {self.reason}. "
            f"It was kept as {self.moved_to}, and a new, empty progress store was started."
        )


@dataclass(frozen=True)
class ReviewRecord:
    """One answer, as kept in the review log."""

    id: int
    question_id: str
    rating: Rating
    correct: bool
    answered_at: datetime
    duration: timedelta | None
    session_id: str
    # None when the question had never been reviewed (nor suspended) before.
    card_before: Card | None
    card_after: Card


@dataclass(frozen=True)
class CardRecord:
    """A question's scheduling state."""

    question_id: str
    card: Card
    suspended: bool

    @property
    def reviewed(self) -> bool:
        """False for a question that was suspended without ever being answered."""
        return self.card.last_review is not None

    @property
    def due(self) -> datetime:
        return self.card.due

    @property
    def state(self) -> State:
        return self.card.state

    @property
    def stability(self) -> float | None:
        return self.card.stability


@dataclass(frozen=True)
class Leech:
    """A question answered wrong at least `LEECH_THRESHOLD` times."""

    question_id: str
    wrong_count: int
    suspended: bool


@dataclass(frozen=True)
class AttemptRecord:
    """One timed attempt at a coding exercise."""

    id: int
    exercise_id: str
    started_at: datetime
    ended_at: datetime | None
    # Free text chosen by the exercise runner, e.g. "passed", "failed", "abandoned".
    outcome: str
    tests_passed: int
    tests_total: int
    over_time: bool
    hints_used: int


def new_session_id() -> str:
    """A fresh id for one practice session (undo works within a session)."""
    return uuid.uuid4().hex


class _Unusable(Exception):
    """The file is not a usable progress store; `reason` finishes "could not be used: ..."."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _is_damage(error: sqlite3.Error) -> bool:
    """True for "not a database" and "malformed", as opposed to busy, read-only, disk full..."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return False
    return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


# Failures of the machine rather than of the file: disk full, I/O, permissions,
# another process holding the lock. Never a reason to set a file aside.
_ENVIRONMENTAL_CODES = frozenset(
    {
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_NOMEM,
        sqlite3.SQLITE_PERM,
    }
)


def _is_environmental(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _ENVIRONMENTAL_CODES


@contextmanager
def _database_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's operational failures into messages for people.

    Integrity and programming errors are left alone: they are bugs in lstm-quiz.
    """
    try:
        yield
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise ProgressStoreError(
                f"the progress database {path} is busy: another lstm-quiz is probably "
                "using it; close it or try again"
            ) from error
        raise ProgressStoreError(f"cannot use the progress database {path}: {error}") from error
    except sqlite3.DatabaseError as error:
        if type(error) is not sqlite3.DatabaseError:
            raise
        raise ProgressStoreError(
            f"the progress database {path} is damaged ({error}); restart lstm-quiz to set "
            "it aside and start a fresh one"
        ) from error


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: no implicit transactions; every write below says
    # BEGIN IMMEDIATE ... COMMIT itself. check_same_thread=False with our own
    # lock lets a UI call the store from a worker thread.
    connection = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )
    try:
        # FULL: a commit is on disk before record_answer returns, even if the
        # machine (not only the process) goes down right after.
        connection.execute("PRAGMA synchronous = FULL")
    except BaseException:
        connection.close()
        raise
    return connection


def _stored_version(connection: sqlite3.Connection) -> int:
    """The file's schema version, or `_Unusable` if the file is not ours to open."""
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    (application_id,) = connection.execute("PRAGMA application_id").fetchone()
    current = schema.schema_version()
    if application_id != schema.APPLICATION_ID:
        brand_new = application_id == 0 and version == 0 and not schema.user_tables(connection)
        if not brand_new:
            raise _Unusable("it is not an lstm-quiz progress database")
    elif version > current:
        raise _Unusable(
            f"it was written by a newer version of lstm-quiz (schema version {version}; "
            f"this version understands up to {current})"
        )
    return int(version)


def _prepare(connection: sqlite3.Connection) -> None:
    """Check the file is ours and readable, and bring its schema up to date.

    Raises `_Unusable` for a file to set aside, sqlite3 errors otherwise.
    Nothing is written to a file before it is known to be ours and sound, so
    a file set aside is exactly as it was found.
    """
    problems = [text for (text,) in connection.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        raise _Unusable(f"it is damaged ({problems[0]})")
    _stored_version(connection)
    # Not inside a transaction: SQLite cannot change the journal mode there.
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("BEGIN IMMEDIATE")
    try:
        # Again under the write lock: another process may have just created
        # or upgraded the same file.
        version = _stored_version(connection)
        if version < schema.schema_version():
            try:
                schema.migrate(connection, version)
            except (sqlite3.OperationalError, sqlite3.IntegrityError) as error:
                if _is_environmental(error):
                    raise
                if version == 0:
                    # An empty file cannot defeat a migration: the migration is wrong.
                    raise ProgressStoreError(
                        f"cannot set up a new progress database ({error}); this is a bug "
                        "in lstm-quiz, please report it"
                    ) from error
                # The file's content defeats a migration: set it aside rather
                # than fail the same way on every start.
                raise _Unusable(
                    f"it could not be upgraded from schema version {version} ({error})"
                ) from error
        missing = schema.REQUIRED_TABLES - schema.user_tables(connection)
        if missing:
            raise _Unusable(f"tables are missing: {', '.join(sorted(missing))}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _open_connection(path: Path) -> sqlite3.Connection:
    """A ready connection to `path`, or `_Unusable`, or ProgressStoreError."""
    connection: sqlite3.Connection | None = None
    try:
        with _database_errors(path):
            try:
                connection = _connect(path)
                _prepare(connection)
            except sqlite3.DatabaseError as error:
                if _is_damage(error):
                    raise _Unusable(f"it is not a readable SQLite database ({error})") from error
                raise
    except BaseException:
        if connection is not None:
            connection.close()
        raise
    return connection


def _file_identity(path: Path) -> tuple[int, int] | None:
    """Which file `path` names right now (device, inode), or None if there is none."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_dev, status.st_ino


def _move_aside(path: Path, now: datetime) -> Path:
    """Rename `path` (and its SQLite side files) to an unused `.corrupt-<timestamp>` name."""
    stamp = to_utc(now).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while any(Path(f"{target}{suffix}").exists() for suffix in ("", *_SIDECAR_SUFFIXES)):
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    path.rename(target)
    # Side files take the matching name, so SQLite finds them if someone opens the copy.
    for suffix in _SIDECAR_SUFFIXES:
        sidecar = Path(f"{path}{suffix}")
        if sidecar.exists():
            sidecar.rename(Path(f"{target}{suffix}"))
    return target


class ProgressStore:
    """A learner's progress. Open with `ProgressStore.open(data_dir)`; close when done.

    Every write is one transaction committed before the method returns. The
    store may be used from several threads (calls are serialised) and by
    several processes (SQLite locking; a writer waits up to 5 s).
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        *,
        enable_fuzzing: bool = True,
        recovery: RecoveryNotice | None = None,
    ) -> None:
        self._connection = connection
        self._lock = threading.RLock()
        self.path = path
        self.recovery = recovery
        self._enable_fuzzing = enable_fuzzing
        self._scheduler = ReviewScheduler(self._stored_retention(), enable_fuzzing=enable_fuzzing)

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        data_dir: Path | str | None = None,
        *,
        enable_fuzzing: bool = True,
        now: datetime | None = None,
    ) -> ProgressStore:
        """Open (creating or upgrading if needed) `<data_dir>/progress.sqlite3`.

        `data_dir` None means `lstm_quiz.paths.data_dir()`. An unusable file is
        moved aside (see `recovery`; `now` dates its new name); a
        ProgressStoreError means the store cannot be used at all (unwritable
        folder, busy, disk full...). `enable_fuzzing=False` makes intervals
        exact, for tests.
        """
        if data_dir is None:
            from lstm_quiz.paths import data_dir as default_data_dir

            data_dir = default_data_dir()
        folder = Path(data_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ProgressStoreError(
                f"cannot create the data folder {folder}: {error.strerror or error}; "
                "choose another with --data-dir or $LSTM_QUIZ_DATA_DIR"
            ) from error
        path = folder / PROGRESS_FILENAME
        recovery: RecoveryNotice | None = None
        while True:
            identity = _file_identity(path)
            try:
                connection = _open_connection(path)
                break
            except _Unusable as unusable:
                if recovery is not None:
                    # The fresh file we just made is unusable too: the folder,
                    # not the file, is at fault. Stop rather than loop.
                    raise ProgressStoreError(
                        f"cannot create a new progress database at {path}: {unusable.reason}"
                    ) from unusable
                if _file_identity(path) != identity:
                    # Another lstm-quiz starting at the same moment has already
                    # replaced the file: use its fresh one, do not move it too.
                    continue
                try:
                    moved_to = _move_aside(path, now or utc_now())
                except OSError as error:
                    raise ProgressStoreError(
                        f"the progress file {path} could not be used ({unusable.reason}) and "
                        f"could not be moved aside: {error.strerror or error}; move or delete "
                        "it yourself"
                    ) from error
                recovery = RecoveryNotice(path=path, moved_to=moved_to, reason=unusable.reason)
        return cls(connection, path, enable_fuzzing=enable_fuzzing, recovery=recovery)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed if the block ends normally, else rolled back."""
        with self._lock, _database_errors(self.path):
            connection = self._connection
            # IMMEDIATE takes the write lock now, so the reads in the block see
            # the state the writes are based on, even with another process.
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for several queries."""
        with self._lock, _database_errors(self.path):
            connection = self._connection
            connection.execute("BEGIN")
            try:
                yield connection
            finally:
                if connection.in_transaction:
                    connection.execute("COMMIT")

    # ------------------------------------------------------------------ reviews

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
        "not Again" unless given). Returns the log row.
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
            _write_card(connection, question_id, card_after, card_after_json)
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
                f"SELECT {_REVIEW_COLUMNS} FROM review_log WHERE session_id = ?"
                " ORDER BY id DESC LIMIT 1",
                (session_id,),
            ).fetchone()
            if row is None:
                return None
            record = _review_from_row(row)
            newer = connection.execute(
                "SELECT session_id FROM review_log WHERE question_id = ? AND id > ? LIMIT 1",
                (record.question_id, record.id),
            ).fetchone()
            if newer is not None:
                raise ProgressStoreError(
                    f"cannot undo the answer to {record.question_id}: it was answered again "
                    f"later, in session {newer[0]}"
                )
            card_before_json = row[_REVIEW_CARD_BEFORE]
            if card_before_json is not None:
                _write_card(
                    connection,
                    record.question_id,
                    Card.from_json(card_before_json),
                    card_before_json,
                )
            else:
                # The question was new: it goes back to having no card. A
                # suspension made since then is kept (on a fresh card).
                suspended = connection.execute(
                    "SELECT suspended FROM cards WHERE question_id = ?", (record.question_id,)
                ).fetchone()
                if suspended is not None and suspended[0]:
                    fresh = self._scheduler.new_card(record.question_id, record.answered_at)
                    _write_card(connection, record.question_id, fresh, fresh.to_json())
                else:
                    connection.execute(
                        "DELETE FROM cards WHERE question_id = ?", (record.question_id,)
                    )
            connection.execute("DELETE FROM review_log WHERE id = ?", (record.id,))
        return record

    def reviews(
        self, *, session_id: str | None = None, question_id: str | None = None
    ) -> list[ReviewRecord]:
        """Log rows, oldest first, optionally of one session and/or one question."""
        conditions, params = [], []
        if session_id is not None:
            conditions.append("session_id = ?")
            params.append(session_id)
        if question_id is not None:
            conditions.append("question_id = ?")
            params.append(question_id)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        with self._read() as connection:
            rows = connection.execute(
                f"SELECT {_REVIEW_COLUMNS} FROM review_log {where} ORDER BY id", params
            ).fetchall()
        return [_review_from_row(row) for row in rows]

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

    # -------------------------------------------------------------------- cards

    def card(self, question_id: str) -> CardRecord | None:
        with self._read() as connection:
            row = connection.execute(
                "SELECT question_id, card_json, suspended FROM cards WHERE question_id = ?",
                (question_id,),
            ).fetchone()
        return None if row is None else _card_from_row(row)

    def card_records(self, ids: Iterable[str] | None = None) -> list[CardRecord]:
        """Every stored card (optionally only those of `ids`), by question id."""
        wanted = None if ids is None else set(ids)
        with self._read() as connection:
            rows = connection.execute(
                "SELECT question_id, card_json, suspended FROM cards ORDER BY question_id"
            ).fetchall()
        return [_card_from_row(row) for row in rows if wanted is None or row[0] in wanted]

    def due_ids(self, now: datetime | None = None, ids: Iterable[str] | None = None) -> list[str]:
        """Questions answered before, not suspended, and due at `now`; most overdue first.

        `ids` (the questions of the current bank or selection) restricts the
        answer; cards of questions no longer in the bank are otherwise included.
        """
        moment = to_utc(now) if now is not None else utc_now()
        with self._read() as connection:
            rows = connection.execute(
                "SELECT question_id FROM cards WHERE suspended = 0 AND last_review IS NOT NULL"
                " AND due <= ? ORDER BY due, question_id",
                (to_db(moment),),
            ).fetchall()
        due = [question_id for (question_id,) in rows]
        if ids is None:
            return due
        wanted = set(ids)
        return [question_id for question_id in due if question_id in wanted]

    def new_ids(self, all_ids: Iterable[str]) -> list[str]:
        """The questions of `all_ids` never answered and not suspended, in the given order."""
        with self._read() as connection:
            rows = connection.execute(
                "SELECT question_id FROM cards WHERE last_review IS NOT NULL OR suspended = 1"
            ).fetchall()
        seen = {question_id for (question_id,) in rows}
        return [question_id for question_id in dict.fromkeys(all_ids) if question_id not in seen]

    def suspend(self, question_id: str, now: datetime | None = None) -> None:
        """Hide a question from due and new lists until `unsuspend`; its card is kept."""
        moment = to_utc(now) if now is not None else utc_now()
        with self._write() as connection:
            updated = connection.execute(
                "UPDATE cards SET suspended = 1 WHERE question_id = ?", (question_id,)
            ).rowcount
            if not updated:
                fresh = self._scheduler.new_card(question_id, moment)
                _write_card(connection, question_id, fresh, fresh.to_json(), suspended=True)

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

    # ----------------------------------------------------------------- settings

    def get_setting(self, key: str, default: Any = _MISSING) -> Any:
        """A setting's value; else `default`; else the built-in default (or None)."""
        with self._read() as connection:
            row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return json.loads(row[0])
        if default is not _MISSING:
            return default
        return SETTING_DEFAULTS.get(key)

    def set_setting(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable setting; known settings are validated first."""
        if key == "desired_retention":
            value = validate_desired_retention(value)
        try:
            text = json.dumps(value)
        except (TypeError, ValueError) as error:
            raise UsageError(
                f"setting {key!r} must be a plain value (text, number, list...): {error}"
            ) from None
        with self._write() as connection:
            connection.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, text),
            )
        if key == "desired_retention":
            self._scheduler = ReviewScheduler(value, enable_fuzzing=self._enable_fuzzing)

    def settings(self) -> dict[str, Any]:
        """All settings: the built-in defaults overlaid with the stored values."""
        with self._read() as connection:
            rows = connection.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
        return {**SETTING_DEFAULTS, **{key: json.loads(text) for key, text in rows}}

    @property
    def desired_retention(self) -> float:
        return self._scheduler.desired_retention

    @property
    def scheduler(self) -> ReviewScheduler:
        """The scheduler in use (the stored desired retention)."""
        return self._scheduler

    def _stored_retention(self) -> float:
        try:
            return validate_desired_retention(self.get_setting("desired_retention"))
        except UsageError:
            # A hand-edited bad value must not make the store unopenable.
            return DEFAULT_DESIRED_RETENTION

    # ------------------------------------------------------- exercise attempts

    def record_attempt(
        self,
        exercise_id: str,
        *,
        started_at: datetime,
        ended_at: datetime | None,
        outcome: str,
        tests_passed: int,
        tests_total: int,
        over_time: bool,
        hints_used: int = 0,
    ) -> AttemptRecord:
        """Commit one timed attempt at a coding exercise."""
        if not 0 <= tests_passed <= tests_total:
            raise ValueError(
                f"need 0 <= tests_passed <= tests_total, got {tests_passed}/{tests_total}"
            )
        if hints_used < 0:
            raise ValueError(f"hints_used must not be negative, got {hints_used}")
        started = to_utc(started_at)
        ended = None if ended_at is None else to_utc(ended_at)
        with self._write() as connection:
            cursor = connection.execute(
                "INSERT INTO exercise_attempts (exercise_id, started_at, ended_at, outcome,"
                " tests_passed, tests_total, over_time, hints_used)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    exercise_id,
                    to_db(started),
                    None if ended is None else to_db(ended),
                    outcome,
                    tests_passed,
                    tests_total,
                    int(over_time),
                    hints_used,
                ),
            )
            attempt_id = cursor.lastrowid
        assert attempt_id is not None
        return AttemptRecord(
            id=attempt_id,
            exercise_id=exercise_id,
            started_at=started,
            ended_at=ended,
            outcome=outcome,
            tests_passed=tests_passed,
            tests_total=tests_total,
            over_time=over_time,
            hints_used=hints_used,
        )

    def attempts(self, exercise_id: str | None = None) -> list[AttemptRecord]:
        """Attempts, oldest first, of one exercise or of all."""
        query = (
            "SELECT id, exercise_id, started_at, ended_at, outcome, tests_passed, tests_total,"
            " over_time, hints_used FROM exercise_attempts"
        )
        with self._read() as connection:
            if exercise_id is None:
                rows = connection.execute(f"{query} ORDER BY started_at, id").fetchall()
            else:
                rows = connection.execute(
                    f"{query} WHERE exercise_id = ? ORDER BY started_at, id", (exercise_id,)
                ).fetchall()
        return [
            AttemptRecord(
                id=row[0],
                exercise_id=row[1],
                started_at=from_db(row[2]),
                ended_at=None if row[3] is None else from_db(row[3]),
                outcome=row[4],
                tests_passed=row[5],
                tests_total=row[6],
                over_time=bool(row[7]),
                hints_used=row[8],
            )
            for row in rows
        ]


_REVIEW_COLUMNS = "id, question_id, rating, correct, answered_at, duration_ms, session_id, card_before, card_after"
_REVIEW_CARD_BEFORE = 7


def _review_from_row(row: tuple[Any, ...]) -> ReviewRecord:
    (log_id, question_id, rating, correct, answered_at, duration_ms, session_id, before, after) = (
        row
    )
    return ReviewRecord(
        id=log_id,
        question_id=question_id,
        rating=Rating(rating),
        correct=bool(correct),
        answered_at=from_db(answered_at),
        duration=None if duration_ms is None else timedelta(milliseconds=duration_ms),
        session_id=session_id,
        card_before=None if before is None else Card.from_json(before),
        card_after=Card.from_json(after),
    )


def _card_from_row(row: tuple[Any, ...]) -> CardRecord:
    question_id, card_json, suspended = row
    return CardRecord(
        question_id=question_id, card=Card.from_json(card_json), suspended=bool(suspended)
    )


def _write_card(
    connection: sqlite3.Connection,
    question_id: str,
    card: Card,
    card_json: str,
    *,
    suspended: bool = False,
) -> None:
    """Insert or update a card row; an existing row keeps its suspended flag."""
    connection.execute(
        "INSERT INTO cards (question_id, card_json, due, state, stability, last_review, suspended)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (question_id) DO UPDATE SET card_json = excluded.card_json,"
        " due = excluded.due, state = excluded.state, stability = excluded.stability,"
        " last_review = excluded.last_review",
        (
            question_id,
            card_json,
            to_db(card.due),
            int(card.state),
            card.stability,
            None if card.last_review is None else to_db(card.last_review),
            int(suspended),
        ),
    )
