"""`practice --plain`: whole sessions with scripted input, in a real process, kept in the store."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_quiz.bank.loader import load_bank
from lstm_quiz.plain.face import PlainFace
from lstm_quiz.review.store import ProgressStore
from lstm_quiz.session.context import Practice
from lstm_quiz.session.plain_words import default_lang, format_number
from lstm_quiz.session.queue import Filters

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
# course-multiple, missed, comes back: answered right then.
RETURN = ["1,3"]


def session_order(tmp_path: Path) -> list[str]:
    """The queue `practice --plain` asks for a fresh learner, from the session core."""
    with ProgressStore.open(tmp_path / "order") as store:
        practice = Practice(
            load_bank([str(COURSE)]),
            store,
            filters=Filters(topics=("course_extras",), count=5, seed=SEED),
        )
        return [question.id for question in practice.queue("mixed")]


def typed_lines(order: list[str]) -> list[str]:
    """Every line of a whole session: the missed one comes back after three others."""
    lines = [line for qid in order for line in SCRIPT[qid][0]]
    missed_at = order.index("course-multiple")
    if len(order) - missed_at - 1 >= 3:  # back after three others
        back = sum(len(SCRIPT[qid][0]) for qid in order[: missed_at + 4])
    else:  # back when the rest has run dry
        back = len(lines)
    return lines[:back] + RETURN + lines[back:]


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LSTM_QUIZ_", "LC_"))}
    env.update({"LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8", **extra})
    return env


def run_cli(
    *argv: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lstm_quiz", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env or environment(),
        timeout=60,
    )


def practice(
    stdin: str, data_dir: Path, *extra: str, lang: str = "en"
) -> subprocess.CompletedProcess[str]:
    return run_cli(
        "practice",
        "--plain",
        "--bank",
        str(COURSE),
        "--topic",
        "course_extras",
        "--count",
        "5",
        "--seed",
        str(SEED),
        "--lang",
        lang,
        "--data-dir",
        str(data_dir),
        *extra,
        stdin=stdin,
    )


def test_a_whole_session_ending_at_end_of_input(tmp_path: Path) -> None:
    order = session_order(tmp_path)
    assert sorted(order) == sorted(SCRIPT)
    answered = order[:4]  # the fifth question meets the end of input
    typed = [line for qid in answered for line in SCRIPT[qid][0]]
    result = practice("\n".join(typed) + "\n", tmp_path / "data")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert out.startswith("5 questions. Type q to quit.\n")
    for number, qid in enumerate(answered, start=1):
        assert f"Question {number} of 5 · Course extras · " in out
        assert f"· {qid}\n" in out
    if "course-single" in answered:
        assert "“x” is not a choice: type one of 1-3 or a-c" in out
    if "course-multiple" in answered:
        assert "The right choices: 1, 3" in out
        assert "Your choice 2: The candidate uses tanh." in out
        # What the learner did, per choice, and how much of it.
        assert (
            "  1. ✓ picked, right\n  2. ✗ picked, but wrong\n  3. ✗ missed: right, not picked\n"
            in out
        )
        assert "  1 of 2 right choices picked, 1 wrong\n" in out
        assert "Next review in 10m\nIt comes back later in this session." in out
    if "course-open" in answered:
        assert "Model answer:\nThe cell state is updated additively" in out
        assert "  - Additive update of c_t" in out
        assert "“9”: rate yourself, 1 Again, 2 Hard, 3 Good, 4 Easy" in out
        # Each rating with the interval the scheduler gives it (a new card).
        assert "How well did you know it? 1 Again 10m · 2 Hard 15m · 3 Good " in out
        assert "Rated: Good." in out
    if "course-numeric" in answered:
        assert "Your answer, a number in matrices (q quits): 12.25\n" in out  # echoed
    assert out.count("Explanation:") == 4
    assert out.count("Source: Course notes, week 1") == 4
    assert "End of input.\n" in out
    right = sum(SCRIPT[qid][1] for qid in answered)
    assert f"Summary: 4 of 5 answered, {right} right, {4 - right} wrong." in out
    assert f"  Course extras  {right}/4 right" in out


def test_every_question_answered_and_the_missed_one_again(tmp_path: Path) -> None:
    order = session_order(tmp_path)
    result = practice("\n".join(typed_lines(order)) + "\n", tmp_path / "data")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "· course-multiple · again\n" in out  # asked a second time, and said so
    assert out.count("Explanation:") == 6
    # Scored by first answers: the one that came back counts once, as missed.
    assert "Summary: 5 of 5 answered, 4 right, 1 wrong." in out
    assert "Answered wrong:\n  - course-multiple: Which of these are sigmoid gates" in out
    assert "End of input." not in out and "Stopped." not in out


def test_answers_are_kept_in_the_store_that_stats_reads(tmp_path: Path) -> None:
    data = tmp_path / "data"
    order = session_order(tmp_path)
    assert practice("\n".join(typed_lines(order)) + "\n", data).returncode == 0
    stats = run_cli("stats", "--json", "--bank", str(COURSE), "--data-dir", str(data))
    assert stats.returncode == 0, stats.stderr
    report = json.loads(stats.stdout)
    assert report["reviews_last_7_days"] == 6  # five questions, one of them twice
    [course] = [row for row in report["mastery"] if row["topic"] == "course_extras"]
    assert course["seen"] == 5
    # Meaningful on day one: card states and recent accuracy, beside mastery.
    assert report["cards"]["young"] == 5 and report["cards"]["mature"] == 0
    [accuracy] = report["accuracy"]
    assert (accuracy["topic"], accuracy["answered"], accuracy["right"]) == ("course_extras", 6, 5)
    # A second run asks nothing: every card is scheduled days ahead.
    again = practice("", data)
    assert again.returncode == 0
    assert again.stdout.startswith("Nothing to practise now")


def test_true_or_false_accepts_1_and_2(tmp_path: Path) -> None:
    bank = load_bank([str(COURSE)])
    with ProgressStore.open(tmp_path) as store:
        practice = Practice(bank, store, filters=Filters(topics=("course_extras",)), lang="en")
        session = practice.drill(["course-true-false"])
        out = io.StringIO()
        result = PlainFace(practice, session, io.StringIO("1\n"), out).run()
        assert result.summary.right == 1 and result.ended == "done"
        assert "(t/f or 1/2; q quits): 1\n✓ Right." in out.getvalue()
        assert [r.question_id for r in store.reviews()] == ["course-true-false"]


def test_q_quits_with_a_summary(tmp_path: Path) -> None:
    order = session_order(tmp_path)
    first = order[0]
    result = practice("\n".join([*SCRIPT[first][0], "q"]) + "\n", tmp_path / "data")
    assert result.returncode == 0
    assert "Stopped.\n" in result.stdout
    right = int(SCRIPT[first][1])
    assert f"Summary: 1 of 5 answered, {right} right, {1 - right} wrong." in result.stdout
    assert "Question 2 of 5" in result.stdout


def test_immediate_end_of_input(tmp_path: Path) -> None:
    result = practice("", tmp_path / "data")
    assert result.returncode == 0
    assert "End of input.\n" in result.stdout
    assert "Summary: no question answered." in result.stdout


def test_a_session_in_chinese(tmp_path: Path) -> None:
    order = session_order(tmp_path)
    result = practice("\n".join(typed_lines(order)) + "\n", tmp_path / "data", lang="zh")
    out = result.stdout
    assert out.startswith("共 5 道题。输入 q 退出。")
    assert "课程补充" in out and "✓ 正确。" in out and "✗ 错误。" in out
    assert "哪个门缩放上一时刻的细胞状态？" in out
    assert "1. ✓ 选了，正确" in out and "1 重来 10分钟 · 2 困难 15分钟" in out
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
def test_bad_options(tmp_path: Path, extra: list[str], message: str) -> None:
    result = practice("", tmp_path / "data", *extra)
    assert result.returncode in (1, 2)
    assert message in result.stderr
    assert "Traceback" not in result.stderr


# ------------------------------------------------------- streams and data folders


def test_closed_stdin_or_stdout_is_a_one_line_error(tmp_path: Path) -> None:
    shell = shutil.which("sh")
    assert shell is not None
    python = f"{sys.executable} -m lstm_quiz"
    data = tmp_path / "data"
    for command, stream in (
        (f"{python} practice --plain --data-dir {data} <&-", "input"),
        (f"{python} stats --data-dir {data} >&-", "output"),
        (f"{python} stats --json --data-dir {data} >&-", "output"),
    ):
        result = subprocess.run(
            [shell, "-c", command], capture_output=True, text=True, env=environment(), timeout=60
        )
        assert result.returncode == 2, command
        [line] = result.stderr.splitlines()
        assert line.startswith(f"lstm-quiz: error: standard {stream} is closed"), line


@pytest.mark.parametrize(
    "argv",
    [
        ["exercise", "list"],
        ["exercise", "show", "lstm_cell"],
        ["exercise", "show", "lstm_cell", "--lang", "zh"],
        ["bank", "new", "--topic", "lstm_architecture", "--type", "multiple"],
        ["bank", "schema"],
        ["stats", "--lang", "zh"],
        ["check", "lstm_cell", "exercises/lstm_cell/starter.py"],
    ],
)
def test_non_ascii_output_on_an_ascii_terminal(tmp_path: Path, argv: list[str]) -> None:
    env = environment(LANG="C", PYTHONIOENCODING="ascii", LSTM_QUIZ_DATA_DIR=str(tmp_path))
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "lstm_quiz", *argv],
        capture_output=True,
        env=env,
        cwd=root,
        timeout=300,
    )
    assert b"Traceback" not in result.stderr and b"UnicodeEncodeError" not in result.stderr
    assert result.returncode in (0, 1), result.stderr.decode("ascii", "replace")
    assert result.stdout.isascii() and result.stdout.strip()


BWRAP = shutil.which("bwrap")


def read_only(data: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run lstm-quiz with `data` mounted read-only (works even as root, unlike chmod)."""
    assert BWRAP is not None
    return subprocess.run(
        [
            *(BWRAP, "--dev-bind", "/", "/", "--ro-bind", str(data), str(data)),
            *(sys.executable, "-m", "lstm_quiz", *argv, "--data-dir", str(data)),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(),
        timeout=120,
    )


@pytest.mark.skipif(BWRAP is None, reason="needs bubblewrap for a read-only mount")
def test_a_read_only_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    order = session_order(tmp_path)
    assert practice("\n".join(typed_lines(order)) + "\n", data).returncode == 0
    result = read_only(data, "practice", "--plain", "--bank", str(COURSE))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line == (
        f"lstm-quiz: error: the data folder {data} is read-only, so answers cannot be saved; "
        "choose a writable one with --data-dir or $LSTM_QUIZ_DATA_DIR"
    )
    # Reading still works, and sees what was recorded.
    stats = read_only(data, "stats", "--json", "--bank", str(COURSE))
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["reviews_last_7_days"] == 6
    listing = read_only(data, "exercise", "list")
    assert listing.returncode == 0, listing.stderr
    assert "lstm_cell" in listing.stdout


@pytest.mark.skipif(BWRAP is None, reason="needs bubblewrap for a read-only mount")
def test_a_read_only_folder_without_a_store_reads_as_empty(tmp_path: Path) -> None:
    data = tmp_path / "empty"
    data.mkdir()
    stats = read_only(data, "stats", "--json", "--bank", str(COURSE))
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["reviews_last_7_days"] == 0


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


def test_in_process_session_with_a_tty_does_not_echo(tmp_path: Path) -> None:
    class TtyInput(io.StringIO):
        def isatty(self) -> bool:
            return True

    with ProgressStore.open(tmp_path) as store:
        practice = Practice(load_bank([str(COURSE)]), store, lang="en")
        out = io.StringIO()
        session = practice.drill(["course-true-false"])
        PlainFace(practice, session, TtyInput("t\n"), out).run()
    assert "(t/f or 1/2; q quits): ✓ Right." in out.getvalue()


@pytest.mark.parametrize(
    ("value", "text"), [(892928.0, "892928"), (0.25, "0.25"), (1e-7, "1e-07"), (-3.0, "-3")]
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


# English words of the plain face that a Chinese session must not print (whole words).
ENGLISH_PLAIN = re.compile(
    r"\b(type|choice|choices|number|rate yourself|quits?|Again|Hard|Good|Easy|Next review"
    r"|Summary|Right|Wrong|answer|or a-[a-z])\b"
)


def test_a_chinese_session_refuses_bad_input_in_chinese(tmp_path: Path) -> None:
    """Every refusal (a bad choice, a bad number, a comma, a bad rating) is Chinese."""
    bad = {
        "course-single": ["x", "2"],
        "course-multiple": ["z", "1,3"],
        "course-true-false": ["maybe", "对"],
        "course-numeric": ["abc", "1,5", "12.25"],
        "course-open": ["", "9", "良好"],  # a rating may be typed by its Chinese name
    }
    order = session_order(tmp_path)
    typed = [line for qid in order for line in bad[qid]]
    result = practice("\n".join(typed) + "\n", tmp_path / "data", lang="zh")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "“x”不是选项：请输入 1-3 或 a-c 中的一个" in out
    assert "“z”：请输入所有正确选项，如 1,3 或 1 3（1-3 或 a-c）" in out
    assert "“maybe”：请输入 t 或 f（对/错、1/2、y/n）" in out
    assert "请输入一个数，如 42、0.5 或 1e-3。" in out
    assert "“1,5”：逗号是小数点还是千位分隔符？" in out
    assert "“9”：请给自己打分，1 重来、2 困难、3 良好、4 简单" in out
    assert "自评：良好。" in out
    assert re.search(r"\n下次复习：\d+(分钟|小时|天)后\n", out)  # "2天后", never "2d后"
    # The app's own lines, without the bank's citations and the echoed input.
    echoed = set(typed)
    own = [
        line
        for line in out.splitlines()
        if not line.startswith("出处：") and line.rsplit("：", 1)[-1] not in echoed
    ]
    assert ENGLISH_PLAIN.findall("\n".join(own)) == []
