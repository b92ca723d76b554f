"""The progress database's schema and its migrations.

`MIGRATIONS[n]` takes a database from schema version n to n + 1; the version
is kept in `PRAGMA user_version`, and `PRAGMA application_id` marks the file as
an lstm-quiz progress store so that another program's SQLite file is never
mistaken for one. Migrations only ever get appended: a released step is not
edited, a change is a new step.

Conventions: instants are UTC text in `timeutil`'s fixed format (text order is
time order); booleans are 0/1; fsrs cards are their own JSON (`Card.to_json`).
"""

from __future__ import annotations

import sqlite3

# "LSQZ" as a big-endian int32: what `PRAGMA application_id` holds in our files.
APPLICATION_ID = 0x4C53515A

_V1 = (
    # One row per question ever reviewed or suspended. `card_json` is the
    # fsrs card; due/state/stability/last_review copy fields out of it so that
    # "what is due" and the stats are indexed queries, not a JSON scan.
    """
    CREATE TABLE cards (
        question_id TEXT PRIMARY KEY,
        card_json   TEXT NOT NULL,
        due         TEXT NOT NULL,
        state       INTEGER NOT NULL,
        stability   REAL,
        last_review TEXT,
        suspended   INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1))
    )
    """,
    "CREATE INDEX cards_due ON cards (due)",
    # One row per answer. card_before (NULL when the question had no card row)
    # and card_after let undo put the card back exactly as it was.
    """
    CREATE TABLE review_log (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        question_id TEXT NOT NULL,
        rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
        answered_at TEXT NOT NULL,
        duration_ms INTEGER CHECK (duration_ms IS NULL OR duration_ms >= 0),
        session_id  TEXT NOT NULL,
        card_before TEXT,
        card_after  TEXT NOT NULL
    )
    """,
    "CREATE INDEX review_log_question ON review_log (question_id, id)",
    "CREATE INDEX review_log_session ON review_log (session_id, id)",
    "CREATE INDEX review_log_answered_at ON review_log (answered_at)",
    # Leeches count wrong answers per question; this keeps that off a table scan.
    "CREATE INDEX review_log_wrong ON review_log (question_id) WHERE correct = 0",
    # Values are JSON, so a setting keeps its type (0.9 stays a float).
    """
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
    # Timed coding exercises (used by a later issue).
    """
    CREATE TABLE exercise_attempts (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        exercise_id  TEXT NOT NULL,
        started_at   TEXT NOT NULL,
        ended_at     TEXT,
        outcome      TEXT NOT NULL,
        tests_passed INTEGER NOT NULL CHECK (tests_passed >= 0),
        tests_total  INTEGER NOT NULL CHECK (tests_total >= tests_passed),
        over_time    INTEGER NOT NULL CHECK (over_time IN (0, 1)),
        hints_used   INTEGER NOT NULL DEFAULT 0 CHECK (hints_used >= 0)
    )
    """,
    "CREATE INDEX exercise_attempts_exercise ON exercise_attempts (exercise_id, started_at)",
)

_V2 = (
    # Buried: hidden from due and new lists until this instant (the start of
    # the learner's next day), then back by itself. NULL: not buried.
    "ALTER TABLE cards ADD COLUMN buried_until TEXT",
)

# Each step is a tuple of statements run one by one inside the caller's
# transaction (not executescript, which would commit half-way).
MIGRATIONS: list[tuple[str, ...]] = [_V1, _V2]

# The tables a database at the current version must have.
REQUIRED_TABLES = frozenset({"cards", "review_log", "settings", "exercise_attempts"})


def schema_version() -> int:
    """The version this code writes: the number of migrations."""
    return len(MIGRATIONS)


def user_tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {name for (name,) in rows}


def migrate(connection: sqlite3.Connection, from_version: int) -> int:
    """Apply the migrations after `from_version`; the caller holds a write transaction.

    Returns the new version. The version bump is part of the same transaction,
    so a crash mid-migration leaves the database at its old version.
    """
    target = schema_version()
    for version in range(from_version, target):
        for statement in MIGRATIONS[version]:
            connection.execute(statement)
    # PRAGMAs take no parameters; both values are ints we control.
    connection.execute(f"PRAGMA user_version = {int(target)}")
    connection.execute(f"PRAGMA application_id = {int(APPLICATION_ID)}")
    return target
