from __future__ import annotations

from datetime import timedelta

from lstm_quiz.session.context import Practice
from lstm_quiz.session.summary import TopicResult, weakest_topics

from .helpers import FakeClock


def test_summary_of_a_session(practice: Practice, clock: FakeClock) -> None:
    session = practice.start("learn")
    answers = {"tui-forget-gate": 0, "tui-code-shared": 1}  # wrong, right
    for _ in range(session.total):
        question = session.current
        assert question is not None
        clock.advance(seconds=30)
        if question.id in answers:
            session.answer(answers[question.id])
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
    assert summary.duration == timedelta(seconds=210)
    # Topics in the bank's vocabulary order (lstm_architecture comes before code_reading).
    assert [r.topic for r in summary.per_topic] == ["lstm_architecture", "code_reading"]
    assert summary.weakest[0].topic == "lstm_architecture"
    # The wrong answer is due in minutes; the right ones later today.
    assert summary.due.now == 0 and summary.due.next_due is not None
    assert summary.due.next_due - clock() < timedelta(minutes=10)
    assert summary.due.week == 7
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
