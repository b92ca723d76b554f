"""The checks of templated numeric questions: `variables`, `answer_formula`, placeholders.

A templated question draws its variables each time it is shown, so the
checks make sure every drawing works: the formula parses (see `formula`),
uses only declared variables, every placeholder of the texts is declared,
every variable of the formula is shown in the prompt in both languages, and
the formula gives a finite number at the ends of the ranges and at a few
drawn points.
"""

from __future__ import annotations

import math
import random
import re

from lstm_quiz.bank.checks_base import CheckerBase
from lstm_quiz.bank.formula import (
    ANSWER_PLACEHOLDER,
    FUNCTIONS,
    PLACEHOLDER,
    Formula,
    FormulaError,
    parse_formula,
)
from lstm_quiz.bank.models import (
    LANGS,
    MAX_VARIABLE_VALUES,
    VARIABLE_CHOICES_FIELD,
    VARIABLE_RANGE_FIELDS,
    Text,
    Variable,
)
from lstm_quiz.bank.yamlnodes import (
    Entry,
    MappingNode,
    Node,
    SequenceNode,
    kind_of,
    mapping_entries,
    scalar_value,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SAMPLES = 24  # drawn points checked besides the ends of the ranges


def placeholders(value: str) -> list[str]:
    return PLACEHOLDER.findall(value)


def sample_points(variables: tuple[Variable, ...], count: int) -> Iterator[dict[str, float]]:
    """The lowest and highest values of every variable, then ``count`` seeded draws."""
    yield {v.name: v.value(0) for v in variables}
    yield {v.name: v.value(v.count - 1) for v in variables}
    rng = random.Random(0)
    for _ in range(count):
        yield {v.name: v.value(rng.randrange(v.count)) for v in variables}


class TemplateChecks(CheckerBase):
    def variables(self, entry: Entry) -> tuple[Variable, ...] | None:
        node = entry.value
        if not isinstance(node, MappingNode) or not node.value:
            self.problem(
                node,
                f"'variables' is {kind_of(node) if not isinstance(node, MappingNode) else 'empty'}",
                "a mapping of name to {min, max, step} or {choices: [...]}, e.g. H: {min: 2, max: 8}",
            )
            return None
        entries, troubles = mapping_entries(node)
        for trouble_node, message in troubles:
            self.problem(trouble_node, message)
        found: list[Variable] = []
        ok = not troubles
        for name, item in entries.items():
            variable = self.variable(name, item)
            if variable is None:
                ok = False
            else:
                found.append(variable)
        return tuple(found) if ok else None

    def variable(self, name: str, entry: Entry) -> Variable | None:
        what = f"variable '{name}'"
        if not VARIABLE_NAME.match(name) or name in FUNCTIONS or name == ANSWER_PLACEHOLDER:
            self.problem(
                entry.key_node,
                f"'{name}' cannot name a variable",
                "letters, digits and _, not starting with a digit, and not a function name or 'answer'",
            )
            return None
        entries = self.mapping(
            entry.value, what, "{min: ..., max: ..., step: ...} or {choices: [...]}"
        )
        if entries is None:
            return None
        allowed = (*VARIABLE_RANGE_FIELDS, VARIABLE_CHOICES_FIELD)
        unknown = [key for key in entries if key not in allowed]
        for key in unknown:
            self.problem(
                entries[key].key_node,
                f"unknown field '{key}' in {what}",
                "min, max and step, or choices",
            )
        if unknown:
            return None
        if VARIABLE_CHOICES_FIELD in entries:
            if set(entries) & set(VARIABLE_RANGE_FIELDS):
                self.problem(
                    entry.key_node, f"{what} has both choices and a range", "one or the other"
                )
                return None
            return self.variable_choices(name, entries[VARIABLE_CHOICES_FIELD], what)
        return self.variable_range(name, entry, entries, what)

    def variable_choices(self, name: str, entry: Entry, what: str) -> Variable | None:
        node = entry.value
        if not isinstance(node, SequenceNode) or not node.value:
            self.problem(node, f"the choices of {what} are not a list of numbers", "[1, 2, 4]")
            return None
        values: list[float] = []
        for item in node.value:
            value = self.whole_or_number(item, f"a choice of {what}")
            if value is None:
                return None
            values.append(value)
        return Variable(name, choices=tuple(values))

    def variable_range(
        self, name: str, entry: Entry, entries: dict[str, Entry], what: str
    ) -> Variable | None:
        missing = [key for key in ("min", "max") if key not in entries]
        if missing:
            self.problem(
                entry.key_node,
                f"{what} has no {' or '.join(missing)}",
                "{min: ..., max: ..., step: ...} (step defaults to 1) or {choices: [...]}",
            )
            return None
        low = self.whole_or_number(entries["min"].value, f"min of {what}")
        high = self.whole_or_number(entries["max"].value, f"max of {what}")
        step: float | None = 1
        if "step" in entries:
            step = self.whole_or_number(entries["step"].value, f"step of {what}")
        if low is None or high is None or step is None:
            return None
        if high < low:
            self.problem(entry.key_node, f"{what} has max {high} below min {low}", "min <= max")
            return None
        if step <= 0:
            self.problem(entries["step"].value, f"step of {what} is {step}", "a step > 0")
            return None
        steps = (high - low) / step
        if abs(steps - round(steps)) > 1e-9 * max(1.0, steps):
            self.problem(
                entry.key_node,
                f"max of {what} is not min plus a whole number of steps",
                f"max = min + k * step, e.g. max: {low + math.floor(steps) * step:g}",
            )
            return None
        if round(steps) + 1 > MAX_VARIABLE_VALUES:
            self.problem(
                entry.key_node,
                f"{what} takes {round(steps) + 1} values",
                f"at most {MAX_VARIABLE_VALUES}: a larger step",
            )
            return None
        return Variable(name, low=low, high=high, step=step)

    def whole_or_number(self, node: Node, what: str) -> float | None:
        """A number, kept an int when written as one (so drawn values print as 64, not 64.0)."""
        ok, value = scalar_value(node)
        if ok and isinstance(value, int) and not isinstance(value, bool):
            return value
        return self.number(node, what)

    def answer_formula(self, entry: Entry) -> Formula | None:
        node = entry.value
        text = self.text_scalar(node, "'answer_formula'")
        if text is None:
            return None
        try:
            return parse_formula(text)
        except FormulaError as error:
            self.problem(
                node,
                f"answer_formula: {error}",
                "numbers, variables, + - * / // % **, ( ) and " + ", ".join(FUNCTIONS),
            )
            return None

    def template(
        self,
        entries: dict[str, Entry],
        variables: tuple[Variable, ...],
        formula: Formula,
        texts: dict[str, Text | None],
    ) -> None:
        """The checks across fields: names used and declared, a finite answer everywhere."""
        declared = {v.name for v in variables}
        formula_node = entries["answer_formula"].value
        for name in sorted(formula.names - declared):
            self.problem(
                formula_node,
                f"answer_formula uses '{name}', which is not declared in 'variables'",
                "declare it under variables: or use a declared name",
            )
        shown: dict[str, set[str]] = {lang: set() for lang in LANGS}
        for field, text in texts.items():
            if text is None:
                continue
            allowed = declared | ({ANSWER_PLACEHOLDER} if field == "explanation" else set())
            for lang in LANGS:
                names = placeholders(text.get(lang))
                if field == "prompt":
                    shown[lang].update(names)
                for name in sorted(set(names) - allowed):
                    hint = (
                        "{answer} may be used in the explanation only"
                        if name == ANSWER_PLACEHOLDER
                        else "a variable declared under variables:"
                    )
                    self.problem(
                        entries[field].key_node,
                        f"the {lang} {field} uses {{{name}}}, which is not declared",
                        hint,
                    )
        for lang in LANGS:
            for name in sorted((formula.names & declared) - shown[lang]):
                self.problem(
                    entries["prompt"].key_node,
                    f"the {lang} prompt does not show {{{name}}}, which the answer depends on",
                    f"put {{{name}}} in the {lang} prompt",
                )
        unused = sorted(declared - formula.names - shown["en"] - shown["zh"])
        for name in unused:
            self.problem(
                entries["variables"].key_node,
                f"variable '{name}' is used neither in the answer_formula nor in the prompt",
                "remove it or use it",
            )
        if formula.names - declared:
            return
        for point in sample_points(variables, SAMPLES):
            try:
                formula.evaluate(point)
            except FormulaError as error:
                drawn = ", ".join(f"{name} = {value}" for name, value in point.items())
                self.problem(
                    formula_node,
                    f"answer_formula fails for {drawn}: {error}",
                    "a finite answer for every value the variables may take",
                )
                return
