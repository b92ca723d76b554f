"""Plain-text rendering of a GradingResult, for the terminal."""

from __future__ import annotations

import os
import sys
import textwrap
from typing import TextIO

from lstm_quiz.grading.results import GradingResult, Outcome

_STYLES = {"pass": "32", "fail": "31", "error": "35", "dim": "2", "bold": "1"}


def use_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _style(text: str, style: str, color: bool) -> str:
    return f"\033[{_STYLES[style]}m{text}\033[0m" if color else text


def _indent(text: str, prefix: str, width: int = 100) -> str:
    lines = []
    for raw in text.splitlines() or [""]:
        wrapped = textwrap.wrap(raw, width - len(prefix)) or [""]
        lines += [prefix + part for part in wrapped]
    return "\n".join(lines)


def render(result: GradingResult, stream: TextIO = sys.stdout, color: bool | None = None) -> str:
    color = use_color(stream) if color is None else color
    lines = [_style(f"{result.exercise} · {result.solution}", "bold", color)]
    if result.solution_error:
        lines.append(_indent(result.solution_error, "  ! "))
    if result.solution_output:
        lines.append("  your file printed while being imported:")
        lines.append(_indent(result.solution_output, "  | "))
    width = max((len(t.name) for t in result.tests), default=10)
    previous_message = previous_diagnosis = None
    for test in result.tests:
        label = {
            Outcome.PASSED: ("PASS", "pass"),
            Outcome.FAILED: ("FAIL", "fail"),
            Outcome.ERROR: ("ERROR", "error"),
        }[test.outcome]
        time_text = _style(f"{test.duration * 1000:6.1f} ms", "dim", color)
        lines.append(
            f"  {_style(f'{label[0]:5}', label[1], color)} {test.name:<{width}} {time_text}"
        )
        if test.passed:
            if test.detail:  # what the test measured, e.g. the accuracy reached
                lines.append(_indent(test.detail_in("en"), "        "))
            continue
        if result.solution_error and test.message == result.solution_error.split(": ", 1)[-1]:
            continue
        if test.message == previous_message:
            lines.append(_style("        (same as above)", "dim", color))
            continue
        previous_message = test.message
        if test.description:
            lines.append(_style(_indent(f"checks: {test.description}", "        "), "dim", color))
        lines.append(_indent(test.message, "        "))
        if test.diagnosis and test.diagnosis == previous_diagnosis:
            lines.append(_style("        diagnosis: same as above", "dim", color))
        elif test.diagnosis:
            lines.append(_indent(f"diagnosis: {test.diagnosis}", "        "))
        previous_diagnosis = test.diagnosis or previous_diagnosis
        if test.output:
            lines.append("        your code printed:")
            lines.append(_indent(test.output, "        | "))
    summary = result.summary_line()
    lines.append(_style(summary, "pass" if result.passed else "fail", color))
    return "\n".join(lines)
