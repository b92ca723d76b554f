from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lstm_quiz.session.context import Practice

from .helpers import FakeClock, make_practice


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def practice(tmp_path: Path, clock: FakeClock) -> Iterator[Practice]:
    practice = make_practice(tmp_path, clock)
    yield practice
    practice.store.close()
