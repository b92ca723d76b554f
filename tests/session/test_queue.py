from __future__ import annotations

from lstm_quiz.session.context import Practice
from lstm_quiz.session.queue import (
    MOCK_TYPES,
    Filters,
    build_queue,
    interleave_topics,
)

from .helpers import SEED, FakeClock, small_bank


def ids(questions) -> list[str]:  # type: ignore[no-untyped-def]
    return [question.id for question in questions]


def test_learn_is_every_new_question_in_a_seeded_order(
    practice: Practice, clock: FakeClock
) -> None:
    first = build_queue("learn", practice.bank, practice.store, Filters(seed=SEED), clock())
    again = build_queue("learn", practice.bank, practice.store, Filters(seed=SEED), clock())
    assert first == again
    assert sorted(ids(first)) == sorted(ids(small_bank().questions))


def test_review_is_what_is_due_most_overdue_first(practice: Practice, clock: FakeClock) -> None:
    store = practice.store
    store.record_answer("tui-gru-cell", correct=False, session_id="s", now=clock())
    clock.advance(seconds=30)
    store.record_answer("tui-forget-gate", correct=False, session_id="s", now=clock())
    clock.advance(hours=1)
    queue = build_queue("review", practice.bank, store, Filters(), clock())
    assert ids(queue) == ["tui-gru-cell", "tui-forget-gate"]


def test_mixed_puts_due_reviews_before_new_questions(practice: Practice, clock: FakeClock) -> None:
    practice.store.record_answer("tui-param-count", correct=False, session_id="s", now=clock())
    clock.advance(hours=1)
    queue = build_queue("mixed", practice.bank, practice.store, Filters(seed=1, count=3), clock())
    assert ids(queue)[0] == "tui-param-count"
    assert len(queue) == 3 and "tui-param-count" not in ids(queue)[1:]


def test_filters_and_suspensions_apply(practice: Practice, clock: FakeClock) -> None:
    practice.store.suspend("tui-code-clip")
    queue = build_queue(
        "learn", practice.bank, practice.store, Filters(topics=("code_reading",)), clock()
    )
    assert ids(queue) == ["tui-code-shared"]
    by_difficulty = build_queue(
        "learn", practice.bank, practice.store, Filters(difficulties=(2,)), clock()
    )
    assert {q.difficulty for q in by_difficulty} == {2}


def test_mock_asks_auto_graded_questions_with_topics_taking_turns(
    practice: Practice, clock: FakeClock
) -> None:
    queue = build_queue(
        "mock", practice.bank, practice.store, Filters(seed=3, mock_count=4), clock()
    )
    assert len(queue) == 4
    assert all(q.type in MOCK_TYPES for q in queue)
    topics = [q.topic for q in queue]
    assert topics[0] != topics[1]  # two topics, alternating while both last


def test_interleave_round_robins_topics() -> None:
    bank = small_bank()
    mixed = interleave_topics(bank.questions)
    assert [q.topic for q in mixed[:4]] == ["code_reading", "lstm_architecture"] * 2
    assert sorted(ids(mixed)) == sorted(ids(bank.questions))


def test_count_caps_the_queue(practice: Practice, clock: FakeClock) -> None:
    queue = build_queue("learn", practice.bank, practice.store, Filters(count=2), clock())
    assert len(queue) == 2


def test_filters_describe_themselves() -> None:
    assert Filters().describe() == ""
    text = Filters(topics=("lstm_architecture",), difficulties=(1, 2), tags=("gates",)).describe()
    assert text == "topic lstm_architecture · difficulty 1,2 · tag gates"
