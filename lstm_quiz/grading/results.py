"""The result model of one grading run: what the CLI prints, the TUI shows and --json emits."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"  # the solution is wrong (or could not run)
    ERROR = "error"  # the hidden suite itself broke: a bug in the exercise, not the learner's


@dataclass
class TestResult:
    name: str  # pytest's test name, with parameters: test_matches_reference[N=2,D=3,H=4]
    description: str  # the test's docstring, first line
    outcome: Outcome
    duration: float  # seconds, the test's call phase
    message: str = ""  # why it failed, for the learner
    diagnosis: str = ""  # which classic mistake the output matches, if any
    output: str = ""  # what the solution printed during the test (trimmed)
    # What a passing test measured, by language, e.g. {"en": "accuracy 0.97 …", "zh": "…"}.
    detail: dict[str, str] = field(default_factory=dict)
    # The same texts in Chinese (the fields above are English: batch CSV, verify).
    description_zh: str = ""
    message_zh: str = ""
    diagnosis_zh: str = ""
    # English templates of this test's texts that have no Chinese yet (shown in English in zh).
    untranslated: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASSED

    def detail_in(self, lang: str) -> str:
        return self.detail.get(lang) or self.detail.get("en", "")

    def description_in(self, lang: str) -> str:
        return (self.description_zh if lang == "zh" else "") or self.description

    def message_in(self, lang: str) -> str:
        return (self.message_zh if lang == "zh" else "") or self.message

    def diagnosis_in(self, lang: str) -> str:
        return (self.diagnosis_zh if lang == "zh" else "") or self.diagnosis


@dataclass
class GradingResult:
    exercise: str
    solution: str
    tests: list[TestResult] = field(default_factory=list)
    # A problem with the solution as a whole (could not be imported, a function
    # missing), reported once instead of under every test.
    solution_error: str = ""
    solution_error_zh: str = ""
    solution_output: str = ""  # printed while the file was imported
    duration: float = 0.0
    # How the learner's code was contained: "sealed" (a kernel box of its own)
    # or "weak" (limits only: no bubblewrap or no user namespaces here).
    isolation: str = "sealed"
    isolation_problem: str = ""  # why it is weak, when it is

    @property
    def passed(self) -> bool:
        return bool(self.tests) and not self.solution_error and all(t.passed for t in self.tests)

    @property
    def passed_count(self) -> int:
        return sum(t.passed for t in self.tests)

    @property
    def failed_count(self) -> int:
        return len(self.tests) - self.passed_count

    @property
    def first_failure(self) -> TestResult | None:
        return next((t for t in self.tests if not t.passed), None)

    def solution_error_in(self, lang: str) -> str:
        return (self.solution_error_zh if lang == "zh" else "") or self.solution_error

    def summary_line(self, lang: str = "en") -> str:
        if lang == "zh":
            return f"{self.passed_count} 项通过，{self.failed_count} 项未通过"
        return f"{self.passed_count} passed, {self.failed_count} failed"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["passed"] = self.passed
        data["counts"] = {
            "passed": self.passed_count,
            "failed": self.failed_count,
            "total": len(self.tests),
        }
        for test, test_data in zip(self.tests, data["tests"], strict=True):
            test_data["outcome"] = str(test.outcome)
            test_data["passed"] = test.passed
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
