"""The sealed view's package folders: read from the packages' metadata once, then kept."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from lstm_quiz.grading import sealing


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LSTM_QUIZ_CACHE_DIR", str(tmp_path))
    return tmp_path


def reads_of_metadata(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []
    real = sealing._package_paths

    def counting(roots: list[str]) -> list[str]:
        calls.append(roots)
        return real(roots)

    monkeypatch.setattr(sealing, "_package_paths", counting)
    return calls


def test_the_view_is_read_once_and_then_kept(cache: Path, monkeypatch) -> None:
    calls = reads_of_metadata(monkeypatch)
    first = sealing._kept_package_paths(["numpy"])
    again = sealing._kept_package_paths(["numpy"])
    assert calls == [["numpy"]]  # the second came from the file
    assert first == again == sealing._package_paths(["numpy"])
    assert any(Path(p).name == "numpy" for p in first)


def test_a_kept_path_outside_sys_path_is_never_bound(cache: Path, monkeypatch) -> None:
    sealing._kept_package_paths(["numpy"])
    [kept] = cache.glob("sealed-view-*.json")
    kept.write_text(json.dumps(["/etc"]))  # a tampered file would show /etc to learner code
    calls = reads_of_metadata(monkeypatch)
    paths = sealing._kept_package_paths(["numpy"])
    assert calls == [["numpy"]] and "/etc" not in paths


def test_an_install_reads_the_metadata_again(cache: Path, monkeypatch) -> None:
    site = next(p for p in sys.path if p.endswith("site-packages"))
    sealing._kept_package_paths(["numpy"])
    calls = reads_of_metadata(monkeypatch)
    stat = os.stat(site)
    os.utime(site, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # as pip would
    try:
        sealing._kept_package_paths(["numpy"])
    finally:
        os.utime(site, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert calls == [["numpy"]]
