from __future__ import annotations

from datetime import timedelta

import pytest

from lstm_quiz.bank.answers import AnswerInputError
from lstm_quiz.review.scheduler import Rating
from lstm_quiz.review.store import LEECH_THRESHOLD, ProgressStoreError
from lstm_quiz.session.context import Practice
from lstm_quiz.session.practice import PracticeSession, SessionOverError

from .helpers import RIGHT, WRONG, FakeClock, small_bank


def session_of(practice: Practice, *question_ids: str, **options) -> PracticeSession:  # type: ignore[no-untyped-def]
    by_id = small_bank().by_id
    return PracticeSession(
        practice.store, [by_id[i] for i in question_ids], clock=practice.clock, **options
    )


def test_a_right_answer_is_committed_as_good(practice: Practice, clock: FakeClock) -> None:
    session = session_of(practice, "tui-forget-gate")
    clock.advance(seconds=12)
    outcome = session.answer_text("2")
    assert outcome.correct and outcome.rating == Rating.Good
    assert outcome.duration == timedelta(seconds=12)
    [record] = practice.store.reviews(session_id=session.session_id)
    assert record.question_id == "tui-forget-gate" and record.correct
    assert record.duration == timedelta(seconds=12)


def test_a_wrong_answer_is_committed_as_again(practice: Practice) -> None:
    session = session_of(practice, "tui-sigmoid-gates")
    outcome = session.answer(frozenset({0, 1}))
    assert not outcome.correct and outcome.rating == Rating.Again
    assert practice.store.wrong_count("tui-sigmoid-gates") == 1


@pytest.mark.parametrize("question_id", sorted(RIGHT))
def test_every_type_is_checked(practice: Practice, question_id: str) -> None:
    question = small_bank().by_id[question_id]
    for typed, expected in ((RIGHT[question_id], True), (WRONG[question_id], False)):
        session = session_of(practice, question_id)
        if question.type == "open":
            outcome = session.rate(int(typed))
        else:
            outcome = session.answer_text(typed)
        assert outcome.correct is expected


def test_open_questions_take_the_learners_rating(practice: Practice) -> None:
    session = session_of(practice, "tui-cell-state", "tui-cell-state")
    hard = session.rate(2)
    assert hard.rating == Rating.Hard and hard.correct  # Hard: recalled with effort, a pass
    session.next()
    assert session.rate(4).rating == Rating.Easy
    with pytest.raises(ValueError):
        session_of(practice, "tui-forget-gate").rate(3)
    with pytest.raises(ValueError):
        session_of(practice, "tui-cell-state").answer(True)


def test_bad_input_raises_a_hint_and_commits_nothing(practice: Practice) -> None:
    session = session_of(practice, "tui-param-count")
    with pytest.raises(AnswerInputError, match="type a number"):
        session.answer_text("forty-eight")
    assert practice.store.reviews() == []
    assert session.answer_text("48").correct


def test_one_answer_per_question_then_next(practice: Practice) -> None:
    session = session_of(practice, "tui-gru-cell", "tui-code-clip")
    session.answer(True)
    with pytest.raises(SessionOverError):
        session.answer(True)
    assert session.current_outcome is not None
    assert session.next() is not None and session.current_outcome is None
    session.answer(False)
    # Missed: it comes straight back, since nothing else is left.
    assert session.next().id == "tui-code-clip"  # type: ignore[union-attr]
    session.answer(True)
    assert session.next() is None and session.finished
    with pytest.raises(SessionOverError):
        session.answer(True)
    assert (session.answered, session.right) == (3, 2)


def test_undo_goes_back_several_steps(practice: Practice) -> None:
    session = session_of(practice, "tui-forget-gate", "tui-gru-cell", "tui-code-clip")
    for answer in (1, True, False):
        session.answer(answer)
        session.next()
    # tui-code-clip was missed and is back; undoing the miss takes it out again.
    assert session.current.id == "tui-code-clip" and session.total == 4  # type: ignore[union-attr]
    assert session.undo().question.id == "tui-code-clip"  # type: ignore[union-attr]
    assert session.current.id == "tui-code-clip" and session.current_outcome is None  # type: ignore[union-attr]
    assert session.total == 3 and session.returning == 0
    assert session.undo().question.id == "tui-gru-cell"  # type: ignore[union-attr]
    assert session.undo().question.id == "tui-forget-gate"  # type: ignore[union-attr]
    assert session.undo() is None
    assert practice.store.reviews() == []
    assert practice.store.card("tui-forget-gate") is None  # new again
    assert session.answer(1).correct  # and can be answered again


def test_undo_refused_when_answered_again_elsewhere(practice: Practice) -> None:
    session = session_of(practice, "tui-gru-cell")
    session.answer(True)
    practice.store.record_answer("tui-gru-cell", correct=True, session_id="other")
    with pytest.raises(ProgressStoreError):
        session.undo()
    assert session.answered == 1


def test_a_leech_is_flagged_and_can_be_suspended(practice: Practice) -> None:
    for n in range(LEECH_THRESHOLD - 1):
        practice.store.record_answer("tui-forget-gate", correct=False, session_id=f"old{n}")
    session = session_of(practice, "tui-forget-gate", "tui-gru-cell")
    assert not session.is_leech("tui-forget-gate")
    outcome = session.answer(0)
    assert outcome.leech and outcome.wrong_count == LEECH_THRESHOLD
    session.suspend_current()
    assert practice.store.suspended_ids() == ["tui-forget-gate"]
    assert session.next().id == "tui-gru-cell"  # type: ignore[union-attr]


def test_suspending_an_unanswered_question_drops_it_from_the_queue(practice: Practice) -> None:
    session = session_of(practice, "tui-forget-gate", "tui-gru-cell")
    assert session.suspend_current().id == "tui-gru-cell"  # type: ignore[union-attr]
    assert session.total == 1 and session.suspended == ["tui-forget-gate"]


def test_a_timed_session_ends_when_time_is_up(practice: Practice, clock: FakeClock) -> None:
    session = session_of(
        practice, "tui-gru-cell", "tui-code-clip", kind="mock", time_limit=timedelta(minutes=3)
    )
    assert not session.feedback
    assert session.remaining_time() == timedelta(minutes=3)
    session.answer(True)
    session.next()
    clock.advance(minutes=4)
    assert session.time_is_up and session.remaining_time() == timedelta(0)
    with pytest.raises(SessionOverError):
        session.answer(True)
    assert session.finished and session.answered == 1
    assert session.elapsed() == timedelta(minutes=4)


def test_quitting_keeps_every_answer(practice: Practice) -> None:
    session = session_of(practice, "tui-gru-cell", "tui-code-clip")
    session.answer(True)
    session.finish()
    assert session.current is None
    assert len(practice.store.reviews()) == 1
