"""Issue 14: every question text a face shows is the one drawn, never a template's {H}."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from lstm_quiz.session.context import Practice
from lstm_quiz.session.practice import PracticeSession
from lstm_quiz.session.queue import Filters
from lstm_quiz.session.report import prompt_line

from .helpers import SEED, FakeClock, open_store, template_bank


def template_practice(tmp_path: Path, clock: FakeClock) -> Practice:
    bank = template_bank(tmp_path)
    return Practice(
        bank, open_store(tmp_path / "data"), filters=Filters(seed=SEED), clock=clock, tz=UTC
    )


def test_a_mock_lists_its_unanswered_template_as_drawn(tmp_path: Path, clock: FakeClock) -> None:
    practice = template_practice(tmp_path, clock)
    by_id = practice.bank.by_id
    questions = [by_id["tui-forget-gate"], by_id["calc-template"]]
    session = PracticeSession(practice.store, questions, kind="mock", clock=clock)
    session.answer(0)
    session.next()
    session.finish()  # ended before the template was answered
    summary = practice.summary(session)
    assert summary.unanswered == ["calc-template"]
    shown = summary.question("calc-template")
    assert shown is not None
    assert "{" not in shown.prompt.en and "{" not in shown.prompt.zh
    values = session.showing(1).values
    d, h = int(values["D"]), int(values["H"])
    assert f"nn.LSTM(input_size={d}, hidden_size={h})" in shown.prompt.en
    # Its answer was computed from the drawn values: the review can say it.
    assert shown.answer == 4 * h * (d + h) + 8 * h
    # The same draw as the session's own showing at that position.
    assert shown is session.showing(1).question


def test_a_missed_template_is_listed_as_it_was_answered(tmp_path: Path, clock: FakeClock) -> None:
    practice = template_practice(tmp_path, clock)
    session = PracticeSession(practice.store, [practice.bank.by_id["calc-template"]], clock=clock)
    asked = session.current
    assert asked is not None
    session.answer(-1.0)  # wrong
    session.finish()
    summary = practice.summary(session)
    assert summary.missed == ["calc-template"]
    assert summary.question("calc-template") is asked


def test_without_a_showing_a_template_is_named_by_its_variables(tmp_path: Path) -> None:
    question = template_bank(tmp_path).by_id["calc-template"]
    line = prompt_line(question, "en")
    assert line == "How many parameters does nn.LSTM(input_size=D, hidden_size=H) have?"
    assert "{" not in prompt_line(question, "zh")


def test_braces_of_an_ordinary_prompt_stay(tmp_path: Path) -> None:
    # Only a template's own variables lose their braces: c_{t-1} or x_{t} stay as written.
    bank = template_bank(tmp_path)
    question = bank.by_id["tui-forget-gate"]
    assert "c_{t-1}" in prompt_line(question, "en")
