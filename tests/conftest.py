"""Shared fixtures: one warm grading fork server per test process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lstm_quiz.exercises.registry import ExerciseRegistry
from lstm_quiz.grading.sandbox import ForkServer


@pytest.fixture(scope="session")
def registry() -> ExerciseRegistry:
    return ExerciseRegistry.discover()


@pytest.fixture(scope="session")
def fork_server() -> Iterator[ForkServer]:
    with ForkServer("numpy") as server:
        yield server
