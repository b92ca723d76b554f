"""Issue 15: the fake "passed in 00:00" rows of old stores are no best times.

Before the reopen fix, opening a solved exercise graded the old solution.py at
once and recorded a pass a fraction of a second after the attempt began. Stores
written then keep those rows; the best time shown (picker, stats, the verdict's
"previous best") must come from real attempts only.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from lstm_quiz.coding.attempt import Attempt
from lstm_quiz.exercises.registry import ExerciseRegistry
from lstm_quiz.exercises.workspace import Workspace
from lstm_quiz.review import schema
from lstm_quiz.review.attempts import MIN_TIMED_PASS, progress_by_exercise
from lstm_quiz.review.store import PROGRESS_FILENAME, ProgressStore
from lstm_quiz.review.timeutil import to_db

from .helpers import NOW
from .test_schema import pragma

# (exercise, seconds from start to end, outcome), as the old app wrote them.
OLD_ROWS = [
    ("lstm_cell", 12 * 60, "passed"),  # a real attempt
    ("lstm_cell", 0.4, "passed"),  # re-opened: graded at once, "passed in 00:00"
    ("lstm_cell", 0.0, "passed"),
    ("lstm_cell", 3 * 60, "gave_up"),  # fast, but no pass
    ("gru_cell", 0.7, "passed"),  # its only pass is a fake one
]


def write_v1_store(data_dir: Path) -> Path:
    """A progress file at schema version 1, with attempts as the old app recorded them."""
    data_dir.mkdir(parents=True)
    path = data_dir / PROGRESS_FILENAME
    connection = sqlite3.connect(path)
    with connection:
        for statement in schema.MIGRATIONS[0]:
            connection.execute(statement)
        for day, (exercise_id, seconds, outcome) in enumerate(OLD_ROWS):
            started = NOW + timedelta(days=day)
            connection.execute(
                "INSERT INTO exercise_attempts (exercise_id, started_at, ended_at, outcome,"
                " tests_passed, tests_total, over_time, hints_used) VALUES (?, ?, ?, ?, ?, 9, 0, 0)",
                (
                    exercise_id,
                    to_db(started),
                    to_db(started + timedelta(seconds=seconds)),
                    outcome,
                    9 if outcome == "passed" else 4,
                ),
            )
        connection.execute("PRAGMA user_version = 1")
        connection.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    connection.close()
    return path


def test_an_old_store_s_instant_passes_count_as_passes_but_not_as_best_times(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    path = write_v1_store(data_dir)
    with ProgressStore.open(data_dir, now=NOW) as store:
        assert store.recovery is None  # upgraded in place, not set aside
        progress = progress_by_exercise(store.attempts())
    assert pragma(path, "user_version") == schema.schema_version()
    lstm_cell = progress["lstm_cell"]
    assert lstm_cell.best == timedelta(minutes=12)  # not 00:00
    assert (lstm_cell.status, lstm_cell.passes, lstm_cell.attempts) == ("passed", 3, 4)
    gru_cell = progress["gru_cell"]
    assert (gru_cell.status, gru_cell.best) == ("passed", None)  # shown as "–", not 00:00


def test_the_previous_best_of_a_new_attempt_ignores_the_fake_rows(
    tmp_path: Path, registry: ExerciseRegistry
) -> None:
    data_dir = tmp_path / "data"
    write_v1_store(data_dir)
    with ProgressStore.open(data_dir, now=NOW) as store:
        for exercise_id, best in (("lstm_cell", timedelta(minutes=12)), ("gru_cell", None)):
            exercise = registry.get(exercise_id)
            attempt = Attempt(exercise, Workspace.open(exercise, data_dir), store)
            assert attempt.best_previous() == best


def test_a_pass_counts_as_a_time_from_the_minimum_on(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path, now=NOW) as store:
        for exercise_id, took in (
            ("just_under", MIN_TIMED_PASS - timedelta(milliseconds=1)),
            ("at_minimum", MIN_TIMED_PASS),
        ):
            store.record_attempt(
                exercise_id,
                started_at=NOW,
                ended_at=NOW + took,
                outcome="passed",
                tests_passed=2,
                tests_total=2,
                over_time=False,
            )
        progress = progress_by_exercise(store.attempts())
    assert progress["just_under"].best is None
    assert progress["at_minimum"].best == MIN_TIMED_PASS
