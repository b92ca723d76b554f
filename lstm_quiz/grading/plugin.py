"""The pytest plugin that runs a hidden suite and records its results as data.

Registered by the runner for one pytest session. It provides the fixtures a
hidden suite uses (`solution`, `reference`, `exercise_module`) and reads
outcomes from pytest's hooks, never from its text output.

One session can grade several submissions (batch grading): `solution` is then
parametrized over them at session scope, so pytest runs every test of the
first submission, then of the next, and the session's start-up, collection
and the suite's own fixtures are paid once.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import pytest

from lstm_quiz.exercises.model import Exercise
from lstm_quiz.grading.engine_texts import engine
from lstm_quiz.grading.expect import GradingFailure, Message
from lstm_quiz.grading.messages import Renderer, load_catalog
from lstm_quiz.grading.proxy import SolutionProxy
from lstm_quiz.grading.results import Outcome, TestResult
from lstm_quiz.grading.safe_text import safe_text
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
    text = text if len(text) <= OUTPUT_LIMIT else text[:OUTPUT_LIMIT] + "\n... (output truncated)"
    return safe_text(text, OUTPUT_LIMIT + 40)


# The id of the submission parameter in a test's name; taken out of the names reported.
_SUBMISSION_ID = "SUBMISSION"
_SUBMISSION_IN_NAME = re.compile(
    rf"\[{_SUBMISSION_ID}\d+\]|{_SUBMISSION_ID}\d+-|-{_SUBMISSION_ID}\d+"
)


def _test_name(item: pytest.Item) -> str:
    """The test's name as one submission's report shows it: without the submission's id."""
    return _SUBMISSION_IN_NAME.sub("", item.name)


class GradingPlugin:
    def __init__(self, exercise: Exercise, proxies: Sequence[SolutionProxy]) -> None:
        self.exercise = exercise
        self.proxies = list(proxies)
        self.results: list[list[TestResult]] = [[] for _ in self.proxies]  # per submission
        self.collection_errors: list[str] = []
        self._modules: dict[str, ModuleType] = {}
        # The exercise's Chinese for its own texts (docstrings, contexts, diagnoses).
        self.catalog = load_catalog(exercise.path)

    def render_zh(self, message: Message) -> tuple[str, list[str]]:
        """A text in Chinese, and the English templates in it that have no Chinese."""
        renderer = Renderer("zh", self.catalog)
        return safe_text(renderer.render(message)), renderer.missing

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if len(self.proxies) > 1 and "solution" in metafunc.fixturenames:
            metafunc.parametrize(
                "solution",
                range(len(self.proxies)),
                indirect=True,
                scope="session",
                ids=[f"{_SUBMISSION_ID}{n}" for n in range(len(self.proxies))],
            )

    def _submissions_of(self, item: pytest.Item) -> list[int]:
        """Which submissions a test belongs to (all of them if it does not use `solution`)."""
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "solution" in callspec.params:
            return [int(callspec.params["solution"])]
        if len(self.proxies) == 1:
            return [0]
        return list(range(len(self.proxies)))

    # -- fixtures a hidden suite uses

    @pytest.fixture(scope="session")
    def solution(self, request: pytest.FixtureRequest) -> Iterator[SolutionProxy]:
        proxy = self.proxies[getattr(request, "param", 0)]
        yield proxy
        proxy.close()  # its tests are done: end its process before the next one starts

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
        for index in self._submissions_of(item):
            self.proxies[index].test_output = []

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> pytest.TestReport:
        """Our own report: pytest's would format a traceback (parsing the suite's
        source) for every failure, which costs more than the test itself."""
        excinfo = call.excinfo
        longrepr: str | tuple[str, int, str] | None = None
        outcome: Literal["passed", "failed", "skipped"]
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
            call.when,  # type: ignore[arg-type]  # never "collect" in a runtest hook
            (),
            call.duration,
            call.start,
            call.stop,
        )
        if call.when == "call" or (report.failed and call.when == "setup"):
            for index in self._submissions_of(item):
                self.results[index].append(self._result(item, call, report, self.proxies[index]))
        return report

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collection_errors.append(str(report.longrepr))

    def _result(
        self,
        item: pytest.Item,
        call: pytest.CallInfo[None],
        report: pytest.TestReport,
        proxy: SolutionProxy,
    ) -> TestResult:
        name = _test_name(item)
        description = _first_line(getattr(getattr(item, "obj", None), "__doc__", ""))
        description_zh, untranslated = self.render_zh(description)
        output = _trim("".join(proxy.test_output))
        if report.passed:
            # What a passing test measured (e.g. the accuracy reached), recorded by the suite as
            # request.node.user_properties.append(("detail", {"en": ..., "zh": ...})).
            detail = dict(item.user_properties).get("detail")
            shown = (
                {str(k): safe_text(str(v)) for k, v in detail.items()}
                if isinstance(detail, dict)
                else {}
            )
            return TestResult(
                name,
                description,
                Outcome.PASSED,
                report.duration,
                output=output,
                detail=shown,
                description_zh=description_zh,
                untranslated=untranslated,
            )
        error = call.excinfo.value if call.excinfo is not None else None
        diagnosis: Message = ""
        message: Message
        outcome = Outcome.FAILED
        if isinstance(error, GradingFailure):
            message, diagnosis = error.text, error.diagnosis_text
        elif isinstance(error, CallFailure):
            message = error.text or error.message
        elif isinstance(error, AssertionError):
            message = _first_line(str(error)) or engine("assertion_failed")
        else:
            # Anything else is a bug in the suite, not in the learner's code.
            outcome = Outcome.ERROR
            message = engine("suite_broke", error=f"{type(error).__name__}: {error}")
        message_zh, missing_message = self.render_zh(message)
        diagnosis_zh, missing_diagnosis = self.render_zh(diagnosis)
        for missing in missing_message + missing_diagnosis:
            if missing not in untranslated:
                untranslated.append(missing)
        return TestResult(
            name,
            description,
            outcome,
            report.duration,
            safe_text(Renderer("en").render(message)),
            safe_text(Renderer("en").render(diagnosis)),
            output,
            description_zh=description_zh,
            message_zh=message_zh,
            diagnosis_zh=diagnosis_zh,
            untranslated=untranslated,
        )
