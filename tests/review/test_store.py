from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lstm_quiz.errors import UsageError
from lstm_quiz.review import store as store_module
from lstm_quiz.review.scheduler import Rating, ReviewScheduler, State
from lstm_quiz.review.store import (
    LEECH_THRESHOLD,
    ProgressStore,
    ProgressStoreError,
    new_session_id,
)

from .helpers import NOW

SESSION = "session-1"


def answer(
    store: ProgressStore,
    question_id: str,
    correct: bool,
    at: datetime = NOW,
    session_id: str = SESSION,
) -> None:
    store.record_answer(question_id, correct=correct, session_id=session_id, now=at)


# ------------------------------------------------------------------- ratings


def test_a_right_answer_is_rated_good(store: ProgressStore) -> None:
    record = store.record_answer(
        "q1", correct=True, session_id=SESSION, duration=timedelta(seconds=4.5), now=NOW
    )
    assert record.rating is Rating.Good
    assert record.correct is True
    assert record.duration == timedelta(seconds=4.5)
    assert record.answered_at == NOW
    assert record.card_before is None
    expected = ReviewScheduler(enable_fuzzing=False)
    assert record.card_after == expected.review(expected.new_card("q1", NOW), Rating.Good, NOW)
    assert store.reviews() == [record]


def test_a_wrong_answer_is_rated_again(store: ProgressStore) -> None:
    record = store.record_answer("q1", correct=False, session_id=SESSION, now=NOW)
    assert record.rating is Rating.Again
    assert record.correct is False
    assert store.reviews()[0].rating is Rating.Again


@pytest.mark.parametrize("rating", list(Rating))
def test_an_open_question_keeps_the_learners_rating(store: ProgressStore, rating: Rating) -> None:
    record = store.record_answer("open.1", rating, session_id=SESSION, now=NOW)
    assert record.rating is rating
    # Self-rated "Again" counts as wrong (for leeches); anything else as right.
    assert record.correct is (rating is not Rating.Again)
    [stored] = store.reviews(question_id="open.1")
    assert stored == record


def test_a_rating_can_be_given_by_name(store: ProgressStore) -> None:
    assert store.record_answer("q", "easy", session_id=SESSION, now=NOW).rating is Rating.Easy


def test_an_answer_needs_a_result_or_a_rating(store: ProgressStore) -> None:
    with pytest.raises(ValueError, match="correct"):
        store.record_answer("q1", session_id=SESSION, now=NOW)
    with pytest.raises(ValueError, match="timezone-aware"):
        store.record_answer("q1", correct=True, session_id=SESSION, now=datetime(2025, 1, 1))
    with pytest.raises(ValueError, match="negative"):
        store.record_answer(
            "q1", correct=True, session_id=SESSION, duration=timedelta(seconds=-1), now=NOW
        )
    assert store.reviews() == []


def test_the_card_continues_from_its_stored_state(store: ProgressStore) -> None:
    first = store.record_answer("q1", correct=True, session_id=SESSION, now=NOW)
    second = store.record_answer("q1", correct=True, session_id=SESSION, now=first.card_after.due)
    assert second.card_before == first.card_after
    card = store.card("q1")
    assert card is not None and card.card == second.card_after


# ------------------------------------------------------------------ due / new


def test_a_card_is_due_after_its_interval(store: ProgressStore) -> None:
    # Answer right at each due time until the card graduates to Review.
    moment = NOW
    record = store.record_answer("q1", correct=True, session_id=SESSION, now=moment)
    while record.card_after.state is not State.Review:
        moment = record.card_after.due
        record = store.record_answer("q1", correct=True, session_id=SESSION, now=moment)
    due = record.card_after.due
    assert due - moment >= timedelta(days=1)
    assert store.due_ids(moment) == []
    assert store.due_ids(due - timedelta(seconds=1)) == []
    assert store.due_ids(due) == ["q1"]
    assert store.due_ids(due + timedelta(days=30)) == ["q1"]


def test_due_ids_are_most_overdue_first_and_can_be_restricted(store: ProgressStore) -> None:
    answer(store, "late", False, NOW)
    answer(store, "later", False, NOW + timedelta(minutes=5))
    answer(store, "not-due", True, NOW + timedelta(minutes=9))
    moment = NOW + timedelta(minutes=16)  # Again: due 10 minutes later
    assert store.due_ids(moment) == ["late", "later"]
    assert store.due_ids(moment, ids=["later", "not-due", "unknown"]) == ["later"]


def test_new_ids_are_the_unanswered_ones_in_the_given_order(store: ProgressStore) -> None:
    answer(store, "b", True)
    assert store.new_ids(["c", "b", "a", "c"]) == ["c", "a"]
    assert store.due_ids(NOW) == []


def test_suspend_hides_a_question_until_unsuspended(store: ProgressStore) -> None:
    answer(store, "q1", False)
    answer(store, "q2", False)
    later = NOW + timedelta(hours=1)
    assert store.due_ids(later) == ["q1", "q2"]
    card_before = store.card("q1")
    store.suspend("q1")
    assert store.due_ids(later) == ["q2"]
    assert store.suspended_ids() == ["q1"]
    store.unsuspend("q1")
    assert store.due_ids(later) == ["q1", "q2"]
    assert store.card("q1") == card_before  # the card itself is untouched


def test_suspending_a_new_question_takes_it_off_the_new_list(store: ProgressStore) -> None:
    store.suspend("fresh", now=NOW)
    assert store.new_ids(["fresh", "other"]) == ["other"]
    assert store.due_ids(NOW + timedelta(days=1)) == []
    store.unsuspend("fresh")
    assert store.new_ids(["fresh", "other"]) == ["fresh", "other"]
    # A suspended-then-answered question keeps its flag and gets scheduled.
    store.suspend("fresh", now=NOW)
    answer(store, "fresh", True)
    record = store.card("fresh")
    assert record is not None and record.suspended and record.reviewed


# ---------------------------------------------------------------------- undo


def snapshot(store: ProgressStore) -> tuple[object, object]:
    return store.card_records(), store.reviews()


def test_undo_three_steps_back_restores_cards_and_log_exactly(store: ProgressStore) -> None:
    other_session = new_session_id()
    answer(store, "elsewhere", True, NOW, session_id=other_session)
    answer(store, "q1", True, NOW + timedelta(minutes=1))
    answer(store, "q2", False, NOW + timedelta(minutes=2))
    snapshots = [snapshot(store)]
    answer(store, "q1", True, NOW + timedelta(minutes=12))  # q1 again: card_before exists
    snapshots.append(snapshot(store))
    answer(store, "q3", True, NOW + timedelta(minutes=13))  # a brand-new question
    snapshots.append(snapshot(store))
    answer(store, "q2", True, NOW + timedelta(minutes=14))
    snapshots.append(snapshot(store))

    undone = []
    for expected in reversed(snapshots[:-1]):
        record = store.undo_last(SESSION)
        assert record is not None
        undone.append(record.question_id)
        assert snapshot(store) == expected
    assert undone == ["q2", "q3", "q1"]
    assert store.card("q3") is None  # new again
    assert store.new_ids(["q3"]) == ["q3"]
    # Two more undos empty the session, the other session is untouched.
    assert store.undo_last(SESSION) is not None
    assert store.undo_last(SESSION) is not None
    assert store.undo_last(SESSION) is None
    assert [r.question_id for r in store.reviews()] == ["elsewhere"]
    assert [r.question_id for r in store.card_records()] == ["elsewhere"]


def test_undo_survives_reopening(data_dir: Path) -> None:
    with ProgressStore.open(data_dir, enable_fuzzing=False) as first:
        answer(first, "q1", True)
        before = snapshot(first)
        answer(first, "q1", False, NOW + timedelta(minutes=5))
    with ProgressStore.open(data_dir, enable_fuzzing=False) as second:
        assert second.undo_last(SESSION) is not None
        assert snapshot(second) == before


def test_undo_refuses_to_discard_a_later_answer_from_another_session(
    store: ProgressStore,
) -> None:
    answer(store, "q1", True, NOW, session_id="morning")
    answer(store, "q1", False, NOW + timedelta(hours=3), session_id="evening")
    with pytest.raises(ProgressStoreError, match="answered again later"):
        store.undo_last("morning")
    assert len(store.reviews()) == 2
    assert store.undo_last("evening") is not None
    assert store.undo_last("morning") is not None


def test_undo_of_a_first_answer_keeps_a_later_suspension(store: ProgressStore) -> None:
    answer(store, "q1", True)
    store.suspend("q1")
    store.undo_last(SESSION)
    record = store.card("q1")
    assert record is not None and record.suspended and not record.reviewed
    assert store.new_ids(["q1"]) == []


# -------------------------------------------------------------------- leeches


def test_a_question_answered_wrong_six_times_is_a_leech(store: ProgressStore) -> None:
    assert LEECH_THRESHOLD == 6
    moment = NOW
    for _ in range(5):
        answer(store, "hard", False, moment)
        answer(store, "hard", True, moment + timedelta(minutes=1))  # right ones do not count
        answer(store, "easy", True, moment)
        moment += timedelta(hours=1)
    assert store.wrong_count("hard") == 5
    assert store.leeches() == []
    answer(store, "hard", False, moment)
    [leech] = store.leeches()
    assert (leech.question_id, leech.wrong_count, leech.suspended) == ("hard", 6, False)
    store.suspend("hard")
    assert store.leeches()[0].suspended is True
    # Undoing the sixth wrong answer takes the flag back off.
    store.undo_last(SESSION)
    assert store.leeches() == []


def test_self_rated_again_counts_towards_leeches(store: ProgressStore) -> None:
    for minute in range(6):
        store.record_answer(
            "open", Rating.Again, session_id=SESSION, now=NOW + timedelta(minutes=minute)
        )
    assert [leech.question_id for leech in store.leeches()] == ["open"]
    assert store.leeches(threshold=7) == []


# ------------------------------------------------------------------- settings


def test_settings_round_trip_and_survive_reopening(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as first:
        assert first.get_setting("desired_retention") == 0.9
        assert first.desired_retention == 0.9
        assert first.get_setting("language") == "en"
        assert first.get_setting("theme") is None
        assert first.get_setting("theme", "dark") == "dark"
        first.set_setting("desired_retention", 0.85)
        first.set_setting("language", "zh")
        first.set_setting("theme", "gruvbox")
        first.set_setting("topics", ["lstm", "gru"])
        first.set_setting("language", "zh")  # setting twice is fine
        assert first.desired_retention == 0.85
    with ProgressStore.open(data_dir) as second:
        assert second.get_setting("desired_retention") == 0.85
        assert second.scheduler.desired_retention == 0.85
        assert second.get_setting("topics") == ["lstm", "gru"]
        assert second.settings() == {
            "desired_retention": 0.85,
            "language": "zh",
            "theme": "gruvbox",
            "topics": ["lstm", "gru"],
        }


def test_bad_settings_are_refused(store: ProgressStore) -> None:
    with pytest.raises(UsageError, match="desired retention"):
        store.set_setting("desired_retention", 1.5)
    with pytest.raises(UsageError, match="plain value"):
        store.set_setting("theme", object())
    assert store.desired_retention == 0.9


def test_the_retention_setting_changes_scheduling(store: ProgressStore) -> None:
    store.set_setting("desired_retention", 0.97)
    assert store.scheduler.desired_retention == 0.97


def test_a_hand_edited_bad_retention_falls_back_to_the_default(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as first:
        first._connection.execute(
            "INSERT INTO settings (key, value) VALUES ('desired_retention', '\"lots\"')"
        )
    with ProgressStore.open(data_dir) as second:
        assert second.desired_retention == 0.9


# ------------------------------------------------------------------- attempts


def test_exercise_attempts_round_trip(store: ProgressStore) -> None:
    first = store.record_attempt(
        "lstm_cell",
        started_at=NOW,
        ended_at=NOW + timedelta(minutes=14),
        outcome="passed",
        tests_passed=12,
        tests_total=12,
        over_time=False,
        hints_used=1,
    )
    second = store.record_attempt(
        "gru_cell",
        started_at=NOW + timedelta(hours=1),
        ended_at=None,
        outcome="abandoned",
        tests_passed=0,
        tests_total=9,
        over_time=True,
    )
    assert store.attempts() == [first, second]
    assert store.attempts("lstm_cell") == [first]
    assert store.attempts("nothing") == []
    assert first.ended_at == NOW + timedelta(minutes=14)
    assert second.hints_used == 0 and second.over_time is True


def test_impossible_attempts_are_refused(store: ProgressStore) -> None:
    with pytest.raises(ValueError, match="tests_passed"):
        store.record_attempt(
            "x",
            started_at=NOW,
            ended_at=NOW,
            outcome="passed",
            tests_passed=3,
            tests_total=2,
            over_time=False,
        )
    assert store.attempts() == []


# -------------------------------------------------------- files and processes


def test_progress_persists_across_reopening(data_dir: Path) -> None:
    with ProgressStore.open(data_dir, enable_fuzzing=False) as first:
        answer(first, "q1", True)
        cards = first.card_records()
        reviews = first.reviews()
    with ProgressStore.open(data_dir, enable_fuzzing=False) as second:
        assert second.card_records() == cards
        assert second.reviews() == reviews
        assert second.recovery is None


def test_the_default_data_dir_comes_from_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LSTM_QUIZ_DATA_DIR", str(tmp_path / "from-env"))
    with ProgressStore.open() as opened:
        assert opened.path == tmp_path / "from-env" / "progress.sqlite3"
    assert opened.path.is_file()


def test_a_busy_database_gives_a_clear_error(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.05)
    with ProgressStore.open(data_dir) as first, ProgressStore.open(data_dir) as second:
        first._connection.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        with pytest.raises(ProgressStoreError, match="busy"):
            answer(second, "q1", True)
        first._connection.execute("ROLLBACK")
        answer(second, "q1", True)
        assert [r.question_id for r in first.reviews()] == ["q1"]


def test_the_store_can_be_used_from_several_threads(store: ProgressStore) -> None:
    def work(thread: int) -> None:
        for n in range(20):
            answer(store, f"t{thread}-{n}", n % 2 == 0, NOW, session_id=f"s{thread}")

    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.reviews()) == 80
    assert len(store.card_records()) == 80
