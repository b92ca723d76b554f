"""The TUI shows the session's shuffled order: the shown key is graded right, feedback names it."""

from __future__ import annotations

import random

from lstm_quiz.bank.models import Question
from lstm_quiz.session.context import Practice
from lstm_quiz.session.practice import PracticeSession
from lstm_quiz.tui.app import QuizApp
from lstm_quiz.tui.screens.question import QuestionScreen
from lstm_quiz.tui.widgets.choices import ChoiceList
from tests.session.helpers import small_bank

from .pilots import SIZE, screen_text


def shuffled(question_id: str) -> Question:
    question = small_bank().by_id[question_id]
    fields = {name: getattr(question, name) for name in Question.__slots__}
    return Question(**{**fields, "shuffle": True})


async def test_the_shown_order_is_answered_and_explained(practice: Practice) -> None:
    question = shuffled("tui-forget-gate")
    # A seed whose order moves the right choice away from its written place (2).
    for seed in range(50):
        session = PracticeSession(
            practice.store, [question], clock=practice.clock, rng=random.Random(seed)
        )
        shown = session.current
        assert shown is not None
        right = next(n for n, c in enumerate(shown.choices, start=1) if c.correct)
        if right != 2:
            break
    wrong = next(n for n, c in enumerate(shown.choices, start=1) if not c.correct)
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(QuestionScreen(practice, session))
        await pilot.pause()
        labels = app.screen.query_one(ChoiceList).labels
        assert labels == [c.text.en for c in shown.choices]  # the order on screen
        await pilot.press(str(wrong))
        await pilot.pause()
        text = screen_text(app)
        assert "✗ Wrong" in text
        assert f"The answer: **{right}. The forget gate**" in text
        assert f"Your choice {wrong}: " in text
        await pilot.press("u")  # undo: the same order again, and the shown key is right
        await pilot.pause()
        assert app.screen.query_one(ChoiceList).labels == labels
        await pilot.press(str(right))
        await pilot.pause()
        assert "✓ Right" in screen_text(app)
