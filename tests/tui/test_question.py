"""Answering questions in the TUI: every type, feedback, undo, leeches."""

from __future__ import annotations

from textual.widgets import Input

from lstm_quiz.review.scheduler import Rating
from lstm_quiz.review.store import LEECH_THRESHOLD
from lstm_quiz.session.context import Practice
from lstm_quiz.tui.app import QuizApp
from lstm_quiz.tui.screens.question import QuestionScreen
from lstm_quiz.tui.screens.summary import SummaryScreen
from tests.session.helpers import RIGHT, WRONG

from .pilots import SIZE, ask, screen_text, type_answer


async def test_answer_right(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        session = await ask(pilot, practice, "tui-forget-gate")
        await type_answer(pilot, "single", RIGHT["tui-forget-gate"])
        shown = screen_text(app)
        assert "✓ Right" in shown
        assert "the forget gate decides" in shown  # the explanation
        assert "Source: Gers, Schmidhuber & Cummins (2000)" in shown
        [record] = practice.store.reviews(session_id=session.session_id)
        assert record.correct and record.rating == Rating.Good


async def test_answer_wrong_shows_the_answer_and_why(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, practice, "tui-forget-gate", "tui-gru-cell")
        await type_answer(pilot, "single", WRONG["tui-forget-gate"])
        shown = screen_text(app)
        assert "✗ Wrong" in shown
        assert "The answer: **2. The forget gate**" in shown
        assert "Your choice 1: The output gate scales" in shown
        assert practice.store.reviews()[0].rating == Rating.Again
        await pilot.press("enter")  # next question
        await pilot.pause()
        assert app.screen.session.current.id == "tui-gru-cell"  # type: ignore[attr-defined]
        assert "✗ Wrong" not in screen_text(app)


async def test_true_false_by_t_and_f(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        session = await ask(pilot, practice, "tui-gru-cell", "tui-code-clip")
        await pilot.press("t")
        await pilot.press("enter")
        await pilot.press("f")
        await pilot.pause()
        assert [o.correct for o in session.outcomes] == [True, False]
        assert "The answer: **true**" in screen_text(app)


async def test_choices_by_arrows_and_enter(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        session = await ask(pilot, practice, "tui-code-shared")
        await pilot.press("down", "down", "up", "enter")
        await pilot.pause()
        assert session.outcomes[0].answer == 1 and session.outcomes[0].correct


async def test_multiple_choice_with_toggles(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        session = await ask(pilot, practice, "tui-sigmoid-gates", "tui-sigmoid-gates")
        await pilot.press("enter")  # nothing marked yet: a hint, no answer
        await pilot.pause()
        assert "Mark at least one choice" in screen_text(app)
        assert session.answered == 0
        await pilot.press("space", "down", "space", "down", "space", "up", "space")  # 1 and 3
        await pilot.press("enter")
        await pilot.pause()
        assert session.outcomes[0].answer == frozenset({0, 2})
        assert "✓ Right" in screen_text(app)
        await pilot.press("enter")
        await type_answer(pilot, "multiple", "1,2")  # number keys toggle too
        assert session.outcomes[1].answer == frozenset({0, 1})
        assert "The right choices: **1, 3**" in screen_text(app)


async def test_numeric_input_is_validated_inline(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        session = await ask(pilot, practice, "tui-param-count")
        await type_answer(pilot, "numeric", "4x8")
        assert "type a number, e.g. 42, 0.5 or 1e-3" in screen_text(app)
        assert app.screen.query_one("#numeric-input", Input).has_class("-invalid")
        assert session.answered == 0 and practice.store.reviews() == []
        await pilot.press("backspace", "backspace", "backspace")
        await type_answer(pilot, "numeric", "48")
        assert session.outcomes[0].correct
        assert "type a number" not in screen_text(app)
        assert "✓ Right" in screen_text(app)


async def test_open_question_shown_then_rated(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        session = await ask(pilot, practice, "tui-cell-state", "tui-gru-cell")
        assert "Model answer" not in screen_text(app)
        await pilot.press("2")  # no rating before the answer is shown
        await pilot.pause()
        assert session.answered == 0
        await pilot.press("space")
        await pilot.pause()
        shown = screen_text(app)
        assert "The cell state is updated additively" in shown and "Key points" in shown
        await pilot.press("2")  # Hard
        await pilot.pause()
        assert session.outcomes[0].rating == Rating.Hard
        assert session.current.id == "tui-gru-cell"  # type: ignore[union-attr]


async def test_undo_several_steps_back(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        session = await ask(pilot, practice, "tui-forget-gate", "tui-gru-cell", "tui-code-clip")
        await type_answer(pilot, "single", "1")
        await pilot.press("enter")
        await type_answer(pilot, "true_false", "t")
        await pilot.press("enter")
        await pilot.pause()
        assert session.current.id == "tui-code-clip"  # type: ignore[union-attr]
        await pilot.press("u")
        await pilot.pause()
        assert session.current.id == "tui-gru-cell" and session.current_outcome is None  # type: ignore[union-attr]
        assert "✓ Right" not in screen_text(app)  # asked afresh
        await pilot.press("u")
        await pilot.pause()
        assert session.current.id == "tui-forget-gate"  # type: ignore[union-attr]
        assert practice.store.reviews() == []
        await type_answer(pilot, "single", "2")  # answer it again, right this time
        assert session.outcomes[0].correct


async def test_a_leech_is_flagged_and_suspended(practice: Practice) -> None:
    for n in range(LEECH_THRESHOLD):
        practice.store.record_answer("tui-code-clip", correct=False, session_id=f"old-{n}")
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        session = await ask(pilot, practice, "tui-gru-cell", "tui-code-clip", "tui-forget-gate")
        assert not app.screen.query_one("#leech-line").display  # not a leech
        await type_answer(pilot, "true_false", "t")
        await pilot.press("enter")
        await pilot.pause()
        assert "Leech: answered wrong 6 times" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert practice.store.suspended_ids() == ["tui-code-clip"]
        assert session.current.id == "tui-forget-gate"  # type: ignore[union-attr]
        assert "Leech" not in screen_text(app)


async def test_escape_ends_the_session_with_a_summary(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, practice, "tui-forget-gate", "tui-gru-cell")
        await type_answer(pilot, "single", "2")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.answered == 1 and app.screen.summary.total == 2
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, QuestionScreen | SummaryScreen)


async def test_a_long_code_question_opens_at_its_first_line_at_80x24(practice: Practice) -> None:
    from lstm_quiz.bank.loader import load_bank
    from lstm_quiz.session.practice import PracticeSession

    question = load_bank().by_id["code-numpy-bias-column-broadcast"]
    session = PracticeSession(practice.store, [question], kind="learn", clock=practice.clock)
    app = QuizApp(practice)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(QuestionScreen(practice, session))
        await pilot.pause()
        body = app.screen.query_one("#question-body")
        assert body.max_scroll_y > 0  # too long for the screen...
        assert body.scroll_y == 0  # ...and yet the question's sentence is what shows first
        await pilot.press("down", "down", "down")  # to the last choice: it scrolls into view
        await pilot.pause()
        assert body.scroll_y > 0
