"""The question screen's Anki-like keys and feedback: s / b, intervals, marks, mock Esc, drill."""

from __future__ import annotations

from textual.widgets import Label

from lstm_quiz.review.store import LEECH_THRESHOLD
from lstm_quiz.session.context import Practice
from lstm_quiz.tui.app import QuizApp
from lstm_quiz.tui.screens.confirm import ConfirmScreen
from lstm_quiz.tui.screens.question import QuestionScreen
from lstm_quiz.tui.screens.summary import SummaryScreen
from tests.session.helpers import WRONG, FakeClock

from .pilots import SIZE, ask, screen_text, type_answer


async def test_s_suspends_and_b_buries_any_card(practice: Practice, clock: FakeClock) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        session = await ask(pilot, practice, "tui-gru-cell", "tui-code-clip", "tui-forget-gate")
        shown = {key: b.binding.description for key, b in app.screen.active_bindings.items()}
        assert shown["s"] == "Suspend" and shown["b"] == "Bury"  # in the footer
        await pilot.press("s")  # not a leech, suspended all the same
        await pilot.pause()
        assert practice.store.suspended_ids() == ["tui-gru-cell"]
        assert session.current.id == "tui-code-clip"  # type: ignore[union-attr]
        await pilot.press("b")
        await pilot.pause()
        assert practice.store.buried_ids(clock()) == ["tui-code-clip"]
        assert session.current.id == "tui-forget-gate"  # type: ignore[union-attr]
        assert session.total == 1  # both left the queue


async def test_the_leech_notice_has_a_line_of_its_own(practice: Practice) -> None:
    for n in range(LEECH_THRESHOLD):
        practice.store.record_answer("tui-code-clip", correct=False, session_id=f"old-{n}")
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, practice, "tui-code-clip")
        line = app.screen.query_one("#leech-line")
        assert line.display and "Leech: answered wrong 6 times" in str(line.render())
        assert not str(app.screen.query_one("#header-leech", Label).render()).strip()


async def test_ratings_show_their_intervals_and_answers_their_next_review(
    practice: Practice,
) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, practice, "tui-cell-state", "tui-sigmoid-gates", "tui-gru-cell")
        await pilot.press("space")  # show the model answer
        await pilot.pause()
        hint = str(app.screen.query_one("#hint").render())
        assert "Again 10m · Hard 15m · Good " in hint and " · Easy " in hint
        await pilot.press("3")
        await pilot.pause()
        # A multiple choice answer, half right: what was done with each choice, and its interval.
        await type_answer(pilot, "multiple", "1")
        shown = screen_text(app)
        assert "✓ picked, right" in shown and "✗ missed: right, not picked" in shown
        hint = str(app.screen.query_one("#hint").render())
        assert "Next review in 10m" in hint and "comes back later in this session" in hint


async def test_escape_in_a_mock_asks_first_and_counts_the_rest_wrong(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        total = screen.session.total
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Unanswered questions count as wrong" in screen_text(app)
        # The box is wide enough to read its sentence (with width auto it shrank to nothing).
        assert app.screen.query_one("#confirm-question").region.width >= 40
        await pilot.press("n")  # go on
        await pilot.pause()
        assert app.screen is screen and screen.session.ended_at is None
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = app.screen.summary
        assert (summary.right, summary.score_total) == (0, total)
        assert f"0/{total}" in screen_text(app) and "0/0" not in screen_text(app)


async def test_a_mock_review_names_the_choices(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        session = await ask(pilot, practice, "tui-sigmoid-gates", kind="mock")
        await type_answer(pilot, "multiple", "1,2")
        assert session.finished
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
        assert "1. Forget gate · 2. Candidate" in shown  # the learner's answer, in words
        assert "1. Forget gate · 3. Output gate" in shown  # the right one


async def test_the_summary_drills_the_missed_questions(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        session = await ask(pilot, practice, "tui-forget-gate", "tui-gru-cell")
        await type_answer(pilot, "single", WRONG["tui-forget-gate"])
        await pilot.press("enter")
        await pilot.pause()
        await type_answer(pilot, "true_false", "t")
        await pilot.press("escape")  # end now, the missed card still waiting to come back
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert session.returning == 1
        shown = screen_text(app)
        assert "Answered wrong" in shown and "Which gate" in shown
        await pilot.press("d")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, QuestionScreen)
        assert [q.id for q in drill.session.questions] == ["tui-forget-gate"]
