"""How the practice app looks (issue 5): the main screens at 80x24 and 120x40, on fixed data.

The clock stands still and the bank is the seven test questions, so each
picture is the same on every run. Update them with `--snapshot-update` after
a deliberate change, and look at the new pictures before committing them.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from lstm_quiz.session.context import Practice
from lstm_quiz.tui.app import LIGHT_THEME, QuizApp
from tests.session.helpers import FakeClock, add_history, record_attempt

from .pilots import ask, type_answer

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, practice: Practice, size: tuple[int, int]) -> None:
    assert snap_compare(QuizApp(practice), terminal_size=size)


def test_home_light_theme_in_chinese(snap_compare, practice: Practice) -> None:
    practice.set_lang("zh")
    practice.set_setting("theme", LIGHT_THEME)
    assert snap_compare(QuizApp(practice), terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES)
def test_code_question(snap_compare, practice: Practice, size: tuple[int, int]) -> None:
    async def open_question(pilot: Pilot) -> None:
        await ask(pilot, practice, "tui-code-shared", "tui-forget-gate")

    assert snap_compare(QuizApp(practice), terminal_size=size, run_before=open_question)


@pytest.mark.parametrize("size", SIZES)
def test_code_question_answered_wrong(
    snap_compare, practice: Practice, size: tuple[int, int]
) -> None:
    async def answer_wrong(pilot: Pilot) -> None:
        await ask(pilot, practice, "tui-code-shared", "tui-forget-gate")
        await type_answer(pilot, "single", "3")

    assert snap_compare(QuizApp(practice), terminal_size=size, run_before=answer_wrong)


def test_numeric_question_with_a_bad_number(snap_compare, practice: Practice) -> None:
    async def type_bad_number(pilot: Pilot) -> None:
        await ask(pilot, practice, "tui-param-count")
        await pilot.press("4", "x", "enter")  # refused, with a hint, not graded
        await pilot.pause()

    assert snap_compare(QuizApp(practice), terminal_size=(80, 24), run_before=type_bad_number)


def test_mock_interview_question(snap_compare, practice: Practice) -> None:
    assert snap_compare(QuizApp(practice), terminal_size=(80, 24), press=["m"])


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare, practice: Practice, clock: FakeClock, size: tuple[int, int]) -> None:
    async def short_session(pilot: Pilot) -> None:
        await ask(pilot, practice, "tui-forget-gate", "tui-gru-cell", "tui-code-clip")
        for typed in ("2", "f", "f"):  # right, wrong, wrong
            clock.advance(seconds=25)
            await pilot.press(typed)
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        # The two missed would come back in the session: end it here, with them listed.
        await pilot.press("escape")
        await pilot.pause()

    assert snap_compare(QuizApp(practice), terminal_size=size, run_before=short_session)


@pytest.mark.parametrize("size", SIZES)
def test_stats_with_history_leech_and_attempts(
    snap_compare, practice: Practice, clock: FakeClock, size: tuple[int, int]
) -> None:
    add_history(practice, clock)
    record_attempt(practice.store, "lstm_cell", 14.5, "passed")
    record_attempt(practice.store, "gru_cell", 30, "gave_up")
    assert snap_compare(QuizApp(practice), terminal_size=size, press=["s"])
