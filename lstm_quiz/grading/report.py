"""Plain-text rendering of a GradingResult, for the terminal."""

from __future__ import annotations

import os
import re
import sys
import textwrap
from typing import TextIO

from lstm_quiz.grading.results import GradingResult, Outcome

_STYLES = {"pass": "32", "fail": "31", "error": "35", "dim": "2", "bold": "1"}

# The report's own words (the results carry their texts in both languages).
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "PASS": "PASS",
        "FAIL": "FAIL",
        "ERROR": "ERROR",
        "imported": "your file printed while being imported:",
        "same": "(same as above)",
        "checks": "checks: ",
        "diagnosis": "diagnosis: ",
        "same_diagnosis": "diagnosis: same as above",
        "printed": "your code printed:",
    },
    "zh": {
        "PASS": "通过",
        "FAIL": "未通过",
        "ERROR": "出错",
        "imported": "导入你的文件时它输出了：",
        "same": "（同上）",
        "checks": "检查：",
        "diagnosis": "诊断：",
        "same_diagnosis": "诊断：同上",
        "printed": "你的代码输出了：",
    },
}


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
        wrap = _wrap_cells if _CJK.search(raw) else textwrap.wrap
        wrapped = wrap(raw, width - len(prefix)) or [""]
        lines += [prefix + part for part in wrapped]
    return "\n".join(lines)


_CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
# A CJK character or punctuation mark, a run of other non-space characters, or spaces.
_PIECES = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+|\s+")


_CLOSING = set("。，、；：？！）》」』”’")
_OPENING = set("（《「『“‘")


def _cells(text: str) -> int:
    return sum(2 if _CJK.match(ch) else 1 for ch in text)


def _wrap_cells(text: str, width: int) -> list[str]:
    """Wraps Chinese text by terminal cells (a CJK character takes two); breaks between
    characters or at spaces, never inside a code identifier or number."""
    lines, line = [], ""
    for piece in _PIECES.findall(text):
        # Line-breaking rules: a closing mark never starts a line, an opening one never ends it.
        full = line and _cells(line) + _cells(piece) > width and not piece.isspace()
        if full and piece not in _CLOSING:
            carried = line[-1] if line[-1] in _OPENING else ""
            lines.append(line[: len(line) - len(carried)].rstrip())
            line = carried
        if line or not piece.isspace():
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _label(word: str, lang: str) -> str:
    """PASS/FAIL/ERROR padded to one width in terminal cells (a CJK character takes two)."""
    cells = sum(2 if ord(ch) > 0x2E80 else 1 for ch in word)
    width = 5 if lang == "en" else 6
    return word + " " * max(0, width - cells)


def render(
    result: GradingResult,
    stream: TextIO = sys.stdout,
    color: bool | None = None,
    lang: str = "en",
) -> str:
    """The result as the terminal shows it, in ``lang`` ("en" or "zh")."""
    color = use_color(stream) if color is None else color
    words = _WORDS["zh" if lang == "zh" else "en"]
    lines = [_style(f"{result.exercise} · {result.solution}", "bold", color)]
    if result.solution_error:
        lines.append(_indent(result.solution_error_in(lang), "  ! "))
    if result.solution_output:
        lines.append("  " + words["imported"])
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
        shown = _label(words[label[0]], lang)
        lines.append(f"  {_style(shown, label[1], color)} {test.name:<{width}} {time_text}")
        if test.passed:
            if test.detail:  # what the test measured, e.g. the accuracy reached
                lines.append(_indent(test.detail_in(lang), "        "))
            continue
        if result.solution_error and test.message == result.solution_error.split(": ", 1)[-1]:
            continue
        if test.message == previous_message:
            lines.append(_style("        " + words["same"], "dim", color))
            continue
        previous_message = test.message
        if test.description:
            checks = words["checks"] + test.description_in(lang)
            lines.append(_style(_indent(checks, "        "), "dim", color))
        lines.append(_indent(test.message_in(lang), "        "))
        if test.diagnosis and test.diagnosis == previous_diagnosis:
            lines.append(_style("        " + words["same_diagnosis"], "dim", color))
        elif test.diagnosis:
            lines.append(_indent(words["diagnosis"] + test.diagnosis_in(lang), "        "))
        previous_diagnosis = test.diagnosis or previous_diagnosis
        if test.output:
            lines.append("        " + words["printed"])
            lines.append(_indent(test.output, "        | "))
    summary = result.summary_line(lang)
    lines.append(_style(summary, "pass" if result.passed else "fail", color))
    return "\n".join(lines)
