from __future__ import annotations

from datetime import timedelta

from lstm_quiz.session.context import Practice
from lstm_quiz.session.summary import TopicResult, weakest_topics

from .helpers import FakeClock


def test_summary_of_a_session(practice: Practice, clock: FakeClock) -> None:
    session = practice.start("learn")
    answers = {"tui-forget-gate": 0, "tui-code-shared": 1}  # wrong, right
    while (question := session.current) is not None:
        clock.advance(seconds=30)
        if question.id in answers:
            session.answer(answers[question.id])
            answers["tui-forget-gate"] = 1  # right when it comes back
        elif question.type == "open":
            session.rate(3)
        elif question.type == "numeric":
            session.answer(48.0)
        elif question.type == "true_false":
            session.answer(True)
        else:
            session.answer(frozenset({0, 2}))
        session.next()
    session.finish()
    summary = practice.summary(session)
    assert (summary.total, summary.answered, summary.right) == (7, 7, 6)
    assert summary.percent == 86
    # Scored by first answers; the missed card came back once (8 answers).
    assert len(summary.outcomes) == 8 and summary.missed == ["tui-forget-gate"]
    assert summary.duration == timedelta(seconds=240)
    # Topics in the bank's vocabulary order (lstm_architecture comes before code_reading).
    assert [r.topic for r in summary.per_topic] == ["lstm_architecture", "code_reading"]
    assert summary.weakest[0].topic == "lstm_architecture"
    # Nothing is left due within the session: every card has left its learning step.
    assert summary.due.now == 0 and summary.due.next_due is not None
    assert summary.due.next_due - clock() > timedelta(hours=12)
    assert session.returning == 0
    assert summary.unanswered == []


def test_summary_of_a_session_ended_early(practice: Practice) -> None:
    session = practice.start("learn")
    session.rate(3) if session.current.type == "open" else session.answer_text(  # type: ignore[union-attr]
        {"single": "1", "multiple": "1", "true_false": "t", "numeric": "1"}[session.current.type]  # type: ignore[union-attr]
    )
    session.finish()
    summary = practice.summary(session)
    assert summary.answered == 1 and len(summary.unanswered) == 6


def test_weakest_topics_are_those_with_wrong_answers_worst_first() -> None:
    results = [
        TopicResult("a", answered=4, right=4),
        TopicResult("b", answered=4, right=1),
        TopicResult("c", answered=2, right=1),
        TopicResult("d", answered=1, right=0),
    ]
    assert [r.topic for r in weakest_topics(results)] == ["d", "b", "c"]
    assert weakest_topics([TopicResult("a", 3, 3)]) == []
