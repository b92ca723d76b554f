"""Records answers in a loop until killed; the crash test's victim.

    python crash_driver.py DATA_DIR RUN

prints "opening" before opening the store, "ready" once it is open, then
"ack N" after the N-th answer (from 0) of this run is committed. Answer N of
run R is given at `answer_time(R, N)`, so the test can tell from the log
exactly which answers reached the disk.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

BASE = datetime(2025, 1, 1, tzinfo=UTC)
QUESTIONS = 7  # few enough that most answers update an existing card


def answer_time(run: int, index: int) -> datetime:
    return BASE + timedelta(days=run, seconds=index)


def session_of(run: int) -> str:
    return f"run-{run}"


def main() -> None:
    data_dir, run = sys.argv[1], int(sys.argv[2])
    from lstm_quiz.review.store import ProgressStore

    print("opening", flush=True)
    store = ProgressStore.open(data_dir, now=BASE)
    if store.recovery is not None:
        print(f"recovered: {store.recovery.message}", flush=True)
    print("ready", flush=True)
    for index in range(1_000_000):
        store.record_answer(
            f"q{index % QUESTIONS}",
            correct=index % 3 != 0,
            session_id=session_of(run),
            duration=timedelta(milliseconds=index),
            now=answer_time(run, index),
        )
        print(f"ack {index}", flush=True)


if __name__ == "__main__":
    main()
