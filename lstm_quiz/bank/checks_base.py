"""The plumbing shared by the question-file checks: located problems, texts, numbers.

`CheckerBase` records each problem at the line of the node at fault, under the
label of the question being checked; the per-type checks (`checks_types`),
the template checks (`checks_template`) and the file and question structure
(`validate`) build on it.
"""

from __future__ import annotations

import math
import re

from lstm_quiz.bank.models import LANGS, Text
from lstm_quiz.bank.problems import Problem
from lstm_quiz.bank.yamlnodes import (
    Entry,
    MappingNode,
    Node,
    ScalarNode,
    kind_of,
    line_of,
    mapping_entries,
    scalar_value,
)

TYPE_CHECKING = False  # typing costs ~10 ms at start-up; the bank must load fast
if TYPE_CHECKING:
    from pathlib import Path


class ProblemList:
    """Where a checker puts its problems (the file's `FileResult` has one)."""

    problems: list[Problem]


def close_match(name: str, choices: tuple[str, ...] | list[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def one_of(name: str, choices: tuple[str, ...] | list[str] | frozenset[str], what: str) -> str:
    listing = sorted(choices)
    close = close_match(name, listing)
    if close:
        return f"did you mean '{close}'?"
    if len(listing) > 12:
        return f"one of the {what}"
    return "one of: " + ", ".join(listing)


def and_(hint: str, more: str) -> str:
    return f"{hint} {more[0].upper()}{more[1:]}" if hint.endswith("?") else f"{hint}; {more}"


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"


class CheckerBase:
    path: Path
    result: ProblemList
    label: str | None  # "question 'id'" while checking a question

    # ----------------------------------------------------------------- plumbing
    def problem(self, node: Node | int, message: str, expected: str | None = None) -> None:
        line = node if isinstance(node, int) else line_of(node)
        self.result.problems.append(Problem(self.path, line, message, expected, self.label))

    def mapping(self, node: Node, what: str, expected: str) -> dict[str, Entry] | None:
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} is {kind_of(node)}", expected)
            return None
        entries, troubles = mapping_entries(node)
        for trouble_node, message in troubles:
            self.problem(trouble_node, message)
        return entries

    def text_scalar(self, node: Node, what: str) -> str | None:
        ok, value = scalar_value(node)
        if not ok or not isinstance(value, str):
            self.problem(node, f"{what} is {kind_of(node)}", "text")
            return None
        if not value.strip():
            self.problem(node, f"{what} is empty", "text")
            return None
        return value

    def text(self, node: Node, what: str, key_node: Node | None = None) -> Text | None:
        """A ``{en, zh}`` mapping, both languages non-empty.

        A problem with the mapping as a whole is reported at the line of its
        ``key_node`` (``prompt:``), not at its first entry's.
        """
        entries = self.mapping(node, what, "a mapping with en and zh texts")
        if entries is None:
            return None
        texts: dict[str, str] = {}
        ok = True
        for key, entry in entries.items():
            if key not in LANGS:
                self.problem(entry.key_node, f"unknown field '{key}' in {what}", "only en and zh")
                ok = False
                continue
            value = self.text_scalar(entry.value, f"{what} ({key})")
            if value is None:
                ok = False
            else:
                texts[key] = value
        for lang in LANGS:
            if lang not in entries:
                self.problem(key_node or node, f"{what} has no '{lang}' text", "both en and zh")
                ok = False
        if not ok:
            return None
        return Text(en=texts["en"], zh=texts["zh"])

    def number(self, node: Node, what: str) -> float | None:
        ok, value = scalar_value(node)
        if ok and isinstance(value, int | float) and not isinstance(value, bool):
            if math.isfinite(value):
                return float(value)
            self.problem(node, f"{what} is {value}", "a finite number")
            return None
        hint = "a number"
        if ok and isinstance(value, str) and looks_like_exponent(value):
            hint = (
                f"a number; YAML reads {value} as text: write it with a dot, e.g. {with_dot(value)}"
            )
        self.problem(node, f"{what} is {kind_of(node)}", hint)
        return None


_EXPONENT_RE = re.compile(r"^[-+]?\d+[eE][-+]?\d+$")


def looks_like_exponent(text: str) -> bool:
    return bool(_EXPONENT_RE.match(text.strip()))


def with_dot(text: str) -> str:
    mantissa, _, exponent = text.strip().lower().partition("e")
    return f"{mantissa}.0e{exponent}"
