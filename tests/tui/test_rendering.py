"""Issue 14: every practice screen readable at 80x24 — code, sources, headers, numbers, keys."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Label, Static

from lstm_quiz.bank.answers import AnswerInputError, parse_number
from lstm_quiz.bank.models import Choice, Text
from lstm_quiz.session.context import Practice
from lstm_quiz.session.practice import PracticeSession
from lstm_quiz.tui.app import QuizApp
from lstm_quiz.tui.render import rich_inline
from lstm_quiz.tui.screens.help import HelpScreen
from lstm_quiz.tui.screens.home import HomeScreen
from lstm_quiz.tui.screens.question import QuestionScreen
from lstm_quiz.tui.screens.topics import TopicPicker
from lstm_quiz.tui.widgets.choices import ChoiceItem
from tests.session.helpers import small_bank

from .pilots import ask, screen_text, type_answer


def _shown_line(container) -> str:  # type: ignore[no-untyped-def]
    """What a one-line container shows: its labels as drawn, cut to their widths, left to right."""
    labels = sorted(
        (label for label in container.query(Label) if label.display), key=lambda w: w.region.x
    )
    return "".join(
        "".join(strip.text for strip in label.render_lines(label.size.region)) for label in labels
    )


FENCED = "```python\nwith torch.no_grad():\n    lstm.bias_hh_l0.zero_()\n```\n"


def test_a_fenced_code_block_in_a_choice_renders_as_code() -> None:
    content = rich_inline(FENCED)
    assert "```" not in content.plain and "python" not in content.plain.split("\n")[0]
    assert content.plain.splitlines() == ["with torch.no_grad():", "    lstm.bias_hh_l0.zero_()"]
    assert content.spans, "the code is highlighted"
    mixed = rich_inline("Zero `bias` first:\n" + FENCED)
    assert mixed.plain.splitlines()[0] == "Zero bias first:"


async def test_a_choice_with_code_shows_code_not_backticks(practice: Practice) -> None:
    question = small_bank().by_id["tui-forget-gate"]
    code_choice = Choice(Text(FENCED, FENCED), correct=True)
    changed = question.__class__.__new__(question.__class__)
    for slot in question.__slots__:
        setattr(changed, slot, getattr(question, slot))
    changed.choices = (code_choice, *question.choices[1:])
    app = QuizApp(practice)
    async with app.run_test(size=(80, 24)) as pilot:
        session = PracticeSession(practice.store, [changed], kind="learn", clock=practice.clock)
        await app.push_screen(QuestionScreen(practice, session))
        await pilot.pause()
        first = app.screen.query(ChoiceItem).first()
        shown = str(first.query_one(".choice-text", Static).render())
        assert "```" not in shown
        assert "with torch.no_grad():" in shown


async def test_the_source_line_has_no_raw_backticks(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=(100, 32)) as pilot:
        question = small_bank().by_id["tui-forget-gate"]
        question.source = "PyTorch docs, `torch.nn.LSTM` (gates)"
        try:
            await ask(pilot, practice, "tui-forget-gate")
            await type_answer(pilot, "single", "1")
            source = str(app.screen.query_one("#feedback-source", Static).render())
        finally:
            question.source = "Gers, Schmidhuber & Cummins (2000), Learning to Forget"
        assert "`" not in source
        assert "torch.nn.LSTM" in source


async def test_at_80_columns_the_header_keeps_type_and_difficulty(practice: Practice) -> None:
    long_title = "Applications (speech, vision, recommenders, sequence CNNs and more)"
    practice.topic_title = lambda topic: long_title  # type: ignore[method-assign]
    app = QuizApp(practice)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, practice, "tui-forget-gate")
        line = _shown_line(app.screen.query_one("#session-header"))
        assert "single choice" in line and "★" in line and "1/1" in line
        assert "…" in line, "the topic that does not fit ends in an ellipsis"
        assert long_title not in line


async def test_a_code_question_keeps_its_sentence_in_view_at_80x24(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, practice, "tui-code-shared")
        prompt = app.screen.query_one("#prompt")
        body = app.screen.query_one("#question-body")
        assert body.scroll_y == 0
        assert prompt.region.y < 24 and prompt.region.height > 0
        first_words = small_bank().by_id["tui-code-shared"].prompt.en.split()[:3]
        assert all(word in screen_text(app) for word in first_words)


@pytest.mark.parametrize(
    ("typed", "value"), [("892,928", 892928.0), ("-1,234,567.5", -1234567.5), ("1e-3", 0.001)]
)
def test_numbers_with_thousands_separators_are_read(typed: str, value: float) -> None:
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["1,5", "12,34", "1,2345"])
def test_an_ambiguous_comma_is_refused_naming_the_comma(typed: str) -> None:
    with pytest.raises(AnswerInputError) as refused:
        parse_number(typed)
    assert "comma" in str(refused.value)
    assert refused.value.key == "input_comma"
    assert refused.value.values["whole"] == typed.replace(",", "")


async def test_the_tui_refuses_an_ambiguous_comma_in_chinese(practice: Practice) -> None:
    practice.set_lang("zh")
    app = QuizApp(practice)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await ask(pilot, practice, "tui-param-count")
        await pilot.press("4", ",", "8", "enter")
        await pilot.pause()
        error = str(app.screen.query_one("#numeric-error", Static).render())
        assert "逗号" in error and "4.8" in error and "48" in error
        assert not session.outcomes, "refused, not graded"


async def test_question_mark_lists_every_key_of_the_screen_and_the_app(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, practice, "tui-forget-gate")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        own = str(app.screen.query_one("#help-screen-keys", Static).render())
        everywhere = str(app.screen.query_one("#help-app-keys", Static).render())
        for name in ("Suspend", "Bury", "End session", "Answer"):
            assert name in own
        assert "F2" in everywhere.upper() and "Language" in everywhere
        assert "ctrl+p" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)


async def test_the_command_palette_lists_the_practice_commands(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert CommandPalette.is_open(app)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Start review", "Learn new questions", "Mock interview", "Stats"):
            assert title in titles
        assert "Switch language (中文)" in titles and "Pick topics" in titles
        await pilot.press(*"learn new", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.session.kind == "learn"


async def test_picking_a_topic_filters_the_home_counts(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and home.info is not None
        assert home.info.new_left == 7
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TopicPicker)
        await pilot.press("space")  # the first topic with questions: lstm_architecture, five
        await pilot.pause()
        count = str(app.screen.query_one("#picker-count", Static).render())
        assert "5 new" in count
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is home
        assert practice.filters.topics == ("lstm_architecture",)
        assert home.info.new_left == 5 and home.info.new_now == 5
        line = str(home.query_one("#home-filters", Static).render())
        assert "LSTM architecture" in line and "t: change" in line
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert {q.topic for q in app.screen.session.questions} == {"lstm_architecture"}


async def test_home_explains_due_today_against_due_now(practice: Practice, clock) -> None:  # type: ignore[no-untyped-def]
    app = QuizApp(practice)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, practice, "tui-forget-gate")
        await type_answer(pilot, "single", "1")  # wrong: due again in 10 minutes
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        line = str(app.screen.query_one("#home-due", Static).render())
        assert "1 due today: 0 due now, 1 later today" in line
        clock.advance(minutes=11)
        app.screen.refresh_figures()  # type: ignore[attr-defined]
        line = str(app.screen.query_one("#home-due", Static).render())
        assert "1 due now, 0 later today" in line


async def test_toasts_name_a_question_by_its_first_words(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=(100, 32)) as pilot:
        await ask(pilot, practice, "tui-forget-gate", "tui-gru-cell")
        await pilot.press("b")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages, "burying says so"
        assert all("tui-forget-gate" not in message for message in messages)
        first = small_bank().by_id["tui-forget-gate"].prompt.en.split()[0]
        assert any(f"“{first}" in message for message in messages)
        assert all(label.visible for label in app.screen.query(Label))
