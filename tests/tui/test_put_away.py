"""Issue 14: a suspend or bury is undone with u; Stats › p lists put-away cards to restore;
a mock's summary shows a template as drawn."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from lstm_quiz.review.store import ProgressStore
from lstm_quiz.session.context import Practice
from lstm_quiz.session.practice import PracticeSession
from lstm_quiz.session.queue import Filters
from lstm_quiz.tui.app import QuizApp
from lstm_quiz.tui.screens.help import HelpScreen
from lstm_quiz.tui.screens.put_away import PutAwayScreen
from lstm_quiz.tui.screens.question import QuestionScreen
from lstm_quiz.tui.screens.stats import StatsScreen
from lstm_quiz.tui.screens.summary import SummaryScreen
from tests.session.helpers import NOW, SEED, FakeClock, template_bank

from .pilots import SIZE, ask, screen_text


def toasts(app: QuizApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_u_takes_back_a_suspend_and_the_toast_says_so(
    practice: Practice, clock: FakeClock
) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        session = await ask(pilot, practice, "tui-gru-cell", "tui-forget-gate")
        await pilot.press("s")
        await pilot.pause()
        assert practice.store.suspended_ids() == ["tui-gru-cell"]
        assert any(t.startswith("Suspended “") and "u undoes it" in t for t in toasts(app))
        assert "u" in {key.key for key in app.screen.query(FooterKey)}  # Undo is offered
        await pilot.press("u")
        await pilot.pause()
        assert practice.store.suspended_ids() == []
        assert session.current is not None and session.current.id == "tui-gru-cell"
        assert any("no longer suspended" in t for t in toasts(app))
        await pilot.press("b")
        await pilot.pause()
        assert practice.store.buried_ids(clock()) == ["tui-gru-cell"]
        await pilot.press("u")
        await pilot.pause()
        assert practice.store.buried_ids(clock()) == []
        assert any("no longer buried" in t for t in toasts(app))


async def test_stats_p_lists_suspended_and_buried_cards_and_enter_restores(
    practice: Practice, clock: FakeClock
) -> None:
    practice.store.suspend("tui-gru-cell", now=clock())
    practice.store.bury("tui-forget-gate", until=clock().replace(hour=23), now=clock())
    app = QuizApp(practice)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")  # home › stats
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        footer = {key.key: key.description for key in app.screen.query(FooterKey)}
        assert footer.get("p") == "Suspended"
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PutAwayScreen)
        shown = screen_text(app)
        assert "Suspended and buried cards" in shown
        table = app.screen.query_one("#put-away", DataTable)
        assert table.row_count == 2
        first = [str(cell) for cell in table.get_row_at(0)]
        # Its words, not its id, and its topic under them.
        assert first[0].splitlines() == ["A GRU has no separate cell state.", "LSTM architecture"]
        assert "tui-gru-cell" not in " ".join(first) and first[1] == "suspended"
        assert str(table.get_row_at(1)[1]).startswith("buried until 2025-03-10")
        await pilot.press("question_mark")  # the help names the key
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and "Restore" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert practice.store.suspended_ids() == []
        assert any(t.startswith("Restored “") for t in toasts(app))
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert practice.store.buried_ids(clock()) == []
        assert "No card is suspended or buried." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)


async def test_a_mock_summary_shows_an_unanswered_template_as_drawn(tmp_path: Path) -> None:
    clock = FakeClock()
    bank = template_bank(tmp_path)
    with ProgressStore.open(tmp_path / "data", enable_fuzzing=False, now=NOW) as store:
        practice = Practice(bank, store, filters=Filters(seed=SEED), clock=clock, tz=UTC)
        app = QuizApp(practice)
        async with app.run_test(size=SIZE) as pilot:
            questions = [bank.by_id["tui-forget-gate"], bank.by_id["calc-template"]]
            session = PracticeSession(store, questions, kind="mock", clock=clock)
            await app.push_screen(QuestionScreen(practice, session))
            await pilot.pause()
            await pilot.press("1")  # the first, then end before the template
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            shown = screen_text(app)
            assert "{D}" not in shown and "{H}" not in shown
            values = session.showing(1).values
            drawn = f"input_size={int(values['D'])}, hidden_size={int(values['H'])}"
            assert drawn in shown
