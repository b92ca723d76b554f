from __future__ import annotations

import json

from lstm_quiz.session.context import Practice
from lstm_quiz.session.format import display_width, pad
from lstm_quiz.session.report import prompt_line, report_json, report_text

from .helpers import FakeClock, add_history, record_attempt, small_bank


def test_report_gives_the_figures_with_titles_and_leeches(
    practice: Practice, clock: FakeClock
) -> None:
    add_history(practice, clock)
    report = practice.report()
    assert report.stats.today.isoformat() == "2025-03-10"
    assert report.title("lstm_architecture") == "LSTM architecture"
    [leech] = report.leeches
    assert leech.question_id == "tui-code-clip" and leech.wrong_count == 6
    assert leech.prompt == "This loop clips gradients at the right moment."
    assert report.reviews_total == sum(d.count for d in report.stats.reviews_per_day) > 0
    data = report_json(report)
    json.dumps(data)
    assert data["leeches"][0]["question_id"] == "tui-code-clip"
    assert {m["topic"] for m in data["mastery"]} == {"lstm_architecture", "code_reading"}


def test_report_text_in_both_languages(practice: Practice, clock: FakeClock) -> None:
    add_history(practice, clock)
    english = report_text(practice.report(), "en", width=80)
    assert "Mastery per topic" in english and "tui-code-clip  ×6  active" in english
    assert all(len(line) <= 80 for line in english.splitlines())
    practice.set_lang("zh")
    chinese = report_text(practice.report(), "zh", width=80)
    assert "各主题掌握度" in chinese and "LSTM 结构" in chinese


def test_home_figures(practice: Practice, clock: FakeClock) -> None:
    home = practice.home()
    assert (home.due_today, home.new_left, home.streak_days) == (0, 7, 0)
    assert (home.due_now, home.new_now, home.mock_pool) == (0, 7, 6)
    add_history(practice, clock)
    home = practice.home()
    assert home.streak_days == 5  # the history ends with five days in a row, up to yesterday
    assert home.new_now == 0 and home.due_now > 0


def test_language_is_kept_in_the_settings(practice: Practice) -> None:
    assert practice.lang == "en"
    practice.set_lang("zh")
    assert practice.store.get_setting("language") == "zh"
    assert Practice(practice.bank, practice.store).lang == "zh"


def test_report_lists_exercise_attempts(practice: Practice) -> None:
    record_attempt(practice.store, "lstm_cell", 14.5, "passed")
    record_attempt(practice.store, "lstm_cell", 25, "gave_up")
    report = practice.report()
    assert list(report.exercises) == ["lstm_cell"]
    english = report_text(report, "en")
    assert "lstm_cell  2 attempts, 1 passed, best 14m 30s; last: gave up on 2025-03-10" in english
    chinese = report_text(report, "zh")
    assert "尝试 2 次，通过 1 次，最佳 14分30秒" in chinese
    [row] = report_json(report)["exercises"]
    assert row["best_seconds"] == 870 and row["last_outcome"] == "gave_up"


def test_report_says_when_no_exercise_was_attempted(practice: Practice) -> None:
    assert "No exercise attempted yet" in report_text(practice.report(), "en")


def test_names_that_do_not_fit_end_in_an_ellipsis_counted_in_cells() -> None:
    assert pad("Backpropagation through time and gradients", 30) == (
        "Backpropagation through time …"
    )
    assert pad("RNN", 6) == "RNN   "
    cut = pad("随时间反向传播与梯度", 9)  # Chinese characters take two cells
    assert cut == "随时间反…" and display_width(cut) == 9


def test_a_chinese_prompt_line_is_cut_by_cells() -> None:
    question = small_bank().by_id["tui-forget-gate"]
    line = prompt_line(question, "zh", width=12)
    assert line.endswith("…") and display_width(line) <= 12
