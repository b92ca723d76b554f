"""The `solution` fixture: the learner's functions, called in a sandboxed process.

Each call crosses to the sandbox; the value comes back as data. After a
timeout or a crash the next call gets a fresh process, so one bad test does
not sink the others; a file that cannot be imported fails every test once,
with one message.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from lstm_quiz.grading.engine_texts import engine
from lstm_quiz.grading.sandbox import (
    CallFailure,
    CallResult,
    ForkServer,
    Limits,
    SolutionRun,
    read_source,
)

# After this many timeouts in a row the remaining calls are not run: a
# solution that loops costs one call limit, not one per test.
MAX_TIMEOUTS_IN_A_ROW = 1


class SolutionProxy:
    def __init__(
        self,
        server: ForkServer,
        solution: Path,
        limits: Limits,
        functions: tuple[str, ...],
        display_name: str | None = None,
        harness_source: str | None = None,
    ) -> None:
        self.server = server
        self.harness_source = harness_source
        self.solution = solution
        self.limits = limits
        self.functions = functions
        self.display_name = display_name or solution.name
        self.deadline = float("inf")  # the run's time starts with its process (see start)
        self.run: SolutionRun | None = None
        self.solution_failure: CallFailure | None = None  # import failed or a function is missing
        self.import_output = ""
        self.test_output: list[str] = []
        self._timeouts_in_a_row = 0
        self._imported = False
        self._source: bytes | None = (
            None  # read once: every process of this run imports the same bytes
        )

    def start(self) -> None:
        """Fork the process now, so it imports the file while pytest starts up."""
        if self.run is None and self.solution_failure is None:
            if self.deadline == float("inf"):
                self.deadline = time.monotonic() + self.limits.run_seconds
            remaining = max(0.0, self.deadline - time.monotonic())
            if self._source is None:
                try:
                    self._source = read_source(self.solution)
                except CallFailure as failure:
                    self.solution_failure = failure
                    return
            self.run = self.server.spawn(
                self._source,
                replace(self.limits, run_seconds=remaining),
                self.display_name,
                self.harness_source,
            )

    def _ready_run(self) -> SolutionRun:
        self.start()
        if self.solution_failure is not None:
            raise CallFailure(
                self.solution_failure.kind,
                self.solution_failure.message,
                text=self.solution_failure.text,
            )
        assert self.run is not None
        try:
            self.run.wait_ready()
        except CallFailure as failure:
            self.solution_failure = failure
            self.import_output = failure.output
            self.close()
            raise
        output = self.run.read_new_output()
        if not self._imported:
            self.import_output = output
            self._imported = True
        return self.run

    def call(self, function: str, *args: Any) -> CallResult:
        if self.solution_failure is not None:
            raise CallFailure(
                self.solution_failure.kind,
                self.solution_failure.message,
                text=self.solution_failure.text,
            )
        after_timeout = engine("call.after_timeout")
        if self._timeouts_in_a_row >= MAX_TIMEOUTS_IN_A_ROW:
            raise CallFailure("budget", str(after_timeout), text=after_timeout)
        if time.monotonic() >= self.deadline:
            used_up = engine("call.budget", seconds=self.limits.run_seconds)
            raise CallFailure("budget", str(used_up), text=used_up)
        run = (
            self.run
            if self.run is not None and self.run.alive and self._imported
            else self._ready_run()
        )
        try:
            result = run.call(function, list(args))
        except CallFailure as failure:
            self.test_output.append(failure.output)
            if failure.kind == "missing":
                self.solution_failure = failure
            if failure.kind == "timeout":
                self._timeouts_in_a_row += 1
            if not run.alive:
                run.close()
                self.run = None
            raise
        self._timeouts_in_a_row = 0
        self.test_output.append(result.output)
        return result

    def __getattr__(self, name: str) -> Any:
        if name in self.__dict__.get("functions", ()):
            return lambda *args: self.call(name, *args).value
        if name == "harness" and self.__dict__.get("harness_source"):
            return _Harness(self)
        raise AttributeError(name)

    def close(self) -> None:
        if self.run is not None:
            self.run.close()
            self.run = None


class _Harness:
    """`solution.harness.fn(...)` calls the exercise's harness inside the sandbox."""

    def __init__(self, proxy: SolutionProxy) -> None:
        self._proxy = proxy

    def __getattr__(self, name: str) -> Any:
        return lambda *args: self._proxy.call(f"harness.{name}", *args).value
