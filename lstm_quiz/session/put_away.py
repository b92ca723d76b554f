"""Suspending and burying the card in front of the learner, and taking that back.

Anki's habit: `s` or `b` on a card, then undo if it was a slip. A put-away is
undone by `undo_put_away` while it is the session's latest
step (no answer given since): the card's mark is restored as it was (a
card buried before stays buried until then), and an unanswered card comes
back to the queue where it was, with the same drawn showing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from lstm_quiz.bank.models import Question
from lstm_quiz.review.timeutil import end_of_local_day, local_date

if TYPE_CHECKING:
    from lstm_quiz.session.practice import Outcome, PracticeSession

__all__ = [
    "PutAway",
    "PutAwayKind",
    "bury_current",
    "last_put_away",
    "suspend_current",
    "undo_put_away",
]

PutAwayKind = Literal["suspended", "buried"]


@dataclass(frozen=True)
class PutAway:
    """One suspend or bury, with what undoing it needs."""

    kind: PutAwayKind
    question: Question  # as shown
    answers: int  # answers given in the session when it was put away
    answered: bool  # whether it had been answered (then it stayed in the queue)
    buried_until: datetime | None  # the card's mark before (bury only)
    # The queue as it was (unanswered only: the card left it).
    questions: tuple[Question, ...]
    returning: tuple[tuple[Outcome, datetime], ...]
    returned_at: tuple[tuple[int, int], ...]


def suspend_current(session: PracticeSession) -> Question | None:
    """Suspend the current question. Unanswered, it leaves the queue; the new current."""
    question = session.current
    if question is None:
        return None
    step = _before(session, "suspended", question, None)
    session.store.suspend(question.id, now=session.clock())
    session.suspended.append(question.id)
    session._put_aways.append(step)
    return session._drop_current(question.id)


def bury_current(session: PracticeSession) -> Question | None:
    """Bury the current question until tomorrow (local day); as `suspend_current` after."""
    question = session.current
    if question is None:
        return None
    now = session.clock()
    record = session.store.card(question.id)
    step = _before(session, "buried", question, record.buried_until if record else None)
    tomorrow = end_of_local_day(local_date(now, session.tz), session.tz)
    session.store.bury(question.id, until=tomorrow, now=now)
    session.buried.append(question.id)
    session._put_aways.append(step)
    return session._drop_current(question.id)


def last_put_away(session: PracticeSession) -> PutAway | None:
    """The latest suspend or bury, if nothing was answered since (it can be undone)."""
    if session.ended_at is not None or not session._put_aways:
        return None
    last = session._put_aways[-1]
    return last if last.answers == len(session.outcomes) else None


def undo_put_away(session: PracticeSession) -> PutAway | None:
    """Take back the latest suspend or bury (see `last_put_away`); None if there is none."""
    step = last_put_away(session)
    if step is None:
        return None
    session._put_aways.pop()
    question_id = step.question.id
    if step.kind == "suspended":
        session.store.unsuspend(question_id)
        session.suspended.remove(question_id)
    else:
        if step.buried_until is None:
            session.store.unbury(question_id)
        else:
            session.store.bury(question_id, until=step.buried_until, now=session.clock())
        session.buried.remove(question_id)
    if step.answered:
        # It stayed in the queue; only its coming back in this session was cancelled.
        waiting = [entry[0] for entry in session._returning]
        session._returning += [
            entry
            for entry in step.returning
            if entry[0].question.id == question_id and entry[0] not in waiting
        ]
    else:
        session.questions = list(step.questions)
        session._returning = list(step.returning)
        session._returned_at = dict(step.returned_at)
        session._shown_at = session.clock()
    return step


def _before(
    session: PracticeSession, kind: PutAwayKind, question: Question, buried: datetime | None
) -> PutAway:
    return PutAway(
        kind=kind,
        question=question,
        answers=len(session.outcomes),
        answered=session.current_outcome is not None,
        buried_until=buried,
        questions=tuple(session.questions),
        returning=tuple(session._returning),
        returned_at=tuple(session._returned_at.items()),
    )
