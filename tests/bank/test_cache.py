"""The bank cache: a second start skips the YAML, and any change to a file is seen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lstm_quiz.bank import loader
from lstm_quiz.bank.problems import BankError

SMALL_BANK = Path(__file__).resolve().parents[1] / "tui" / "data" / "bank"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LSTM_QUIZ_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    """An instructor's folder: a copy of the seven test questions."""
    return Path(shutil.copytree(SMALL_BANK, tmp_path / "course"))


def refuse_to_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("the YAML was parsed again")

    monkeypatch.setattr(loader, "check_paths", fail)


def test_the_second_load_comes_from_the_cache(
    cache: Path, extra: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = loader.load_bank([str(extra)])
    assert len(list(cache.glob("bank-*.pickle"))) == 1
    refuse_to_parse(monkeypatch)
    second = loader.load_bank([str(extra)])
    assert [q.id for q in second.questions] == [q.id for q in first.questions]
    assert second.by_id["tui-gru-cell"].prompt.get("en").startswith("A GRU has no")


def test_an_edited_question_is_read_again(cache: Path, extra: Path) -> None:
    loader.load_bank([str(extra)])
    path = extra / "lstm_architecture.yaml"
    path.write_text(path.read_text().replace("no separate cell state", "no separate hidden state"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    bank = loader.load_bank([str(extra)])
    assert bank.by_id["tui-gru-cell"].prompt.get("en") == "A GRU has no separate hidden state."


def test_a_broken_bank_is_never_cached(cache: Path, extra: Path) -> None:
    (extra / "broken.yaml").write_text("topic: rnn_basics\nquestions:\n  - id: Bad Id\n")
    for _ in range(2):
        with pytest.raises(BankError):
            loader.load_bank([str(extra)])
    assert not list(cache.glob("bank-*.pickle"))


def test_a_damaged_cache_file_is_ignored(cache: Path, extra: Path) -> None:
    loader.load_bank([str(extra)])
    [cached] = cache.glob("bank-*.pickle")
    cached.write_bytes(b"not a pickle")
    assert "tui-gru-cell" in loader.load_bank([str(extra)]).by_id


def test_off_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LSTM_QUIZ_CACHE_DIR", "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    loader.load_bank()
    assert not list(tmp_path.rglob("bank-*.pickle"))


def test_an_unwritable_cache_folder_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv("LSTM_QUIZ_CACHE_DIR", str(blocker / "cache"))
    assert len(loader.load_bank().questions) > 200
