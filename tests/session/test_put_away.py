"""Issue 14: a suspend or bury by slip is taken back with u; the store and queue as before."""

from __future__ import annotations

from lstm_quiz.session.context import Practice
from lstm_quiz.session.practice import PracticeSession

from .helpers import FakeClock, small_bank


def session_of(practice: Practice, clock: FakeClock, *ids: str) -> PracticeSession:
    by_id = small_bank().by_id
    return PracticeSession(practice.store, [by_id[i] for i in ids], clock=clock)


def test_undoing_a_suspend_puts_the_card_back_where_it_was(
    practice: Practice, clock: FakeClock
) -> None:
    session = session_of(practice, clock, "tui-forget-gate", "tui-gru-cell")
    shown = session.current
    assert shown is not None and session.last_put_away is None
    session.suspend_current()
    assert practice.store.suspended_ids() == ["tui-forget-gate"]
    assert session.current is not None and session.current.id == "tui-gru-cell"
    assert session.total == 1
    step = session.undo_put_away()
    assert step is not None and step.kind == "suspended" and not step.answered
    assert practice.store.suspended_ids() == []
    assert session.total == 2 and session.current == shown  # the same showing again
    assert session.undo_put_away() is None  # nothing more to take back
    # A new card again: it is offered among the new ones.
    assert "tui-forget-gate" in practice.store.new_ids(["tui-forget-gate"], now=clock())


def test_undoing_a_bury_of_an_answered_card_keeps_the_answer(
    practice: Practice, clock: FakeClock
) -> None:
    session = session_of(practice, clock, "tui-forget-gate", "tui-gru-cell")
    outcome = session.answer(0)  # wrong: it would come back in this session
    assert outcome.returns and session.returning == 1
    session.bury_current()
    assert practice.store.buried_ids(now=clock()) == ["tui-forget-gate"]
    assert session.returning == 0  # a buried card does not come back today
    session.next()
    step = session.undo_put_away()
    assert step is not None and step.kind == "buried" and step.answered
    assert practice.store.buried_ids(now=clock()) == []
    assert session.returning == 1  # it comes back in the session again
    assert len(session.outcomes) == 1  # the answer stays
    assert session.current is not None and session.current.id == "tui-gru-cell"


def test_a_put_away_cannot_be_undone_once_an_answer_came_after(
    practice: Practice, clock: FakeClock
) -> None:
    session = session_of(practice, clock, "tui-forget-gate", "tui-gru-cell")
    session.suspend_current()
    session.answer(True)
    assert session.last_put_away is None and session.undo_put_away() is None
    assert practice.store.suspended_ids() == ["tui-forget-gate"]


def test_the_suspended_and_buried_list_and_restoring(practice: Practice, clock: FakeClock) -> None:
    practice.store.suspend("tui-gru-cell", now=clock())
    session = session_of(practice, clock, "tui-forget-gate")
    session.bury_current()
    cards = practice.put_away()
    assert [(c.question.id, c.suspended) for c in cards] == [
        ("tui-gru-cell", True),
        ("tui-forget-gate", False),
    ]
    assert cards[1].buried_until is not None and cards[1].buried_until > clock()
    practice.restore("tui-forget-gate")
    practice.restore("tui-gru-cell")
    assert practice.put_away() == []
    assert practice.store.new_ids(["tui-forget-gate", "tui-gru-cell"], now=clock()) == [
        "tui-forget-gate",
        "tui-gru-cell",
    ]
