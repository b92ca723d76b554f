"""Shared fixtures: warm grading fork servers, one per framework, per test process."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator

import pytest

from lstm_quiz.exercises.registry import ExerciseRegistry
from lstm_quiz.grading.sandbox import ForkServer

# The tests (and the programs they start) keep their cache apart from the user's.
os.environ["LSTM_QUIZ_CACHE_DIR"] = tempfile.mkdtemp(prefix="lstm-quiz-test-cache-")


@pytest.fixture(scope="session")
def registry() -> ExerciseRegistry:
    return ExerciseRegistry.discover()


@pytest.fixture(scope="session")
def server_for() -> Iterator[Callable[[str], ForkServer]]:
    """server_for("numpy") or server_for("torch"): started on first use."""
    servers: dict[str, ForkServer] = {}

    def get(framework: str) -> ForkServer:
        if framework not in servers:
            servers[framework] = ForkServer(framework)
        return servers[framework]

    yield get
    for server in servers.values():
        server.close()


@pytest.fixture()
def fork_server_factory() -> Iterator[Callable[[], ForkServer]]:
    """Fresh NumPy fork servers of a test's own (closed at its end)."""
    servers: list[ForkServer] = []

    def make() -> ForkServer:
        servers.append(ForkServer("numpy"))
        return servers[-1]

    yield make
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def fork_server(server_for: Callable[[str], ForkServer]) -> ForkServer:
    return server_for("numpy")
