"""grade_solution(): run an exercise's hidden suite against one solution file."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from lstm_quiz.errors import LstmQuizError
from lstm_quiz.exercises.model import Exercise
from lstm_quiz.grading.results import GradingResult
from lstm_quiz.grading.safe_text import safe_text
from lstm_quiz.grading.sandbox import OUTPUT_LIMIT, ForkServer, Limits

_INI = Path(__file__).with_name("pytest.ini")

# Built-in pytest plugins a hidden suite does not need. Each costs start-up
# time; unraisableexception alone runs gc.collect() five times per session.
_DISABLED_PLUGINS = [
    arg
    for name in (
        "cacheprovider", "terminal", "unraisableexception", "threadexception", "doctest", "junitxml",
        "pastebin", "legacypath", "tmpdir", "logging", "faulthandler", "stepwise", "lsp", "setuponly",
        "setupplan", "debugging", "nose", "capture", "warnings", "recwarn", "monkeypatch", "freeze_support",
    )
    for arg in ("-p", f"no:{name}")
]  # fmt: skip


def limits_for(exercise: Exercise) -> Limits:
    return Limits(
        call_seconds=exercise.call_seconds,
        run_seconds=exercise.run_seconds,
        memory_bytes=exercise.memory_mb << 20,
        cpu_seconds=int(exercise.run_seconds) + 5,
    )


@contextmanager
def _isolated_pytest_environment() -> Iterator[None]:
    """No plugins from the environment, no PYTEST_ADDOPTS: the same grading everywhere."""
    saved = {
        k: os.environ.get(k)
        for k in ("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "PYTEST_ADDOPTS", "PYTEST_PLUGINS")
    }
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    os.environ.pop("PYTEST_ADDOPTS", None)
    os.environ.pop("PYTEST_PLUGINS", None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def grade_solution(
    exercise: Exercise,
    solution: Path,
    *,
    server: ForkServer | None = None,
    display_name: str | None = None,
) -> GradingResult:
    """Grade one file. Problems with the solution are results; LstmQuizError means the grader could not run."""
    started = time.perf_counter()
    own_server = server is None
    if server is None:
        server = ForkServer(exercise.framework)
    try:
        [result] = grade_solutions(exercise, [(solution, display_name)], server=server)
    finally:
        if own_server:
            server.close()
    result.duration = time.perf_counter() - started
    return result


def grade_solutions(
    exercise: Exercise,
    solutions: Sequence[tuple[Path, str | None]],
    *,
    server: ForkServer,
) -> list[GradingResult]:
    """Grade several files (path, display name) in one pytest session, each in its own sandbox.

    The session's start-up and the suite's fixtures are shared; the files'
    processes run one after another. A result's duration is its tests' time.
    """
    from lstm_quiz.grading.proxy import SolutionProxy

    harness = exercise.harness.read_text(encoding="utf-8") if exercise.harness else None
    limits = limits_for(exercise)
    proxies = [
        SolutionProxy(server, path, limits, exercise.functions, name, harness)
        for path, name in solutions
    ]
    # pytest and NumPy are imported here while a cold fork server is still
    # importing NumPy in its own process; the first solution is then imported
    # in its child while pytest's session starts. (A warm server has both done.)
    import pytest

    from lstm_quiz.grading.plugin import GradingPlugin

    plugin = GradingPlugin(exercise, proxies)
    try:
        proxies[0].start()
        args = [
            "-c", str(_INI),
            "--rootdir", str(exercise.path),
            *_DISABLED_PLUGINS,
            "--assert=plain",
            "--import-mode=importlib",
            "-W", "ignore::RuntimeWarning",
            *[str(s) for s in exercise.suites],
        ]  # fmt: skip
        with _isolated_pytest_environment():
            exit_code = pytest.main(args, plugins=[plugin])
    finally:
        for proxy in proxies:
            proxy.close()
    if exit_code == pytest.ExitCode.INTERRUPTED:
        # Ctrl-C: pytest stops and reports what ran so far; that is no verdict.
        raise KeyboardInterrupt
    if not any(plugin.results):
        detail = (
            plugin.collection_errors[0].strip().splitlines()[-1]
            if plugin.collection_errors
            else f"exit {exit_code}"
        )
        raise LstmQuizError(f"the hidden suite of '{exercise.id}' could not run: {detail}")
    return [
        GradingResult(
            exercise=exercise.id,
            solution=name or str(path),
            tests=tests,
            solution_error=proxy.solution_failure.message if proxy.solution_failure else "",
            solution_error_zh=plugin.render_zh(proxy.solution_failure.text)[0]
            if proxy.solution_failure
            else "",
            solution_output=safe_text(proxy.import_output.strip("\n"), OUTPUT_LIMIT + 40),
            duration=sum(test.duration for test in tests),
            isolation=server.plan.isolation,
            isolation_problem=server.isolation_problem,
        )
        for (path, name), proxy, tests in zip(solutions, proxies, plugin.results, strict=True)
    ]
