"""The pytest plugin that runs a hidden suite and records its results as data.

Registered by the runner for one pytest session. It provides the fixtures a
hidden suite uses (`solution`, `reference`, `exercise_module`) and reads
outcomes from pytest's hooks, never from its text output.
"""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from lstm_quiz.exercises.model import Exercise
from lstm_quiz.grading.expect import GradingFailure
from lstm_quiz.grading.proxy import SolutionProxy
from lstm_quiz.grading.results import Outcome, TestResult
from lstm_quiz.grading.sandbox import OUTPUT_LIMIT, CallFailure

_module_counter = itertools.count()


def load_module(path: Path) -> ModuleType:
    """Import a trusted file of an exercise (its reference, its diagnoses) by path."""
    name = f"_lstm_quiz_exercise_{path.parent.name}_{path.stem}_{next(_module_counter)}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0].strip() if (text or "").strip() else ""


def _trim(text: str) -> str:
    text = text.strip("\n")
    return text if len(text) <= OUTPUT_LIMIT else text[:OUTPUT_LIMIT] + "\n... (output truncated)"


class GradingPlugin:
    def __init__(self, exercise: Exercise, proxy: SolutionProxy) -> None:
        self.exercise = exercise
        self.proxy = proxy
        self.results: list[TestResult] = []
        self.collection_errors: list[str] = []
        self._modules: dict[str, ModuleType] = {}

    # -- fixtures a hidden suite uses

    @pytest.fixture(scope="session")
    def solution(self) -> SolutionProxy:
        return self.proxy

    @pytest.fixture(scope="session")
    def reference(self) -> ModuleType:
        return self._load("reference")

    @pytest.fixture(scope="session")
    def exercise_module(self) -> Any:
        """Loads another trusted file of the exercise folder by stem, e.g. "signatures"."""
        return self._load

    def _load(self, stem: str) -> ModuleType:
        if stem not in self._modules:
            self._modules[stem] = load_module(self.exercise.path / f"{stem}.py")
        return self._modules[stem]

    # -- hooks

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        self.proxy.test_output = []

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> pytest.TestReport:
        """Our own report: pytest's would format a traceback (parsing the suite's
        source) for every failure, which costs more than the test itself."""
        excinfo = call.excinfo
        longrepr: str | tuple[str, int, str] | None = None
        if excinfo is None:
            outcome = "passed"
        elif excinfo.errisinstance(pytest.skip.Exception):
            outcome = "skipped"
            longrepr = (str(item.path), 0, str(excinfo.value))
        else:
            outcome = "failed"
            longrepr = f"{excinfo.typename}: {excinfo.value}"
        report = pytest.TestReport(
            item.nodeid,
            item.location,
            {},
            outcome,
            longrepr,
            call.when,
            (),
            call.duration,
            call.start,
            call.stop,
        )  # type: ignore[arg-type]
        if call.when == "call" or (report.failed and call.when == "setup"):
            self.results.append(self._result(item, call, report))
        return report

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collection_errors.append(str(report.longrepr))

    def _result(
        self, item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport
    ) -> TestResult:
        description = _first_line(getattr(getattr(item, "obj", None), "__doc__", ""))
        output = _trim("".join(self.proxy.test_output))
        if report.passed:
            return TestResult(
                item.name, description, Outcome.PASSED, report.duration, output=output
            )
        error = call.excinfo.value if call.excinfo is not None else None
        diagnosis = ""
        outcome = Outcome.FAILED
        if isinstance(error, GradingFailure):
            message, diagnosis = error.message, error.diagnosis
        elif isinstance(error, CallFailure):
            message = error.message
        elif isinstance(error, AssertionError):
            message = _first_line(str(error)) or "assertion failed"
        else:
            # Anything else is a bug in the suite, not in the learner's code.
            outcome = Outcome.ERROR
            message = f"the hidden test itself failed ({type(error).__name__}: {error}); please report this"
        return TestResult(
            item.name, description, outcome, report.duration, message, diagnosis, output
        )
