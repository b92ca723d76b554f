"""`practice --plain`: whole sessions with scripted input, in a real process."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_quiz.bank.loader import load_bank
from lstm_quiz.bank.select import select_questions
from lstm_quiz.practice_plain import PlainSession, default_lang, format_number

COURSE = Path(__file__).resolve().parents[1] / "data" / "bank" / "course"
SEED = 3

# Per question: the lines typed, and whether that answer is right.
SCRIPT = {
    "course-single": (["x", "2"], True),  # invalid input first, then right
    "course-multiple": (["1,2"], False),  # wrong: picks the candidate
    "course-true-false": (["对"], True),
    "course-numeric": (["12.25"], True),  # within the tolerance
    "course-open": (["", "9", "3"], True),  # Enter, an invalid rating, then Good
}


def session_order() -> list[str]:
    bank = load_bank([str(COURSE)])
    return [q.id for q in select_questions(bank, topics=["course_extras"], count=5, seed=SEED)]


def practice(stdin: str, *extra: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LSTM_QUIZ_", "LC_"))}
    env.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    argv = [sys.executable, "-m", "lstm_quiz", "practice", "--plain", "--bank", str(COURSE)]
    argv += [
        "--topic",
        "course_extras",
        "--count",
        "5",
        "--seed",
        str(SEED),
        "--lang",
        lang,
        *extra,
    ]
    return subprocess.run(
        argv, input=stdin, capture_output=True, text=True, encoding="utf-8", env=env, timeout=60
    )


def test_a_whole_session_ending_at_end_of_input() -> None:
    order = session_order()
    assert sorted(order) == sorted(SCRIPT)
    answered = order[:4]  # the fifth question meets the end of input
    typed = [line for qid in answered for line in SCRIPT[qid][0]]
    result = practice("\n".join(typed) + "\n")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert out.startswith("5 questions. Type q to quit.\n")
    for number, qid in enumerate(order, start=1):
        assert f"Question {number} of 5 · Course extras · " in out
        assert f"· {qid}\n" in out
    right = sum(SCRIPT[qid][1] for qid in answered)
    graded = [qid for qid in answered if qid != "course-open"]  # open ones are self-rated
    graded_right = sum(SCRIPT[qid][1] for qid in graded)
    assert out.count("✓ Right.") == graded_right
    assert out.count("✗ Wrong.") == len(graded) - graded_right
    if "course-single" in answered:
        assert "'x' is not a choice: type 1-3 or a-c" in out
    if "course-multiple" in answered:
        assert "The right choices: 1, 3" in out
        assert "Your choice 2: The candidate uses tanh." in out
    if "course-open" in answered:
        assert "Model answer:\nThe cell state is updated additively" in out
        assert "  - Additive update of c_t" in out
        assert "rate yourself: 1 Again, 2 Hard, 3 Good, 4 Easy" in out
        assert "Rated: Good." in out
    if "course-numeric" in answered:
        assert (
            "Your answer, a number in matrices (q quits): 12.25\n" in out
        )  # piped input is echoed
    assert out.count("Explanation:") == 4
    assert out.count("Source: Course notes, week 1") == 4
    assert "End of input.\n" in out
    assert f"Summary: 4 of 5 answered, {right} right, {4 - right} wrong." in out
    assert f"  Course extras  {right}/4 right" in out


def test_q_quits_with_a_summary() -> None:
    order = session_order()
    first = order[0]
    typed = [*SCRIPT[first][0], "q"]
    result = practice("\n".join(typed) + "\n")
    assert result.returncode == 0
    assert "Stopped.\n" in result.stdout
    right = int(SCRIPT[first][1])
    assert f"Summary: 1 of 5 answered, {right} right, {1 - right} wrong." in result.stdout
    assert "Question 2 of 5" in result.stdout


def test_every_question_answered() -> None:
    order = session_order()
    typed = [line for qid in order for line in SCRIPT[qid][0]]
    result = practice("\n".join(typed) + "\n")
    assert "Summary: 5 of 5 answered, 4 right, 1 wrong." in result.stdout
    assert "End of input." not in result.stdout and "Stopped." not in result.stdout


def test_immediate_end_of_input() -> None:
    result = practice("")
    assert result.returncode == 0
    assert "End of input.\n" in result.stdout
    assert "Summary: no question answered." in result.stdout


def test_a_session_in_chinese() -> None:
    order = session_order()
    typed = [line for qid in order for line in SCRIPT[qid][0]]
    result = practice("\n".join(typed) + "\n", lang="zh")
    out = result.stdout
    assert out.startswith("共 5 道题。输入 q 退出。")
    assert "课程补充" in out and "✓ 正确。" in out and "✗ 错误。" in out
    assert "哪个门缩放上一时刻的细胞状态？" in out
    assert "小结：共 5 题，已答 5 题，答对 4 题，答错 1 题。" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--topic", "nope"], "unknown topic 'nope'"),
        (["--difficulty", "7"], "difficulty must be 1, 2 or 3"),
        (["--count", "0"], "--count must be 1 or more"),
        (["--tag", "rnn", "--difficulty", "1"], "no question matches"),
    ],
)
def test_bad_options(extra: list[str], message: str) -> None:
    result = practice("", *extra)
    assert result.returncode in (1, 2)
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_default_language_from_the_locale(env: dict[str, str], lang: str) -> None:
    assert default_lang(env) == lang


def test_in_process_session_with_a_tty_does_not_echo() -> None:
    class TtyInput(io.StringIO):
        def isatty(self) -> bool:
            return True

    bank = load_bank([str(COURSE)])
    question = bank.by_id["course-true-false"]
    out = io.StringIO()
    result = PlainSession([question], bank.topics, "en", TtyInput("t\n"), out).run()
    assert result.answered == result.right == 1 and result.ended == "done"
    assert "(t/f; q quits): ✓ Right." in out.getvalue()


@pytest.mark.parametrize(
    ("value", "text"), [(892928.0, "892928"), (0.25, "0.25"), (1e-7, "1e-07"), (-3.0, "-3")]
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text
