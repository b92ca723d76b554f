"""Driving the app in tests: start a session on chosen questions, type answers."""

from __future__ import annotations

from textual.pilot import Pilot

from lstm_quiz.session.context import Practice
from lstm_quiz.session.practice import PracticeSession
from lstm_quiz.tui.app import QuizApp
from lstm_quiz.tui.screens.question import QuestionScreen
from tests.session.helpers import small_bank

SIZE = (100, 32)


async def ask(
    pilot: Pilot, practice: Practice, *question_ids: str, kind: str = "learn"
) -> PracticeSession:
    """Open a question screen on exactly these questions."""
    by_id = small_bank().by_id
    session = PracticeSession(
        practice.store,
        [by_id[i] for i in question_ids],
        kind=kind,
        clock=practice.clock,  # type: ignore[arg-type]
    )
    await pilot.app.push_screen(QuestionScreen(practice, session))
    await pilot.pause()
    return session


async def type_answer(pilot: Pilot, question_type: str, typed: str) -> None:
    """Keys for an answer written as in tests.session.helpers.RIGHT / WRONG."""
    if question_type == "multiple":
        await pilot.press(*typed.split(","), "enter")
    elif question_type == "numeric":
        await pilot.press(*typed, "enter")
    elif question_type == "open":
        await pilot.press("space", typed)
    else:
        await pilot.press(typed)
    await pilot.pause()


def screen_text(app: QuizApp) -> str:
    """The text of the widgets shown on the current screen (what a learner reads)."""
    from textual.widget import Widget
    from textual.widgets import Label, Markdown, OptionList, Static

    parts = []
    for widget in app.screen.query("*"):
        lineage = [w for w in widget.ancestors_with_self if isinstance(w, Widget)]
        if not all(w.display for w in lineage):
            continue
        if any(isinstance(w, Markdown) for w in lineage[1:]):
            continue  # a block of a Markdown widget: its source is taken whole
        if isinstance(widget, Static | Label):
            parts.append(str(widget.render()))
        elif isinstance(widget, Markdown):
            parts.append(widget.source)
        elif isinstance(widget, OptionList):
            options = range(widget.option_count)
            parts += [str(widget.get_option_at_index(n).prompt) for n in options]
    return "\n".join(parts)
