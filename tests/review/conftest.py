"""Fixtures for the review tests: a store in a temporary data dir, a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lstm_quiz.review.store import ProgressStore

from .helpers import NOW


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[ProgressStore]:
    # No fuzzing: intervals are exact, so tests can name the due date.
    with ProgressStore.open(data_dir, enable_fuzzing=False, now=NOW) as opened:
        yield opened
