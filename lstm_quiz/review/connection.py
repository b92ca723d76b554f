"""Opening the progress database: checks, migrations, setting a bad file aside, errors.

The file runs in WAL mode with `synchronous = FULL`. A file that is not a
usable progress store (not SQLite, damaged, another program's database, or
one written by a newer lstm-quiz) is never deleted: `open_connection` raises
`Unusable`, and the store renames it (`move_aside`) and starts afresh.
A read-only data folder or file is opened read-only (`open_read_only`), for
the commands that only read; writing commands get a `ReadOnlyStoreError`.
`StoreBase` holds the connection and its read and write transactions.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import quote

from lstm_quiz.errors import LstmQuizError, UsageError
from lstm_quiz.review import schema
from lstm_quiz.review.scheduler import ReviewScheduler
from lstm_quiz.review.timeutil import to_utc

__all__ = [
    "BUSY_TIMEOUT_SECONDS",
    "ProgressStoreError",
    "ReadOnlyStoreError",
    "RecoveryNotice",
    "StoreBase",
]

# How long to wait for another lstm-quiz process holding the write lock.
BUSY_TIMEOUT_SECONDS = 5.0
# The files SQLite keeps next to a database; they move with it when it is set aside.
_SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")


class ProgressStoreError(LstmQuizError):
    """The progress store cannot be used right now; the message says why and what to do."""


class ReadOnlyStoreError(ProgressStoreError):
    """The data folder or progress file cannot be written: a usage problem (exit 2)."""

    exit_code = UsageError.exit_code


def read_only_message(where: Path) -> str:
    return (
        f"the data folder {where} is read-only, so answers cannot be saved; choose a "
        "writable one with --data-dir or $LSTM_QUIZ_DATA_DIR"
    )


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


class Unusable(Exception):
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
def database_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's operational failures into messages for people.

    Integrity and programming errors are left alone: they are bugs in lstm-quiz.
    """
    try:
        yield
    except sqlite3.OperationalError as error:
        if "readonly" in str(error) or getattr(error, "sqlite_errorcode", 0) & 0xFF == (
            sqlite3.SQLITE_READONLY
        ):
            raise ReadOnlyStoreError(read_only_message(path.parent)) from error
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
    """The file's schema version, or `Unusable` if the file is not ours to open."""
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    (application_id,) = connection.execute("PRAGMA application_id").fetchone()
    current = schema.schema_version()
    if application_id != schema.APPLICATION_ID:
        brand_new = application_id == 0 and version == 0 and not schema.user_tables(connection)
        if not brand_new:
            raise Unusable("it is not an lstm-quiz progress database")
    elif version > current:
        raise Unusable(
            f"it was written by a newer version of lstm-quiz (schema version {version}; "
            f"this version understands up to {current})"
        )
    return int(version)


def _prepare(connection: sqlite3.Connection) -> None:
    """Check the file is ours and readable, and bring its schema up to date.

    Raises `Unusable` for a file to set aside, sqlite3 errors otherwise.
    Nothing is written to a file before it is known to be ours and sound, so
    a file set aside is exactly as it was found.
    """
    problems = [text for (text,) in connection.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        raise Unusable(f"it is damaged ({problems[0]})")
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
                raise Unusable(
                    f"it could not be upgraded from schema version {version} ({error})"
                ) from error
        missing = schema.REQUIRED_TABLES - schema.user_tables(connection)
        if missing:
            raise Unusable(f"tables are missing: {', '.join(sorted(missing))}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def open_connection(path: Path) -> sqlite3.Connection:
    """A ready connection to `path`, or `Unusable`, or ProgressStoreError."""
    connection: sqlite3.Connection | None = None
    try:
        with database_errors(path):
            try:
                connection = _connect(path)
                _prepare(connection)
            except sqlite3.DatabaseError as error:
                if _is_damage(error):
                    raise Unusable(f"it is not a readable SQLite database ({error})") from error
                raise
    except BaseException:
        if connection is not None:
            connection.close()
        raise
    return connection


def file_identity(path: Path) -> tuple[int, int] | None:
    """Which file `path` names right now (device, inode), or None if there is none."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_dev, status.st_ino


def move_aside(path: Path, now: datetime) -> Path:
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


def is_writable(folder: Path, path: Path) -> bool:
    """Whether the store in `folder` can be written (the folder, and the file if it exists)."""
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that reads `path` and refuses writes, for a folder that cannot be written.

    No file yet: an empty store in memory. A file at an older schema version
    is copied into memory and upgraded there, since it cannot be upgraded in
    place. Writes raise "attempt to write a readonly database" either way
    (`database_errors` turns it into a `ReadOnlyStoreError`).
    """
    with database_errors(path):
        if not path.exists():
            memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            schema.migrate(memory, 0)
            memory.execute("PRAGMA query_only = ON")
            return memory
        connection = _connect_read_only(path)
        try:
            version = _stored_version(connection)
            if version < schema.schema_version():
                memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                connection.backup(memory)
                connection.close()
                connection = memory
                connection.execute("BEGIN")
                schema.migrate(connection, version)
                connection.execute("COMMIT")
                connection.execute("PRAGMA query_only = ON")
        except Unusable as unusable:
            connection.close()
            raise ProgressStoreError(
                f"the progress file {path} could not be used: {unusable.reason}"
            ) from unusable
        except BaseException:
            connection.close()
            raise
        return connection


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """`path` opened with `mode=ro`, or, if that fails, as immutable.

    A WAL database needs its `-shm` file to be read; in a read-only folder
    nobody can create it, so SQLite refuses. `immutable=1` reads the main
    file alone: right after lstm-quiz closed cleanly (which folds the WAL
    into it and deletes it), and nothing can write to a read-only folder.
    """
    base = f"file:{quote(str(path))}?mode=ro"
    for uri in (base, f"{base}&immutable=1"):
        connection = sqlite3.connect(
            uri,
            uri=True,
            timeout=BUSY_TIMEOUT_SECONDS,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            connection.close()
            if uri != base:
                raise
            continue
        return connection
    raise AssertionError("unreachable")


class StoreBase:
    """The connection and its transactions, shared by the store's parts.

    Every write is one transaction committed before the method returns. Calls
    are serialised by a lock, so a UI may use the store from several threads.
    """

    _connection: sqlite3.Connection
    _lock: threading.RLock
    _scheduler: ReviewScheduler
    _enable_fuzzing: bool
    path: Path
    read_only: bool

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> Self:
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
        with self._lock, database_errors(self.path):
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
        with self._lock, database_errors(self.path):
            connection = self._connection
            connection.execute("BEGIN")
            try:
                yield connection
            finally:
                if connection.in_transaction:
                    connection.execute("COMMIT")
