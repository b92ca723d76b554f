"""A small, safe evaluator of the `answer_formula` of templated numeric questions.

The formula is parsed with `ast` and walked by hand; nothing is ever passed
to `eval`. Allowed: numbers, variable names, + - * / ** // %, parentheses,
unary minus and plus, and calls of the functions in `FUNCTIONS`. Everything
else (attributes, subscripts, comprehensions, other names, keyword
arguments...) is refused when the formula is parsed, with a one-line reason.
Arithmetic is done in floats, so no power can build a huge integer: an
overflow or a non-finite result is an error, as are a division by zero and a
math domain error.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Mapping

__all__ = [
    "ANSWER_PLACEHOLDER",
    "FUNCTIONS",
    "PLACEHOLDER",
    "Formula",
    "FormulaError",
    "parse_formula",
]

# Placeholders of a templated question's texts: {H} is the drawn value of H;
# {answer} (explanation only) is the answer of the drawn values.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
ANSWER_PLACEHOLDER = "answer"
MAX_LENGTH = 400  # characters of a formula: a long one is a sign of something else
MAX_NODES = 200
MAX_EXPONENT = 1000.0  # |b| in a ** b: beyond any formula of the bank


class FormulaError(ValueError):
    """The formula cannot be parsed, uses something not allowed, or cannot be evaluated."""


def _sigmoid(x: float) -> float:
    # The two forms keep exp() from overflowing for large |x|.
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def _round(x: float, digits: float = 0) -> float:
    if digits != int(digits):
        raise FormulaError("round(x, n) needs a whole number of digits n")
    return float(round(x, int(digits)))


# name -> (function, fewest arguments, most arguments)
FUNCTIONS: dict[str, tuple[Callable[..., float], int, int]] = {
    "exp": (math.exp, 1, 1),
    "tanh": (math.tanh, 1, 1),
    "sigmoid": (_sigmoid, 1, 1),
    "sqrt": (math.sqrt, 1, 1),
    "log": (math.log, 1, 1),
    "min": (min, 1, 16),
    "max": (max, 1, 16),
    "abs": (abs, 1, 1),
    "round": (_round, 1, 2),
}

_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.FloorDiv: lambda a, b: float(a // b),
    ast.Mod: lambda a, b: a % b,
    ast.Pow: lambda a, b: _power(a, b),
}
_UNARY: dict[type[ast.unaryop], Callable[[float], float]] = {
    ast.USub: lambda a: -a,
    ast.UAdd: lambda a: a,
}
_SYMBOLS = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
}
_NAME = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")


def _power(base: float, exponent: float) -> float:
    if abs(exponent) > MAX_EXPONENT:
        raise FormulaError(f"the power {exponent:g} is too large (at most {MAX_EXPONENT:g})")
    result = base**exponent
    if isinstance(result, complex):
        raise FormulaError("a negative number to a fractional power is not a real number")
    return result


class Formula:
    """A parsed formula: its text, the variable names it uses, and `evaluate`."""

    __slots__ = ("_tree", "names", "text")

    def __init__(self, text: str, tree: ast.expr, names: frozenset[str]) -> None:
        self.text = text
        self.names = names
        self._tree = tree

    def evaluate(self, values: Mapping[str, float]) -> float:
        """The formula's value for ``values``; `FormulaError` if it has none (finite)."""
        missing = sorted(self.names - set(values))
        if missing:
            raise FormulaError(f"no value for {', '.join(missing)}")
        try:
            result = _evaluate(self._tree, values)
        except ZeroDivisionError:
            raise FormulaError("division by zero") from None
        except OverflowError:
            raise FormulaError("a number grew too large") from None
        except (ValueError, TypeError) as error:
            if isinstance(error, FormulaError):
                raise
            raise FormulaError(f"math error: {error}") from None
        if not math.isfinite(result):
            raise FormulaError(f"the result is {result}, not a finite number")
        return result

    def worked(self, values: Mapping[str, float], show: Callable[[float], str]) -> str:
        """The formula with each variable replaced by its value: ``4 * 3 * (5 + 3)``."""

        def replace(match: re.Match[str]) -> str:
            name = match.group(0)
            return show(values[name]) if name in self.names and name in values else name

        return _NAME.sub(replace, self.text)


def parse_formula(text: str) -> Formula:
    """Parse and check ``text``; `FormulaError` says what is wrong or not allowed."""
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"the formula is longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        raise FormulaError(f"not a formula: {error.msg}") from None
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise FormulaError(f"the formula has more than {MAX_NODES} parts")
    names: set[str] = set()
    for node in nodes:
        _check_node(node, names)
    return Formula(text.strip(), tree.body, frozenset(names))


def _check_node(node: ast.AST, names: set[str]) -> None:
    if isinstance(node, ast.Expression | ast.Load):
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise FormulaError(f"{node.value!r} is not a number")
        return
    if isinstance(node, ast.Name):
        if node.id not in FUNCTIONS:
            names.add(node.id)
        return
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            raise FormulaError(f"the operator {type(node.op).__name__} is not allowed")
        return
    if isinstance(node, ast.UnaryOp):
        if type(node.op) not in _UNARY:
            raise FormulaError(f"the operator {type(node.op).__name__} is not allowed")
        return
    if type(node) in _SYMBOLS or type(node) in _UNARY:
        return  # the operator nodes themselves
    if isinstance(node, ast.Call):
        _check_call(node)
        return
    if isinstance(node, ast.Attribute):
        raise FormulaError(f"attribute access (.{node.attr}) is not allowed")
    raise FormulaError(f"{type(node).__name__} is not allowed in a formula")


def _check_call(node: ast.Call) -> None:
    if not isinstance(node.func, ast.Name):
        raise FormulaError("only the functions " + ", ".join(FUNCTIONS) + " may be called")
    name = node.func.id
    if name not in FUNCTIONS:
        raise FormulaError(f"'{name}' is not an allowed function (allowed: {', '.join(FUNCTIONS)})")
    if node.keywords:
        raise FormulaError(f"{name}() takes no keyword arguments")
    if any(isinstance(arg, ast.Starred) for arg in node.args):
        raise FormulaError(f"{name}() takes no *arguments")
    _, fewest, most = FUNCTIONS[name]
    if not fewest <= len(node.args) <= most:
        count = str(fewest) if fewest == most else f"{fewest} to {most}"
        raise FormulaError(f"{name}() takes {count} arguments, not {len(node.args)}")


def _evaluate(node: ast.expr, values: Mapping[str, float]) -> float:
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, int | float)  # parse_formula refuses any other constant
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id in FUNCTIONS:
            raise FormulaError(f"{node.id} is a function: call it, e.g. {node.id}(x)")
        return float(values[node.id])
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, values)
        right = _evaluate(node.right, values)
        return float(_BINARY[type(node.op)](left, right))
    if isinstance(node, ast.UnaryOp):
        return _UNARY[type(node.op)](_evaluate(node.operand, values))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        function = FUNCTIONS[node.func.id][0]
        return float(function(*(_evaluate(arg, values) for arg in node.args)))
    raise FormulaError(
        f"{type(node).__name__} is not allowed in a formula"
    )  # parse_formula refuses it
