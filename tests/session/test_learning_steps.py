"""Anki-like practice in the session core: missed cards come back, previews, Hard, bury, marks."""

from __future__ import annotations

from datetime import UTC, timedelta

from fsrs import Card, Rating, Scheduler

from lstm_quiz.review.scheduler import LEARNING_STEPS, card_id_for
from lstm_quiz.session.context import Practice
from lstm_quiz.session.feedback import choice_marks, format_interval, hits_line, preview_line
from lstm_quiz.session.practice import RETURN_AFTER_CARDS, PracticeSession

from .helpers import NOW, RIGHT, WRONG, FakeClock, make_practice, small_bank


def session_of(practice: Practice, *question_ids: str, kind: str = "mixed") -> PracticeSession:
    by_id = small_bank().by_id
    return PracticeSession(
        practice.store,
        [by_id[i] for i in question_ids],
        clock=practice.clock,
        kind=kind,  # type: ignore[arg-type]
        tz=UTC,
    )


def answer(session: PracticeSession, right: bool) -> None:
    question = session.current
    assert question is not None
    typed = (RIGHT if right else WRONG)[question.id]
    if question.type == "open":
        session.rate(int(typed))
    else:
        session.answer_text(typed)


def asked_ids(session: PracticeSession, script: dict[str, list[bool]]) -> list[str]:
    """Answer until the session ends, each question per its script (last entry repeats)."""
    asked: list[str] = []
    while (question := session.current) is not None:
        asked.append(question.id)
        plan = script.get(question.id, [True])
        answer(session, plan.pop(0) if len(plan) > 1 else plan[0])
        session.next()
    return asked


def test_a_missed_card_comes_back_after_a_few_others_until_passed(practice: Practice) -> None:
    ids = ["tui-forget-gate", "tui-gru-cell", "tui-code-clip", "tui-code-shared", "tui-param-count"]
    session = session_of(practice, *ids)
    asked = asked_ids(session, {"tui-forget-gate": [False, False, True]})
    # Missed at 1, back after RETURN_AFTER_CARDS others, missed again, back when the rest ran dry.
    assert RETURN_AFTER_CARDS == 3
    assert asked == [
        "tui-forget-gate",
        "tui-gru-cell",
        "tui-code-clip",
        "tui-code-shared",
        "tui-forget-gate",
        "tui-param-count",
        "tui-forget-gate",
    ]
    assert session.finished and session.returning == 0
    card = practice.store.card("tui-forget-gate")
    assert card is not None and card.card.state.name == "Review"  # passed: out of its steps
    summary = practice.summary(session)
    # Scored by first answers: 4 of 5 known at first sight.
    assert (summary.answered, summary.right, summary.total) == (5, 4, 5)
    assert summary.missed == ["tui-forget-gate"]


def test_a_missed_card_comes_back_when_its_step_is_due(
    practice: Practice, clock: FakeClock
) -> None:
    session = session_of(
        practice, "tui-forget-gate", "tui-gru-cell", "tui-code-clip", "tui-code-shared"
    )
    answer(session, False)
    session.next()
    clock.advance(minutes=11)  # the 10-minute step has passed while the learner thought
    answer(session, True)
    assert session.next().id == "tui-forget-gate"  # type: ignore[union-attr]


def test_a_right_answer_to_a_new_card_does_not_come_back(practice: Practice) -> None:
    session = session_of(practice, "tui-gru-cell")
    answer(session, True)
    outcome = session.current_outcome
    assert outcome is not None and not outcome.returns and outcome.interval >= timedelta(days=1)
    assert session.next() is None


def test_a_mock_interview_asks_each_question_once(practice: Practice) -> None:
    session = session_of(practice, "tui-forget-gate", "tui-gru-cell", kind="mock")
    assert asked_ids(session, {"tui-forget-gate": [False]}) == ["tui-forget-gate", "tui-gru-cell"]


def test_undoing_a_miss_cancels_its_return(practice: Practice) -> None:
    session = session_of(practice, "tui-forget-gate", "tui-gru-cell")
    answer(session, False)
    assert session.returning == 1
    session.undo()
    assert session.returning == 0
    answer(session, True)
    session.next()
    answer(session, True)
    assert session.next() is None


def test_the_interval_preview_matches_fsrs_for_a_fresh_card(practice: Practice) -> None:
    session = session_of(practice, "tui-cell-state")
    preview = session.preview()
    fsrs = Scheduler(learning_steps=LEARNING_STEPS, enable_fuzzing=False)
    fresh = Card(card_id=card_id_for("tui-cell-state"), due=NOW)
    expected = {
        int(rating): fsrs.review_card(fresh, rating, review_datetime=NOW)[0].due - NOW
        for rating in Rating
    }
    assert preview == expected
    assert preview[1] == timedelta(minutes=10) and preview[2] == timedelta(minutes=15)
    assert preview[1] < preview[2] < preview[3] < preview[4]
    assert practice.store.card("tui-cell-state") is None  # previewing writes nothing
    line = preview_line(preview, "en")
    assert line.startswith("Again 10m · Hard 15m · Good ") and " · Easy " in line
    assert preview_line(preview, "zh") == "重来 10分钟 · 困难 15分钟 · 良好 2天 · 简单 8天"
    # The rating chosen gives the interval previewed (fuzz aside: none on a new card).
    outcome = session.rate(3)
    assert outcome.interval == preview[3]


def test_intervals_are_written_as_anki_writes_them() -> None:
    assert [
        format_interval(timedelta(**kwargs))
        for kwargs in (
            {"seconds": 30},
            {"minutes": 10},
            {"hours": 5},
            {"days": 3},
            {"days": 75},
            {"days": 400},
        )
    ] == ["<1m", "10m", "5h", "3d", "2.5mo", "1.1y"]


def test_hard_is_a_pass(practice: Practice) -> None:
    session = session_of(practice, "tui-cell-state")
    outcome = session.rate(2)
    assert outcome.correct and outcome.rating == Rating.Hard
    assert practice.store.wrong_count("tui-cell-state") == 0
    assert practice.summary(session).right == 1


def test_suspend_and_bury_are_kept_and_honoured(practice: Practice, clock: FakeClock) -> None:
    session = practice.start("learn")
    first, second = session.questions[0].id, session.questions[1].id
    assert session.suspend_current().id == second  # type: ignore[union-attr]
    third = session.bury_current()
    assert third is not None and third.id not in (first, second)
    # Stored: a new session, or a new process, leaves both out.
    practice.store.close()
    later = make_practice(practice.store.path.parent, clock)
    try:
        assert later.store.suspended_ids() == [first]
        assert later.store.buried_ids(clock()) == [second]
        queue = [q.id for q in later.start("learn").questions]
        assert first not in queue and second not in queue
        assert second not in [q.id for q in later.start("mock").questions]
        clock.advance(days=1)  # tomorrow: the buried card is back, the suspended one is not
        queue = [q.id for q in later.start("learn").questions]
        assert second in queue and first not in queue
        assert later.store.buried_ids(clock()) == []
    finally:
        later.store.close()


def test_burying_a_missed_card_stops_its_return(practice: Practice) -> None:
    session = session_of(practice, "tui-forget-gate", "tui-gru-cell")
    answer(session, False)
    session.bury_current()
    assert session.returning == 0
    assert session.next().id == "tui-gru-cell"  # type: ignore[union-attr]
    answer(session, True)
    assert session.next() is None


def test_multiple_choice_marks_say_what_was_picked() -> None:
    question = small_bank().by_id["tui-sigmoid-gates"]  # right: 1 and 3 of 3
    partial = frozenset({0})
    assert [mark.kind for mark in choice_marks(question, partial)] == ["hit", "none", "missed"]
    assert hits_line(question, partial, "en") == "1 of 2 right choices picked"
    wrong = frozenset({0, 1})
    marks = choice_marks(question, wrong)
    assert [mark.symbol for mark in marks] == ["✓", "✗", "✗"]
    assert [mark.label("en") for mark in marks] == [
        "✓ picked, right",
        "✗ picked, but wrong",
        "✗ missed: right, not picked",
    ]
    assert hits_line(question, wrong, "en") == "1 of 2 right choices picked, 1 wrong"
    assert hits_line(question, frozenset({0, 2}), "zh") == "2 个正确选项中选对了 2 个"


def test_a_partial_answer_stays_wrong(practice: Practice) -> None:
    session = session_of(practice, "tui-sigmoid-gates")
    outcome = session.answer(frozenset({0}))
    assert not outcome.correct and outcome.rating == Rating.Again


def test_a_mock_interview_is_scored_over_the_questions_asked(practice: Practice) -> None:
    session = practice.start("mock")
    assert session.total == 7 - 1  # the open question is not asked in a mock
    session.answer_text(WRONG[session.current.id])  # type: ignore[union-attr]
    session.finish()
    summary = practice.summary(session)
    assert (summary.right, summary.score_total) == (0, 6)
    assert summary.percent == 0 and len(summary.unanswered) == 5
