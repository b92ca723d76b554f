"""Verdicts in Chinese: every classic mistake of the translated exercises, graded as a learner sees it.

"Untranslated" is what the renderer recorded as falling back to English
(TestResult.untranslated), not a guess from the words.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_quiz.exercises.model import load_exercise
from lstm_quiz.grading.messages import CATALOG_FILE
from lstm_quiz.grading.report import render
from lstm_quiz.grading.runner import grade_solutions
from tests.grading.test_messages import TRANSLATED

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _failure_text(result, lang: str) -> str:
    return render(result, color=False, lang=lang)


@pytest.mark.parametrize("name", TRANSLATED)
def test_every_mistake_gets_a_verdict_entirely_in_chinese(name: str, registry, server_for) -> None:
    exercise = registry.get(name)
    if exercise.framework == "torch":
        pytest.importorskip("torch")
    files = exercise.mistakes
    assert files, f"{name} has no mistake files"
    results = grade_solutions(
        exercise, [(f, f.name) for f in files], server=server_for(exercise.framework)
    )
    diagnosed = 0
    for path, result in zip(files, results, strict=True):
        shown = _failure_text(result, "zh")
        assert not result.passed, f"{path.name} passed"
        if result.solution_error:
            assert CJK.search(result.solution_error_zh), shown
            assert not CJK.search(result.solution_error)
        for test in result.tests:
            assert test.untranslated == [], f"{path.name} {test.name}: {test.untranslated}"
            assert CJK.search(test.description_zh), (
                f"{path.name} {test.name}: {test.description_zh}"
            )
            if test.passed:
                continue
            # Both languages are recorded; the English ones (batch CSV, verify) stay English.
            assert test.message and CJK.search(test.message_zh), f"{path.name}:\n{shown}"
            assert not CJK.search(test.message + test.diagnosis + test.description)
            assert bool(test.diagnosis) == bool(test.diagnosis_zh)
            if test.diagnosis:
                diagnosed += 1
                assert CJK.search(test.diagnosis_zh), f"{path.name}:\n{shown}"
        english = _failure_text(result, "en")
        assert not CJK.search(english), english
    if (exercise.path / "signatures.py").is_file():
        assert diagnosed, f"no mistake of {name} got a diagnosis"


def test_an_exercise_without_a_catalog_falls_back_to_english(tmp_path: Path, server_for) -> None:
    """The newer exercises have no zh yet: their texts stay English, recorded, and grading works."""
    folder = tmp_path / "gru_cell"
    shutil.copytree(ROOT / "exercises" / "gru_cell", folder)
    (folder / CATALOG_FILE).unlink()
    exercise = load_exercise(folder)
    mistake = folder / "mistakes" / "bias_outside_reset.py"
    [result] = grade_solutions(exercise, [(mistake, mistake.name)], server=server_for("numpy"))
    failed = [t for t in result.tests if not t.passed]
    assert failed
    first = failed[0]
    assert first.description_zh == first.description  # the docstring: English
    assert first.description in first.untranslated
    assert "h equals" in first.untranslated  # the diagnosis' exercise part
    assert first.diagnosis_zh.startswith("你的 h equals一个已知错误的结果")  # the engine part: zh


def _check(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lstm_quiz", "check", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", **(env or {})},
        cwd=ROOT,
    )


MISTAKE = str(ROOT / "exercises" / "lstm_cell" / "mistakes" / "no_tanh_on_c.py")


def test_check_lang_zh_prints_the_diagnosis_in_chinese() -> None:
    done = _check("lstm_cell", MISTAKE, "--lang", "zh")
    assert done.returncode == 1, done.stderr
    out = done.stdout
    assert "未通过 test_matches_reference[N=1,D=3,H=4]" in out
    assert "h 与参考结果不一致：最大绝对误差" in out
    assert "诊断：你的 (h, c) 等于一个已知错误的结果：细胞状态上没有 tanh（h = o * c）" in out
    assert "检查：前一状态非零时，h 和 c 与参考结果一致。" in out
    assert out.splitlines()[-1] == "2 项通过，8 项未通过"
    assert "diagnosis" not in out and "differs" not in out


def test_check_takes_its_language_from_lstm_quiz_lang() -> None:
    done = _check("lstm_cell", MISTAKE, env={"LSTM_QUIZ_LANG": "zh"})
    assert "诊断：你的 (h, c) 等于" in done.stdout
    english = _check("lstm_cell", MISTAKE, "--lang", "en", env={"LSTM_QUIZ_LANG": "zh"})
    assert "diagnosis: Your (h, c) equal the result of a known mistake" in english.stdout
    assert not CJK.search(english.stdout)


def test_json_carries_both_languages() -> None:
    done = _check("lstm_cell", MISTAKE, "--json", "--lang", "zh")
    data = json.loads(done.stdout)
    failed = [t for t in data["tests"] if not t["passed"]]
    assert failed[0]["message"].startswith("h differs from the reference")
    assert failed[0]["message_zh"].startswith("h 与参考结果不一致")
    assert failed[0]["diagnosis_zh"].startswith("你的 (h, c) 等于")
    assert failed[0]["untranslated"] == []


def test_an_unreadable_file_is_reported_in_chinese(tmp_path: Path) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("def lstm_cell(:\n", encoding="utf-8")
    done = _check(
        "lstm_cell", str(broken), "--lang", "zh", env={"HOME": os.environ.get("HOME", "/tmp")}
    )
    assert done.returncode == 1
    assert "你的文件无法导入：SyntaxError" in done.stdout


def test_the_notebook_shows_the_result_in_its_language() -> None:
    from lstm_quiz.grading.results import GradingResult, Outcome, TestResult
    from lstm_quiz.integrations.result_html import ResultDisplay, result_html

    test = TestResult(
        "test_x",
        "h matches.",
        Outcome.FAILED,
        0.01,
        "h differs from the reference",
        "Your h equals the result of a known mistake: x.",
        description_zh="h 一致。",
        message_zh="h 与参考结果不一致",
        diagnosis_zh="你的 h 等于一个已知错误的结果：x。",
    )
    result = GradingResult("gru_cell", "a.py", [test])
    html = result_html(result, "zh")
    assert "h 与参考结果不一致" in html and "你的 h 等于" in html and "h 一致。" in html
    assert "differs" not in html
    assert "h differs from the reference" in result_html(result, "en")
    assert "诊断：你的 h 等于" in repr(ResultDisplay(result, "zh"))
