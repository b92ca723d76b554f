"""Issue 14: with Chinese chosen, every main screen speaks Chinese — texts, footers, toasts, help.

The walk reads what a learner sees on each screen (widgets' text, the
footer's key names, the toasts) and fails on an English UI word. Content
that stays as written (code, the source's citation, LSTM/GRU, ids) is left
out before the check, so the words found are the app's own.
"""

from __future__ import annotations

import re

from textual.widgets._footer import FooterKey

from lstm_quiz.session.context import Practice
from lstm_quiz.session.screen_words import KEY_NAMES, SCREEN_WORDS
from lstm_quiz.session.texts import TEXTS
from lstm_quiz.tui.app import QuizApp
from lstm_quiz.tui.screens.help import HelpScreen
from lstm_quiz.tui.screens.summary import SummaryScreen
from tests.session.helpers import RIGHT, WRONG, small_bank

from .pilots import ask, screen_text, type_answer

# The app's English words a Chinese screen must not show (whole words, case as written).
ENGLISH_UI = [
    "Review", "Learn", "Mock", "Exercises", "Stats", "Topics", "Theme", "Quit", "Help",
    "Next", "Undo", "Suspend", "Bury", "End session", "Answer", "Home", "Show answer",
    "Again", "Hard", "Good", "Easy", "Yes", "No", "Mark", "Drill", "Commands", "Language",
    "Score", "Time", "Right", "Wrong", "Explanation", "Source", "Filter", "Keys",
    "due today", "due now", "new left", "streak", "type a number", "to answer",
    "then Enter", "single choice", "multiple choice", "true or false", "numeric",
    "Session summary", "Progress", "Mastery", "Leeches", "Buried", "Suspended",
    "Restore", "Restored", "undoes", "Took back",
]  # fmt: skip
_WORDS = re.compile("|".join(rf"\b{re.escape(word)}\b" for word in ENGLISH_UI))
# English units of an interval or a duration ("<1m", "10m", "3d", "2.5mo", "16s", "3m 05s").
# ASCII bounds, not \b: in "10m后" both sides are word characters to `re`.
_UNITS = re.compile(r"(?<![A-Za-z0-9.])<?\d+(?:\.\d+)?(?:mo|m|h|d|y|s)(?![A-Za-z0-9])")
_FENCE = re.compile(r"```.*?```", re.DOTALL)


def _content_removed(shown: str) -> str:
    """`shown` without what stays as written in any language: sources, code."""
    for question in small_bank().questions:
        shown = shown.replace(question.source, "")
    return _FENCE.sub("", shown)


def english_in(app: QuizApp) -> list[str]:
    """The English UI words on the current screen, its footer and its toasts."""
    parts = [screen_text(app)]
    parts += [key.description for key in app.screen.query(FooterKey)]
    parts += [notification.message for notification in app._notifications]
    shown = _content_removed("\n".join(parts))
    return _WORDS.findall(shown) + _UNITS.findall(shown)


def test_every_text_exists_in_both_languages() -> None:
    assert set(TEXTS["en"]) == set(TEXTS["zh"])
    assert set(SCREEN_WORDS["en"]) == set(SCREEN_WORDS["zh"])
    assert set(KEY_NAMES["en"]) == set(KEY_NAMES["zh"])
    for key, value in SCREEN_WORDS["zh"].items():
        assert not _WORDS.search(value), (key, value)


async def test_the_main_screens_in_chinese_show_no_english_ui_word(practice: Practice) -> None:
    practice.set_lang("zh")
    app = QuizApp(practice)
    found: dict[str, list[str]] = {}
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        found["home"] = english_in(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        found["help"] = english_in(app)
        await pilot.press("escape")
        await pilot.press("t")
        await pilot.pause()
        found["topics"] = english_in(app)
        await pilot.press("escape")
        await pilot.pause()

        kinds = {q.id: q.type for q in small_bank().questions}
        order = ["tui-forget-gate", "tui-sigmoid-gates", "tui-gru-cell", "tui-param-count"]
        session = await ask(pilot, practice, *order, "tui-cell-state")
        for question_id in order:
            found[f"question {kinds[question_id]}"] = english_in(app)
            answer = WRONG if question_id == "tui-param-count" else RIGHT
            if question_id == "tui-param-count":
                await type_answer(pilot, "numeric", "1,5")  # refused: the hint is Chinese
                found["numeric refused"] = english_in(app)
                await pilot.press(*["backspace"] * 3)
            await type_answer(pilot, kinds[question_id], answer[question_id])
            found[f"feedback {kinds[question_id]}"] = english_in(app)
            await pilot.press("enter")
            await pilot.pause()
        found["question open"] = english_in(app)
        await pilot.press("space")
        await pilot.pause()
        found["open revealed"] = english_in(app)
        await pilot.press("3")
        await pilot.pause()
        found["returning question"] = english_in(app)  # the missed number comes back
        await pilot.press("s")  # suspended by a slip ...
        await pilot.pause()
        found["suspended toast"] = english_in(app)
        await pilot.press("u")  # ... and taken back
        await pilot.pause()
        found["undo toast"] = english_in(app)
        app.clear_notifications()
        await pilot.press("escape")
        await pilot.pause()
        assert session.finished and isinstance(app.screen, SummaryScreen)
        await pilot.pause()
        found["summary"] = english_in(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("b")  # nothing to bury at home: no toast expected
        await pilot.press("s")
        await pilot.pause()
        found["stats"] = english_in(app)
        practice.store.suspend("tui-code-clip", now=practice.clock())
        await pilot.press("p")  # the suspended and buried cards
        await pilot.pause()
        found["suspended and buried"] = english_in(app)
        await pilot.press("enter")  # restore one: the toast is Chinese
        await pilot.pause()
        found["restored"] = english_in(app)
    assert {name: words for name, words in found.items() if words} == {}


async def test_switching_language_redraws_the_summary_and_its_footer(practice: Practice) -> None:
    app = QuizApp(practice)
    async with app.run_test(size=(100, 32)) as pilot:
        await ask(pilot, practice, "tui-forget-gate")
        await type_answer(pilot, "single", "1")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Session summary" in screen_text(app)
        assert "Home" in [key.description for key in app.screen.query(FooterKey)]
        await pilot.press("f2")
        await pilot.pause()
        await pilot.pause()
        assert "练习小结" in screen_text(app)
        assert "Session summary" not in screen_text(app)
        assert "主页" in [key.description for key in app.screen.query(FooterKey)]
        assert english_in(app) == []


async def test_a_toast_on_a_question_names_its_first_words_in_chinese(practice: Practice) -> None:
    practice.set_lang("zh")
    app = QuizApp(practice)
    async with app.run_test(size=(100, 32)) as pilot:
        await ask(pilot, practice, "tui-forget-gate", "tui-gru-cell")
        await pilot.press("s")
        await pilot.pause()
        message = next(n.message for n in app._notifications)
        zh_prompt = small_bank().by_id["tui-forget-gate"].prompt.zh
        assert message.startswith("已暂停 “")
        assert zh_prompt[:6] in message and "tui-forget-gate" not in message
