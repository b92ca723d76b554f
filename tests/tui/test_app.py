"""The app as a whole: home, sessions from the menu, mock interview, resume, settings, stats."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Digits

from lstm_quiz.review.store import LEECH_THRESHOLD
from lstm_quiz.session.context import Practice
from lstm_quiz.tui.app import QuizApp
from lstm_quiz.tui.screens.home import HomeScreen
from lstm_quiz.tui.screens.question import QuestionScreen
from lstm_quiz.tui.screens.stats import StatsScreen
from lstm_quiz.tui.screens.summary import SummaryScreen
from tests.session.helpers import (
    RIGHT,
    WRONG,
    FakeClock,
    add_history,
    make_practice,
    open_store,
    record_attempt,
)

from .pilots import SIZE, screen_text, type_answer


def digits(app: QuizApp, name: str) -> str:
    return str(app.screen.query_one(f"#digits-{name}", Digits).value)


async def answer_current(pilot, right: bool = True) -> None:  # type: ignore[no-untyped-def]
    question = pilot.app.screen.session.current
    typed = (RIGHT if right else WRONG)[question.id]
    await type_answer(pilot, question.type, typed)


async def test_home_shows_due_new_and_streak(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert (digits(app, "due"), digits(app, "new"), digits(app, "streak")) == ("0", "7", "0")
        shown = screen_text(app)
        for item in ("Review due", "Learn new", "Mock interview", "Exercises", "Stats"):
            assert item in shown
        await pilot.press("r")  # nothing is due: a warning, no session
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_learn_from_the_menu_to_the_summary(practice: Practice, clock: FakeClock) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the menu starts on Learn new when nothing is due
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.session.kind == "learn"
        # The third is missed: it comes back after three others, then is answered right.
        number = 0
        while isinstance(app.screen, QuestionScreen):
            clock.advance(seconds=20)
            await answer_current(pilot, right=number != 2)
            number += 1
            if getattr(app.screen, "answered", False):
                await pilot.press("enter")
                await pilot.pause()
        assert number == 8
        assert isinstance(app.screen, SummaryScreen)
        summary = app.screen.summary
        assert (summary.answered, summary.right) == (7, 6)  # scored by first answers
        shown = screen_text(app)
        assert "86%" in shown and "2m 40s" in shown and "Weakest topics" in shown
        assert "Answered wrong" in shown and "d: drill this question again now" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # Every card passed, none is left in its steps: nothing due today.
        assert digits(app, "new") == "0" and digits(app, "due") == "0"


async def test_mock_interview_to_the_end(practice: Practice, clock: FakeClock) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.session.kind == "mock"
        assert "⏱ 09:00 left" in screen_text(app)
        total = screen.session.total
        for number in range(total):
            assert "Right" not in screen_text(app) and "Wrong" not in screen_text(app)
            clock.advance(seconds=30)
            await answer_current(pilot, right=number % 2 == 0)
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
        assert "Mock interview: results" in shown and "Review of every answer" in shown
        assert shown.count("Your answer:") == total
        assert len(practice.store.reviews()) == total


async def test_mock_interview_ends_when_time_is_up(practice: Practice, clock: FakeClock) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await answer_current(pilot)
        clock.advance(minutes=10)
        app.screen.tick()  # type: ignore[attr-defined]
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.answered == 1
        assert "Not answered" in screen_text(app)


async def test_quit_mid_session_then_resume(tmp_path: Path, clock: FakeClock) -> None:
    first = make_practice(tmp_path, clock)
    app = QuizApp(first)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await answer_current(pilot, right=False)
        missed = app.screen.session.outcomes[0].question.id  # type: ignore[attr-defined]
        await pilot.press("enter")
        await answer_current(pilot, right=True)
        await pilot.press("ctrl+q")
    first.store.close()
    clock.advance(minutes=15)
    second = make_practice(tmp_path, clock)
    app = QuizApp(second)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert digits(app, "new") == "5"
        # The missed one is due; the right one graduated (one 10-minute learning step).
        assert second.home().due_now == 1
        await pilot.press("r")
        await pilot.pause()
        session = app.screen.session  # type: ignore[attr-defined]
        assert session.current.id == missed  # the most overdue first
        assert session.total == 1
    second.store.close()


async def test_language_switch_is_kept(tmp_path: Path, clock: FakeClock) -> None:
    practice = make_practice(tmp_path, clock)
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert practice.lang == "zh" and app.lang == "zh"
        assert "学习新题" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert (
            "单选题" in screen_text(app) or "判断题" in screen_text(app) or "题" in screen_text(app)
        )
    practice.store.close()
    again = make_practice(tmp_path, clock)
    assert again.lang == "zh"
    app = QuizApp(again)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "模拟面试" in screen_text(app)
        await pilot.press("l")
        await pilot.pause()
        assert "Mock interview" in screen_text(app)
    again.store.close()


async def test_language_switch_during_a_question(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        question = app.screen.session.current  # type: ignore[attr-defined]
        await pilot.press("f2")
        await pilot.pause()
        assert question.prompt.zh.strip().splitlines()[0] in screen_text(app)


async def test_theme_toggle_is_kept(tmp_path: Path, clock: FakeClock) -> None:
    practice = make_practice(tmp_path, clock)
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("d")
        await pilot.pause()
        assert app.theme == "textual-light"
    practice.store.close()
    again = make_practice(tmp_path, clock)
    app = QuizApp(again)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
    again.store.close()


async def test_stats_unsuspends_a_leech(practice: Practice) -> None:
    for n in range(LEECH_THRESHOLD):
        practice.store.record_answer("tui-code-clip", correct=False, session_id=f"old-{n}")
    practice.suspend("tui-code-clip")
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        shown = screen_text(app)
        assert "Mastery per topic" in shown and "Leeches (answered wrong 6+ times)" in shown
        table = app.screen.query_one("#leeches", DataTable)
        assert table.row_count == 1
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert practice.store.suspended_ids() == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_stats_shows_leeches_and_exercise_attempts(
    practice: Practice, clock: FakeClock
) -> None:
    add_history(practice, clock)
    record_attempt(practice.store, "lstm_cell", 14.5, "passed")
    app = QuizApp(practice)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        leeches = app.screen.query_one("#leeches", DataTable)
        attempts = app.screen.query_one("#attempts", DataTable)
        # On screen, not only in the table: an "auto" height once left both 0 lines tall.
        assert leeches.region.height == 3 and attempts.region.height == 2
        row = [str(cell) for cell in attempts.get_row("lstm_cell")]
        assert row[:4] == ["lstm_cell", "1", "1", "14m 30s"] and row[4].startswith("passed")


async def test_exercises_lists_the_exercises(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        table = app.screen.query_one("#exercises", DataTable)
        assert table.row_count >= 5
        assert "lstm_cell" in [str(key.value) for key in table.rows]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_corrupt_store_is_shown_as_a_notification(tmp_path: Path, clock: FakeClock) -> None:
    (tmp_path / "progress.sqlite3").write_bytes(b"garbage, not SQLite" * 200)
    store = open_store(tmp_path)
    assert store.recovery is not None
    store.close()
    practice = make_practice(tmp_path, clock)
    app = QuizApp(practice, recovery=store.recovery.message)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        [notice] = list(app._notifications)
        assert notice.severity == "warning" and "could not be used" in notice.message
    practice.store.close()
