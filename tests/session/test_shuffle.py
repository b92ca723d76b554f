"""Choices shuffled each time a question is shown: seeded, graded and explained in the order shown."""

from __future__ import annotations

import random

from lstm_quiz.bank.models import Question
from lstm_quiz.session.context import Practice
from lstm_quiz.session.format import right_answer_text
from lstm_quiz.session.practice import PracticeSession
from lstm_quiz.session.presented import present

from .helpers import small_bank


def shuffled(question_id: str) -> Question:
    """A question of the small bank without its ``shuffle: false``."""
    question = small_bank().by_id[question_id]
    fields = {name: getattr(question, name) for name in Question.__slots__}
    return Question(**{**fields, "shuffle": True})


def texts(question: Question) -> list[str]:
    return [choice.text.en for choice in question.choices]


def session(practice: Practice, *questions: Question, seed: int) -> PracticeSession:
    return PracticeSession(
        practice.store, list(questions), clock=practice.clock, rng=random.Random(seed)
    )


def test_the_same_seed_gives_the_same_order_and_others_differ(practice: Practice) -> None:
    question = shuffled("tui-sigmoid-gates")  # four choices: 24 orders
    orders = {seed: texts(session(practice, question, seed=seed).current) for seed in range(12)}  # type: ignore[arg-type]
    assert orders[3] == texts(session(practice, question, seed=3).current)  # type: ignore[arg-type]
    assert len({tuple(order) for order in orders.values()}) > 3
    assert all(sorted(order) == sorted(texts(question)) for order in orders.values())


def test_undo_shows_the_same_order_again(practice: Practice) -> None:
    s = session(practice, shuffled("tui-sigmoid-gates"), seed=5)
    before = texts(s.current)  # type: ignore[arg-type]
    s.answer_text("1")
    s.undo()
    assert texts(s.current) == before  # type: ignore[arg-type]


def test_the_shown_key_of_the_right_choice_is_graded_right(practice: Practice) -> None:
    for seed in range(8):
        s = session(practice, shuffled("tui-forget-gate"), seed=seed)
        shown = s.current
        assert shown is not None
        key = next(n for n, c in enumerate(shown.choices, start=1) if c.correct)
        wrong = next(n for n, c in enumerate(shown.choices, start=1) if not c.correct)
        assert s.answer_text(str(key)).correct
        s.undo()
        outcome = s.answer_text(str(wrong))
        assert not outcome.correct
        # The feedback names the position shown, and the presentation maps it back.
        assert right_answer_text(outcome.question, "en") == f"{key}. The forget gate"
        presented = s.presented
        assert presented is not None
        original = small_bank().by_id["tui-forget-gate"]
        assert original.choices[presented.bank_index(key - 1)].correct


def test_multiple_choice_feedback_names_the_shown_positions(practice: Practice) -> None:
    s = session(practice, shuffled("tui-sigmoid-gates"), seed=2)
    shown = s.current
    assert shown is not None
    right = sorted(n for n, c in enumerate(shown.choices, start=1) if c.correct)
    assert s.answer_text(",".join(map(str, right))).correct
    assert right_answer_text(shown, "en") == ", ".join(map(str, right))


def test_shuffle_false_keeps_the_written_order(practice: Practice) -> None:
    question = small_bank().by_id["tui-sigmoid-gates"]  # shuffle: false in the test bank
    assert question.shuffle is False
    for seed in range(5):
        assert texts(session(practice, question, seed=seed).current) == texts(question)  # type: ignore[arg-type]
    assert present(question, random.Random(1)).order == ()
