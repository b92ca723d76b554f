"""Shared fixtures: warm grading fork servers, one per framework, per test process."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from lstm_quiz.exercises.registry import ExerciseRegistry
from lstm_quiz.grading.sandbox import ForkServer


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


@pytest.fixture(scope="session")
def fork_server(server_for: Callable[[str], ForkServer]) -> ForkServer:
    return server_for("numpy")
