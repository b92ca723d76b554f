"""`run_practice`: errors before the TUI starts, and no torch while it runs."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_quiz.tui import launch

ROOT = Path(__file__).resolve().parents[2]
BROKEN_BANK = ROOT / "tests" / "data" / "bank" / "broken"


def practice_args(data_dir: Path, **overrides: object) -> argparse.Namespace:
    values: dict[str, object] = {
        "data_dir": str(data_dir),
        "bank": None,
        "topic": None,
        "difficulty": None,
        "lang": None,
        "count": 10,
        "seed": None,
    }
    values.update(overrides)
    return argparse.Namespace(**values)


def test_a_broken_bank_prints_its_problems_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = launch.run_practice(practice_args(tmp_path, bank=[str(BROKEN_BANK)]))
    err = capsys.readouterr().err
    assert code == 1
    assert "the question bank has" in err and "broken" in err and ".yaml:" in err
    assert "Traceback" not in err


def test_bad_filters_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert launch.run_practice(practice_args(tmp_path, topic=["lstm_archtecture"])) == 2
    assert "did you mean 'lstm_architecture'" in capsys.readouterr().err
    assert launch.run_practice(practice_args(tmp_path, difficulty=["5"])) == 2
    assert launch.run_practice(practice_args(tmp_path, count=0)) == 2


def test_options_become_the_practice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    practice = launch.build_practice(
        practice_args(tmp_path, topic=["gru_variants"], difficulty=["1-2"], count=5, seed=3)
    )
    try:
        assert practice.filters.topics == ("gru_variants",)
        assert practice.filters.difficulties == (1, 2)
        assert (practice.filters.count, practice.filters.seed) == (5, 3)
        assert practice.lang == "zh"  # first start: the locale's language
        assert {q.topic for q in practice.queue("learn")} == {"gru_variants"}
    finally:
        practice.store.close()


def test_run_practice_runs_the_app_and_closes_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lstm_quiz.tui.app import QuizApp

    ran: list[QuizApp] = []
    monkeypatch.setattr(QuizApp, "run", lambda self: ran.append(self))
    assert launch.run_practice(practice_args(tmp_path, lang="en")) == 0
    [app] = ran
    assert app.practice.lang == "en" and len(app.practice.bank) > 100


def test_the_bank_error_comes_before_textual_is_imported(tmp_path: Path) -> None:
    script = f"""
import argparse, json, sys
from lstm_quiz.tui.launch import run_practice
args = argparse.Namespace(data_dir={str(tmp_path)!r}, bank=[{str(BROKEN_BANK)!r}], topic=None,
                          difficulty=None, lang=None, count=10, seed=None)
code = run_practice(args)
print(json.dumps([code, sorted(m for m in sys.modules if m.split(".")[0] == "textual")]))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    code, textual_modules = json.loads(done.stdout.splitlines()[-1])
    assert code == 1 and textual_modules == []


def test_the_running_app_never_imports_torch(tmp_path: Path) -> None:
    script = f"""
import argparse, asyncio, json, sys
from lstm_quiz.tui.launch import build_practice
from lstm_quiz.tui.app import QuizApp

args = argparse.Namespace(data_dir={str(tmp_path)!r}, bank=None, topic=None, difficulty=None,
                          lang="en", count=3, seed=1)
practice = build_practice(args)

async def main():
    app = QuizApp(practice)
    async with app.run_test(size=(100, 32)) as pilot:
        for keys in (["n"], ["1"], ["escape"], ["enter"], ["m"], ["escape"], ["y"], ["enter"],
                     ["s"], ["escape"], ["e"], ["escape"]):
            await pilot.press(*keys)
            await pilot.pause()

asyncio.run(main())
print(json.dumps(sorted(sys.modules)))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=180, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert "lstm_quiz.tui.screens.question" in loaded and "lstm_quiz.tui.screens.stats" in loaded
    assert not {name for name in loaded if name.split(".")[0] == "torch"}
