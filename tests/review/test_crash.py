"""kill -9 at random moments loses no acknowledged answer and never damages the store.

A real subprocess (crash_driver.py) opens the store and records answers,
printing "ack N" after each commit; it is killed with SIGKILL while opening
or after a random number of answers, over and over on the same data folder.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from lstm_quiz.review.scheduler import Card
from lstm_quiz.review.store import PROGRESS_FILENAME, ProgressStore
from lstm_quiz.review.timeutil import from_db

from . import crash_driver

KILLS = int(os.environ.get("CRASH_TEST_KILLS", "25"))  # raise it for a longer soak
DRIVER = Path(crash_driver.__file__)
REPO_ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]


def run_and_kill(data_dir: Path, run: int, rng: random.Random) -> tuple[int, bool]:
    """Start the driver, kill it at a random point; return (answers acknowledged, was ready)."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    }
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), str(data_dir), str(run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    # A fifth of the runs are killed a few milliseconds after they start
    # opening the store (creating, checking, migrating it); the others after
    # 0-40 answers, a random fraction of a commit later.
    while_opening = run == 0 or rng.random() < 0.2
    wanted_acks = rng.randint(0, 40)
    acks = 0
    ready = False
    for line in process.stdout:
        if line.startswith("recovered"):
            process.kill()
            pytest.fail(f"run {run}: the store was set aside after a kill: {line}")
        if line == "ready\n":
            ready = True
        if line.startswith("ack "):
            assert int(line.split()[1]) == acks
            acks += 1
        if (while_opening and line == "opening\n") or (
            not while_opening and acks >= wanted_acks and ready
        ):
            break
    if run > 0:  # run 0 is killed at once, so that at least one kill lands in open()
        time.sleep(rng.uniform(0, 0.008 if while_opening else 0.004))
    process.send_signal(signal.SIGKILL)
    # Acks printed between our last read and the kill count too: drain them
    # through the same file object (communicate() would read the pipe behind
    # it and miss the lines already in its buffer).
    rest = process.stdout.read()
    assert process.stderr is not None
    errors = process.stderr.read()
    assert process.wait(timeout=10) == -signal.SIGKILL, errors
    for line in rest.splitlines():
        if line.startswith("ack "):
            assert int(line.split()[1]) == acks
            acks += 1
        elif line == "ready":
            ready = True
    return acks, ready


def check_store(data_dir: Path, run: int, acks: int) -> int:
    """Check the file after a kill; return how many answers of `run` it holds."""
    path = data_dir / PROGRESS_FILENAME
    if not path.exists():
        assert acks == 0
        return 0
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()
    with ProgressStore.open(data_dir) as store:
        assert store.recovery is None
        answers = store.reviews(session_id=crash_driver.session_of(run))
        # Every acknowledged answer is there, in order, with no gaps; at most
        # one more (committed, killed before it printed its ack).
        start = crash_driver.answer_time(run, 0)
        indexes = [int((r.answered_at - start).total_seconds()) for r in answers]
        assert indexes == list(range(len(answers)))
        assert acks <= len(answers) <= acks + 1, (acks, len(answers))
        for index, review in zip(indexes, answers, strict=True):
            assert review.duration == timedelta(milliseconds=index)
        # Each card is exactly the card_after of its question's latest answer:
        # the log row and the card were committed together.
        latest: dict[str, str] = {}
        for question_id, card_after in store._connection.execute(
            "SELECT question_id, card_after FROM review_log ORDER BY id"
        ):
            latest[question_id] = card_after
        cards = dict(store._connection.execute("SELECT question_id, card_json FROM cards"))
        assert cards == latest
        for question_id, card_json in cards.items():
            last_review = Card.from_json(card_json).last_review
            assert last_review is not None
            (answered_at,) = store._connection.execute(
                "SELECT MAX(answered_at) FROM review_log WHERE question_id = ?", (question_id,)
            ).fetchone()
            assert last_review == from_db(answered_at)
    return len(answers)


def test_kill_9_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random(int(os.environ.get("CRASH_TEST_SEED", "5")))
    started = time.monotonic()
    total_acks = total_kept = 0
    killed_while_opening = 0
    for run in range(KILLS):
        acks, ready = run_and_kill(data_dir, run, rng)
        killed_while_opening += not ready
        total_acks += acks
        total_kept += check_store(data_dir, run, acks)
    elapsed = time.monotonic() - started
    print(
        f"\n{KILLS} kills in {elapsed:.1f} s: {total_acks} answers acknowledged, "
        f"{total_kept} kept, {killed_while_opening} kills before the store was ready"
    )
    assert killed_while_opening >= 1
    assert total_acks > 0
