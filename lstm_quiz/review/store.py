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

`ProgressStore` is put together from its parts: `connection` (opening,
migrations, transactions), `log` (answers, undo), `cards` (due, new,
suspend, bury, interval previews), `settings` and `attempt_log`. Every name
other code imports from here stays importable from here.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from pathlib import Path

from lstm_quiz.review.attempt_log import AttemptLog
from lstm_quiz.review.cards import CardStore
from lstm_quiz.review.connection import (
    BUSY_TIMEOUT_SECONDS,
    ProgressStoreError,
    ReadOnlyStoreError,
    RecoveryNotice,
    Unusable,
    file_identity,
    is_writable,
    move_aside,
    open_connection,
    open_read_only,
    read_only_message,
)
from lstm_quiz.review.log import ReviewLog
from lstm_quiz.review.records import (
    LEECH_THRESHOLD,
    AttemptRecord,
    CardRecord,
    Leech,
    ReviewRecord,
    new_session_id,
)
from lstm_quiz.review.scheduler import ReviewScheduler
from lstm_quiz.review.settings import SETTING_DEFAULTS, SettingsStore
from lstm_quiz.review.timeutil import utc_now

__all__ = [
    "BUSY_TIMEOUT_SECONDS",
    "LEECH_THRESHOLD",
    "PROGRESS_FILENAME",
    "SETTING_DEFAULTS",
    "AttemptRecord",
    "CardRecord",
    "Leech",
    "ProgressStore",
    "ProgressStoreError",
    "ReadOnlyStoreError",
    "RecoveryNotice",
    "ReviewRecord",
    "new_session_id",
]

PROGRESS_FILENAME = "progress.sqlite3"


class ProgressStore(ReviewLog, CardStore, SettingsStore, AttemptLog):
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
        read_only: bool = False,
    ) -> None:
        self._connection = connection
        self._lock = threading.RLock()
        self.path = path
        self.recovery = recovery
        self.read_only = read_only
        self._enable_fuzzing = enable_fuzzing
        self._scheduler = ReviewScheduler(self._stored_retention(), enable_fuzzing=enable_fuzzing)

    @classmethod
    def open(
        cls,
        data_dir: Path | str | None = None,
        *,
        enable_fuzzing: bool = True,
        now: datetime | None = None,
        allow_read_only: bool = False,
    ) -> ProgressStore:
        """Open (creating or upgrading if needed) `<data_dir>/progress.sqlite3`.

        `data_dir` None means `lstm_quiz.paths.data_dir()`. An unusable file is
        moved aside (see `recovery`; `now` dates its new name); a
        ProgressStoreError means the store cannot be used at all (busy, disk
        full...). A folder that cannot be written is a `ReadOnlyStoreError`,
        unless `allow_read_only` (commands that only read): then the store is
        opened read-only (`read_only`) and any write raises that error.
        `enable_fuzzing=False` makes intervals exact, for tests.
        """
        if data_dir is None:
            from lstm_quiz.paths import data_dir as default_data_dir

            data_dir = default_data_dir()
        folder = Path(data_dir)
        path = folder / PROGRESS_FILENAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            if allow_read_only and not folder.exists():
                # Nothing recorded yet, and nowhere to record it: an empty store.
                return cls(open_read_only(path), path, read_only=True)
            if isinstance(error, PermissionError) or error.errno == 30:  # EROFS
                raise ReadOnlyStoreError(read_only_message(folder)) from error
            raise ProgressStoreError(
                f"cannot create the data folder {folder}: {error.strerror or error}; "
                "choose another with --data-dir or $LSTM_QUIZ_DATA_DIR"
            ) from error
        if not is_writable(folder, path):
            if not allow_read_only:
                raise ReadOnlyStoreError(read_only_message(folder))
            return cls(open_read_only(path), path, enable_fuzzing=enable_fuzzing, read_only=True)
        recovery: RecoveryNotice | None = None
        while True:
            identity = file_identity(path)
            try:
                connection = open_connection(path)
                break
            except Unusable as unusable:
                if recovery is not None:
                    # The fresh file we just made is unusable too: the folder,
                    # not the file, is at fault. Stop rather than loop.
                    raise ProgressStoreError(
                        f"cannot create a new progress database at {path}: {unusable.reason}"
                    ) from unusable
                if file_identity(path) != identity:
                    # Another lstm-quiz starting at the same moment has already
                    # replaced the file: use its fresh one, do not move it too.
                    continue
                try:
                    moved_to = move_aside(path, now or utc_now())
                except OSError as error:
                    raise ProgressStoreError(
                        f"the progress file {path} could not be used ({unusable.reason}) and "
                        f"could not be moved aside: {error.strerror or error}; move or delete "
                        "it yourself"
                    ) from error
                recovery = RecoveryNotice(path=path, moved_to=moved_to, reason=unusable.reason)
        return cls(connection, path, enable_fuzzing=enable_fuzzing, recovery=recovery)
