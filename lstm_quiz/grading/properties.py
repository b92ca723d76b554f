"""Property checks for hidden suites: the learner against the reference on many drawn cases.

Sizes and scales are drawn by hypothesis, derandomised, so every run of a
suite meets the same cases and a verdict never changes between runs. The
drawn cases run after the explicit corner cases (every size at its minimum,
D == H, all-zero inputs...). A failure never reaches hypothesis: the cases
are drawn first (and kept, see `drawn.py`), then checked in turn; the first
failure stops the run and is raised as it is (the suite's own message, with
the drawn sizes in its context), not as a falsifying-example dump, and
nothing is shrunk or replayed (each call crosses to the sandbox, and a
replay of a non-deterministic solution would turn a failure into a "flaky"
error).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from lstm_quiz.grading.drawn import Case, CaseSpace, drawn_cases
from lstm_quiz.grading.engine_texts import engine
from lstm_quiz.grading.expect import GradingFailure
from lstm_quiz.grading.sandbox import CallFailure

# Each example is at least one call into the sandbox (~1 ms): 20-40 keep a suite fast.
DEFAULT_EXAMPLES = 25

__all__ = ["Case", "CaseSpace", "cases", "check_cases", "corner_cases"]


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
    from hypothesis.internal.conjecture import providers
    from hypothesis.internal.constants_ast import Constants

    saved = providers._get_local_constants
    no_constants = Constants()
    providers._get_local_constants = lambda: no_constants
    try:
        yield
    finally:
        providers._get_local_constants = saved


def cases(
    *,
    scales: Iterable[float] = (0.1, 1.0, 3.0),
    zero: bool = True,
    **ranges: tuple[int, int],
) -> CaseSpace:
    """Cases with each size in its inclusive range, e.g. ``cases(N=(1, 4), D=(1, 6), H=(1, 5))``.

    ``zero``: about one case in six has all-zero inputs (where the task is defined on them).
    """
    return CaseSpace(
        ranges=tuple((name, lo, hi) for name, (lo, hi) in ranges.items()),
        scales=tuple(float(s) for s in scales),
        zero=zero,
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
    space: CaseSpace,
    check: Callable[[Case], None],
    *,
    corners: Iterable[Case] = (),
    max_examples: int = DEFAULT_EXAMPLES,
) -> None:
    """``check(case)`` on the corner cases, then on up to ``max_examples`` drawn cases.

    The first failure (a GradingFailure, or a CallFailure when the learner's
    code raised, which then says on which sizes) stops the run and is raised.
    """
    from lstm_quiz.paths import cache_dir

    for case in [*corners, *drawn_cases(space, max_examples, _draw, cache_dir())]:
        try:
            check(case)
        except GradingFailure:
            raise
        except CallFailure as failure:
            if failure.kind != "exception":
                raise
            with_inputs = engine("call.inputs", message=failure.text, case=str(case))
            raise CallFailure(
                failure.kind, str(with_inputs), failure.output, text=with_inputs
            ) from None


def _draw(space: CaseSpace, count: int) -> list[Case]:
    """What hypothesis draws from ``space``, derandomised: the same list on every run."""
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings

    found: list[Case] = []

    @settings(
        derandomize=True,
        max_examples=count,
        deadline=None,
        database=None,
        phases=(Phase.generate,),
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
        verbosity=Verbosity.quiet,
        print_blob=False,
    )
    @given(space.strategy())
    def collect(case: Case) -> None:
        found.append(case)

    with _source_blind():
        collect()
    return found
