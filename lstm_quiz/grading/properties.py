"""Property checks for hidden suites: the learner against the reference on many drawn cases.

Sizes and scales are drawn by hypothesis, derandomised, so every run of a
suite meets the same cases and a verdict never changes between runs. The
drawn cases run after the explicit corner cases (every size at its minimum,
D == H, all-zero inputs...). A failure never reaches hypothesis: the first
one stops the run and is raised as it is (the suite's own message, with the
drawn sizes in its context), not as a falsifying-example dump, and nothing is
shrunk or replayed (each call crosses to the sandbox, and a replay of a
non-deterministic solution would turn a failure into a "flaky" error).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import strategies as st
from hypothesis.internal.conjecture import providers
from hypothesis.internal.constants_ast import Constants

from lstm_quiz.grading.expect import GradingFailure
from lstm_quiz.grading.sandbox import CallFailure

# Each example is at least one call into the sandbox (~1 ms): 20-40 keep a suite fast.
DEFAULT_EXAMPLES = 25


@dataclass(frozen=True)
class Case:
    """One drawn case: named sizes, a seed for the values, a scale, and whether inputs are all zero."""

    sizes: Mapping[str, int]
    seed: int = 0
    scale: float = 1.0
    zero: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> int:
        return self.sizes[name]

    def __str__(self) -> str:
        text = ", ".join(f"{k}={v}" for k, v in self.sizes.items())
        if self.zero:
            return f"{text}, all-zero inputs"
        return f"{text}, values scaled by {self.scale:g}" if self.scale != 1.0 else text


_NO_CONSTANTS = Constants()


@contextmanager
def _source_blind() -> Iterator[None]:
    """Hypothesis without its "local constants" while our cases are drawn.

    By default hypothesis mixes numbers found in the source of every loaded
    module outside site-packages into its draws, and caches them in a
    .hypothesis folder under the current directory: a grader would then write
    into the learner's folder, and its cases would change with any edit to an
    exercise's files. Here the draws depend on the strategy alone. (No public
    setting turns this off in hypothesis 6.1xx; every provider asks this one
    function.)
    """
    saved = providers._get_local_constants
    providers._get_local_constants = lambda: _NO_CONSTANTS
    try:
        yield
    finally:
        providers._get_local_constants = saved


def cases(
    *,
    scales: Iterable[float] = (0.1, 1.0, 3.0),
    zero: bool = True,
    **ranges: tuple[int, int],
) -> st.SearchStrategy[Case]:
    """Cases with each size in its inclusive range, e.g. ``cases(N=(1, 4), D=(1, 6), H=(1, 5))``.

    ``zero``: about one case in six has all-zero inputs (where the task is defined on them).
    """
    return st.builds(
        Case,
        sizes=st.tuples(*(st.integers(lo, hi) for lo, hi in ranges.values())).map(
            lambda drawn: dict(zip(ranges, drawn, strict=True))
        ),
        seed=st.integers(0, 2**20),
        scale=st.sampled_from(tuple(scales)),
        zero=st.sampled_from((False,) * 5 + (True,)) if zero else st.just(False),
    )


def corner_cases(*, zero: bool = True, **ranges: tuple[int, int]) -> list[Case]:
    """The degenerate cases, always run first: every size at its minimum (T = N = H = 1 ...),
    each size alone at its minimum, D == H when both are drawn, and all-zero inputs."""
    low = {k: lo for k, (lo, _) in ranges.items()}
    mid = {k: max(lo, min(hi, 3)) for k, (lo, hi) in ranges.items()}
    found = [dict(low)]
    found += [{**mid, k: lo} for k, lo in low.items()]
    if "D" in ranges and "H" in ranges:
        square = max(ranges["D"][0], ranges["H"][0], 4)
        found.append({**mid, "D": min(square, ranges["D"][1]), "H": min(square, ranges["H"][1])})
    unique: list[dict[str, int]] = []
    for sizes in found:
        if sizes not in unique:
            unique.append(sizes)
    corners = [Case(s, seed=17 + n) for n, s in enumerate(unique)]
    if zero:
        corners.append(Case(dict(mid), seed=5, zero=True))
    return corners


def check_cases(
    strategy: st.SearchStrategy[Case],
    check: Callable[[Case], None],
    *,
    corners: Iterable[Case] = (),
    max_examples: int = DEFAULT_EXAMPLES,
) -> None:
    """``check(case)`` on the corner cases, then on up to ``max_examples`` drawn cases.

    The first failure (a GradingFailure, or a CallFailure when the learner's
    code raised, which then says on which sizes) is raised once the run stops.
    """
    failures: list[BaseException] = []

    def attempt(case: Case) -> None:
        if failures:
            return  # one failure is the verdict: the remaining cases cost nothing
        try:
            check(case)
        except GradingFailure as failure:
            failures.append(failure)
        except CallFailure as failure:
            if failure.kind == "exception":
                failure = CallFailure(
                    failure.kind, f"{failure.message}; the inputs: {case}", failure.output
                )
            failures.append(failure)

    for case in corners:
        attempt(case)
    if not failures:
        with _source_blind():
            _drawn(strategy, max_examples)(attempt)()
    if failures:
        raise failures[0]


def _drawn(
    strategy: st.SearchStrategy[Case], max_examples: int
) -> Callable[[Callable[[Case], None]], Callable[[], None]]:
    def decorate(attempt: Callable[[Case], None]) -> Callable[[], None]:
        @settings(
            derandomize=True,
            max_examples=max_examples,
            deadline=None,
            database=None,
            phases=(Phase.generate,),
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
            verbosity=Verbosity.quiet,
            print_blob=False,
        )
        @given(strategy)
        def run(case: Case) -> None:
            attempt(case)

        return run  # type: ignore[no-any-return]

    return decorate
