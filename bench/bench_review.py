"""Speed of the progress store on a large learner history.

    python bench/bench_review.py [--questions 2000] [--answers 20000]

Fills a temporary store (one transaction per answer, as in practice), then
times the calls a practice session and `lstm-quiz stats` make. Not a test:
the numbers go in notes and the changelog.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from lstm_quiz.review.stats import compute_stats
from lstm_quiz.review.store import ProgressStore


def median_ms(call: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--answers", type=int, default=20000)
    args = parser.parse_args()
    ids = [f"topic{n % 12}.q{n}" for n in range(args.questions)]
    topics = {question_id: question_id.split(".")[0] for question_id in ids}
    start = datetime(2024, 1, 1, 19, 0, tzinfo=UTC)
    # A year of daily sessions, one answer every 20 seconds.
    per_day = max(1, args.answers // 365)
    with tempfile.TemporaryDirectory() as folder:
        opened = time.perf_counter()
        store = ProgressStore.open(folder)
        open_ms = (time.perf_counter() - opened) * 1000
        filled = time.perf_counter()
        for n in range(args.answers):
            store.record_answer(
                ids[(n * 7919) % len(ids)],
                correct=n % 4 != 0,
                session_id=f"day{n // per_day}",
                now=start + timedelta(days=n // per_day, seconds=20 * (n % per_day)),
            )
        fill_s = time.perf_counter() - filled
        now = start + timedelta(days=args.answers // per_day + 1)
        print(f"{args.questions} questions, {args.answers} answers, {per_day} a day")
        print(f"open (create)         {open_ms:8.2f} ms")
        print(
            f"record_answer         {fill_s / args.answers * 1000:8.2f} ms each (committed, fsync)"
        )
        print(f"due_ids               {median_ms(lambda: store.due_ids(now, ids)):8.2f} ms")
        print(f"new_ids               {median_ms(lambda: store.new_ids(ids)):8.2f} ms")
        print(f"leeches               {median_ms(store.leeches):8.2f} ms")
        print(
            f"compute_stats         {median_ms(lambda: compute_stats(store, topics, now=now)):8.2f} ms"
        )
        store.close()
        reopened = time.perf_counter()
        ProgressStore.open(folder).close()
        print(f"open (existing)       {(time.perf_counter() - reopened) * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
