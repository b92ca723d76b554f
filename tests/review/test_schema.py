"""Opening the store: creation, migrations, and files that are set aside."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lstm_quiz.review import schema
from lstm_quiz.review import store as store_module
from lstm_quiz.review.store import PROGRESS_FILENAME, ProgressStore, ProgressStoreError

from .helpers import NOW

STAMP = "20250310T093000Z"  # NOW as the moved-aside suffix


def pragma(path: Path, name: str) -> object:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        connection.close()


def tables(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return schema.user_tables(connection)
    finally:
        connection.close()


def make_progress(data_dir: Path) -> None:
    """A real progress store with one answer in it."""
    with ProgressStore.open(data_dir, now=NOW) as store:
        store.record_answer("q1", correct=True, session_id="s", now=NOW)


def test_a_new_store_is_created_with_the_current_schema(data_dir: Path) -> None:
    with ProgressStore.open(data_dir, now=NOW) as store:
        assert store.path == data_dir / PROGRESS_FILENAME
        assert store.recovery is None
        assert pragma(store.path, "journal_mode") == "wal"
        assert pragma(store.path, "user_version") == schema.schema_version() >= 1
        assert pragma(store.path, "application_id") == schema.APPLICATION_ID
        assert tables(store.path) >= schema.REQUIRED_TABLES


def test_an_empty_zero_byte_file_is_migrated_from_v0(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / PROGRESS_FILENAME).write_bytes(b"")
    with ProgressStore.open(data_dir, now=NOW) as store:
        assert store.recovery is None
        assert pragma(store.path, "user_version") == schema.schema_version()
        store.record_answer("q1", correct=True, session_id="s", now=NOW)
    assert list(data_dir.glob("*.corrupt-*")) == []


def test_an_empty_sqlite_v0_database_is_migrated(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / PROGRESS_FILENAME
    sqlite3.connect(path).close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 0")
    connection.close()
    with ProgressStore.open(data_dir, now=NOW) as store:
        assert store.recovery is None
        assert tables(path) >= schema.REQUIRED_TABLES


def test_migrations_are_applied_in_order_and_keep_the_data(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_progress(data_dir)
    path = data_dir / PROGRESS_FILENAME
    version = schema.schema_version()
    extra_steps = [
        ("CREATE TABLE notes (question_id TEXT PRIMARY KEY, text TEXT NOT NULL)",),
        # Depends on the step before it: fails if the order were wrong.
        ("ALTER TABLE notes ADD COLUMN updated_at TEXT",),
    ]
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, *extra_steps])
    with ProgressStore.open(data_dir, now=NOW) as store:
        assert store.recovery is None
        assert [r.question_id for r in store.reviews()] == ["q1"]
    assert pragma(path, "user_version") == version + 2
    connection = sqlite3.connect(path)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(notes)")]
    connection.close()
    assert columns == ["question_id", "text", "updated_at"]


def test_a_failing_migration_changes_nothing_and_is_not_a_crash_loop(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ProgressStore.open(data_dir, now=NOW) as store:
        store.record_answer("q1", correct=True, session_id="s", now=NOW)
        store.record_answer("q1", correct=True, session_id="s", now=NOW)
    path = data_dir / PROGRESS_FILENAME
    version = schema.schema_version()
    # The second step fails on this file's data (two answers to q1), not on an empty one.
    steps = [
        ("CREATE TABLE scratch (x)",),
        ("CREATE UNIQUE INDEX one_answer_each ON review_log (question_id)",),
    ]
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, *steps])
    with ProgressStore.open(data_dir, now=NOW) as store:
        assert store.recovery is not None
        assert "could not be upgraded" in store.recovery.message
        moved = store.recovery.moved_to
        assert pragma(path, "user_version") == version + 2
    # The old file is intact, at its old version, without the half-applied steps.
    assert pragma(moved, "user_version") == version
    assert "scratch" not in tables(moved)
    with ProgressStore.open(data_dir, now=NOW) as store:
        assert store.recovery is None


def test_a_migration_that_fails_on_an_empty_file_is_a_bug_not_a_recovery(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir.mkdir()
    path = data_dir / PROGRESS_FILENAME
    path.write_bytes(b"junk" * 100)
    broken = [*schema.MIGRATIONS, ("CREATE TABLE cards (x)",)]  # cards exists already
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    for _ in range(3):
        with pytest.raises(ProgressStoreError, match="bug in lstm-quiz"):
            ProgressStore.open(data_dir, now=NOW)
    # The junk was moved aside once; the empty fresh file is not moved again and again.
    assert len(list(data_dir.glob("*.corrupt-*"))) == 1
    assert pragma(path, "user_version") == 0


def test_a_file_that_is_not_sqlite_is_moved_aside_with_a_message(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / PROGRESS_FILENAME
    garbage = b"this is not a database\n" * 50
    path.write_bytes(garbage)
    with ProgressStore.open(data_dir, now=NOW) as store:
        recovery = store.recovery
        assert recovery is not None
        assert recovery.path == path
        assert recovery.moved_to == data_dir / f"{PROGRESS_FILENAME}.corrupt-{STAMP}"
        assert "not a readable SQLite database" in recovery.reason
        assert str(recovery.moved_to) in recovery.message
        assert "new, empty progress store" in recovery.message
        # The fresh store works.
        store.record_answer("q1", correct=True, session_id="s", now=NOW)
    assert recovery.moved_to.read_bytes() == garbage
    # Opening again uses the new store: no second recovery, nothing else moved.
    with ProgressStore.open(data_dir, now=NOW) as again:
        assert again.recovery is None
        assert len(again.reviews()) == 1
    assert len(list(data_dir.glob("*.corrupt-*"))) == 1


def test_a_foreign_sqlite_file_is_moved_aside(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / PROGRESS_FILENAME
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.execute("INSERT INTO recipes VALUES ('soup')")
    connection.commit()
    connection.close()
    with ProgressStore.open(data_dir, now=NOW) as store:
        assert store.recovery is not None
        assert "not an lstm-quiz progress database" in store.recovery.message
        moved = store.recovery.moved_to
    connection = sqlite3.connect(moved)
    assert connection.execute("SELECT name FROM recipes").fetchall() == [("soup",)]
    connection.close()


def test_a_sqlite_file_of_another_application_is_moved_even_if_empty(data_dir: Path) -> None:
    data_dir.mkdir()
    connection = sqlite3.connect(data_dir / PROGRESS_FILENAME)
    connection.execute("PRAGMA application_id = 1234")
    connection.close()
    with ProgressStore.open(data_dir, now=NOW) as store:
        assert store.recovery is not None


def test_a_store_from_a_newer_version_is_moved_aside(data_dir: Path) -> None:
    make_progress(data_dir)
    path = data_dir / PROGRESS_FILENAME
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {schema.schema_version() + 1}")
    connection.close()
    with ProgressStore.open(data_dir, now=NOW) as store:
        assert store.recovery is not None
        assert "newer version of lstm-quiz" in store.recovery.message
        assert store.reviews() == []


def test_a_damaged_store_is_moved_aside_with_its_side_files(data_dir: Path) -> None:
    make_progress(data_dir)
    path = data_dir / PROGRESS_FILENAME
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = DELETE")  # fold the WAL into the file
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    data = bytearray(path.read_bytes())
    assert len(data) >= 3 * page_size
    # Overwrite the b-tree page headers after page 1 with nonsense.
    for page in range(1, len(data) // page_size):
        data[page * page_size : page * page_size + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))
    stale_wal = Path(f"{path}-wal")
    stale_wal.write_bytes(b"")
    with ProgressStore.open(data_dir, now=NOW) as store:
        assert store.recovery is not None
        moved = store.recovery.moved_to
        assert store.reviews() == []
    assert moved.read_bytes() == bytes(data)
    assert Path(f"{moved}-wal").exists()


def test_moving_aside_never_overwrites_an_earlier_copy(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / PROGRESS_FILENAME
    for n in range(3):
        path.write_bytes(b"junk %d" % n * 100)
        with ProgressStore.open(data_dir, now=NOW) as store:
            assert store.recovery is not None
    copies = sorted(data_dir.glob("*.corrupt-*"))
    assert [p.name for p in copies] == [
        f"{PROGRESS_FILENAME}.corrupt-{STAMP}",
        f"{PROGRESS_FILENAME}.corrupt-{STAMP}-1",
        f"{PROGRESS_FILENAME}.corrupt-{STAMP}-2",
    ]


def test_a_file_replaced_meanwhile_by_another_instance_is_not_moved(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir.mkdir()
    path = data_dir / PROGRESS_FILENAME
    path.write_bytes(b"junk" * 100)
    real_open = store_module.open_connection
    calls = []

    def racing_open(target: Path) -> sqlite3.Connection:
        calls.append(target)
        if len(calls) == 1:
            # Another lstm-quiz sets the junk aside and creates a fresh store
            # while this one is still deciding that the junk is unusable.
            path.rename(data_dir / "theirs.corrupt")
            make_progress(data_dir)
            raise store_module.Unusable("it is not a readable SQLite database")
        return real_open(target)

    monkeypatch.setattr(store_module, "open_connection", racing_open)
    with ProgressStore.open(data_dir, now=NOW) as store:
        assert store.recovery is None
        assert [r.question_id for r in store.reviews()] == ["q1"]
    assert list(data_dir.glob("*.corrupt-*")) == []


def test_an_unusable_data_folder_is_an_error_not_a_recovery(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    with pytest.raises(ProgressStoreError, match="cannot create the data folder"):
        ProgressStore.open(blocker / "data")
