"""Templated numeric questions: the safe formula evaluator, the validator's messages, drawing."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from lstm_quiz.bank.formula import FormulaError, parse_formula
from lstm_quiz.bank.loader import check_paths
from lstm_quiz.session.presented import present

# ---------------------------------------------------------------- evaluator


@pytest.mark.parametrize(
    ("formula", "values", "expected"),
    [
        ("4 * H * (D + H) + 8 * H", {"H": 3, "D": 5}, 120),
        ("-x ** 2", {"x": 3}, -9),
        ("7 // 2 + 7 % 2", {}, 4),
        ("sigmoid(0) + tanh(0) + exp(0) + sqrt(16) + log(1)", {}, 5.5),
        (
            "min(a, b) + max(a, b, 10) + abs(-a) + round(2.345, 2)",
            {"a": 1, "b": 2},
            1 + 10 + 1 + 2.35,
        ),
        ("sigmoid(-1000)", {}, 0.0),  # no overflow in exp
    ],
)
def test_allowed_formulas(formula: str, values: dict[str, float], expected: float) -> None:
    assert parse_formula(formula).evaluate(values) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("x.__class__", "attribute access (.__class__) is not allowed"),
        ("__import__('os')", "'__import__' is not an allowed function"),
        ("eval('1')", "'eval' is not an allowed function"),
        ("(lambda: 1)()", "only the functions"),
        ("x[0]", "Subscript is not allowed"),
        ("[1, 2]", "List is not allowed"),
        ("'text'", "'text' is not a number"),
        ("True + 1", "True is not a number"),
        ("x if x else 1", "IfExp is not allowed"),
        ("x < 1", "Compare is not allowed"),
        ("x ^ 2", "the operator BitXor is not allowed"),
        ("round(x, ndigits=2)", "round() takes no keyword arguments"),
        ("exp(1, 2)", "exp() takes 1 arguments, not 2"),
        ("4 * (H", "not a formula"),
        ("1 +" * 300 + "1", "longer than 400 characters"),
    ],
)
def test_refused_formulas(formula: str, message: str) -> None:
    with pytest.raises(FormulaError, match=None) as error:
        parse_formula(formula)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("10 ** 400", "too large"),
        ("9 ** 9 ** 9", "too large"),  # would never finish with Python integers
        ("10.0 ** 999", "a number grew too large"),
        ("exp(1000)", "a number grew too large"),
        ("1 / (x - x)", "division by zero"),
        ("log(x - 5)", "math error"),
        ("(-8) ** 0.5", "not a real number"),
    ],
)
def test_evaluation_errors(formula: str, message: str) -> None:
    with pytest.raises(FormulaError) as error:
        parse_formula(formula).evaluate({"x": 2})
    assert message in str(error.value)


def test_the_worked_formula_shows_the_values() -> None:
    formula = parse_formula("4 * H * (D + H)")
    assert formula.worked({"H": 3, "D": 5}, str) == "4 * 3 * (5 + 3)"


# ---------------------------------------------------------------- validator

TEMPLATE = """\
topic: calculations
questions:
  - id: t-question
    type: numeric
    difficulty: 1
    source: "PyTorch documentation, torch.nn.LSTM"
    prompt:
      en: "With H = {{H}} and D = {{D}}, how many?"
      zh: "H = {{H}}、D = {{D}} 时有多少？"
{fields}
    explanation:
      en: "The answer is {{answer}}."
      zh: "答案是 {{answer}}。"
"""
GOOD_VARIABLES = "    variables:\n      H: {min: 2, max: 8, step: 2}\n      D: {choices: [1, 3]}\n"


def problems_of(tmp_path: Path, fields: str) -> list[str]:
    path = tmp_path / "calculations.yaml"
    path.write_text(TEMPLATE.format(fields=fields), encoding="utf-8")
    return [str(p) for p in check_paths([path]).problems]


def test_a_good_template_passes(tmp_path: Path) -> None:
    assert problems_of(tmp_path, GOOD_VARIABLES + '    answer_formula: "4 * H * (D + H)"') == []


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        (
            GOOD_VARIABLES + '    answer_formula: "4 * H * (D + K)"',
            "calculations.yaml:13: question 't-question': answer_formula uses 'K', which is not declared in 'variables'",
        ),
        (
            GOOD_VARIABLES + '    answer_formula: "4 * H.real"',
            "answer_formula: attribute access (.real) is not allowed",
        ),
        (GOOD_VARIABLES + '    answer_formula: "open(H)"', "'open' is not an allowed function"),
        (
            GOOD_VARIABLES + '    answer_formula: "H / (D - 1)"',
            "answer_formula fails for H = 2, D = 1: division by zero",
        ),
        (
            GOOD_VARIABLES + '    answer_formula: "H ** 5000"',
            "answer_formula fails for H = 2, D = 1: the power 5000 is too large",
        ),
        (
            "    variables:\n      H: {min: 2, max: 8}\n      D: {min: 1, max: 3}\n      Q: {min: 1, max: 2}\n"
            '    answer_formula: "H * D"',
            "variable 'Q' is used neither in the answer_formula nor in the prompt",
        ),
        (
            "    variables:\n      H: {min: 2, max: 8}\n      D: {min: 1, max: 3}\n      Z: {min: 1, max: 2}\n"
            '    answer_formula: "H * D * Z"',
            "the en prompt does not show {Z}, which the answer depends on",
        ),
        (
            "    variables:\n      H: {min: 8, max: 2}\n      D: {choices: [1]}\n    answer_formula: H",
            "variable 'H' has max 2 below min 8",
        ),
        (
            "    variables:\n      H: {min: 0, max: 1, step: 0.3}\n      D: {choices: [1]}\n    answer_formula: H",
            "max of variable 'H' is not min plus a whole number of steps",
        ),
        (
            "    variables:\n      H: {min: 0, max: 5, step: -1}\n      D: {choices: [1]}\n    answer_formula: H",
            "step of variable 'H' is -1",
        ),
        (
            "    variables:\n      H: {max: 5}\n      D: {choices: [1]}\n    answer_formula: H",
            "variable 'H' has no min",
        ),
        (
            "    variables:\n      H: {min: 1, max: 5, by: 1}\n      D: {choices: [1]}\n    answer_formula: H",
            "unknown field 'by' in variable 'H'",
        ),
        (
            "    variables:\n      exp: {min: 1, max: 5}\n    answer_formula: exp",
            "'exp' cannot name a variable",
        ),
        (
            "    variables:\n      H: {choices: [1, x]}\n      D: {choices: [1]}\n    answer_formula: H",
            "a choice of variable 'H' is text",
        ),
        ("    answer_formula: H", "'answer_formula' without 'variables'"),
        (GOOD_VARIABLES, "'variables' without 'answer_formula'"),
        (
            GOOD_VARIABLES + "    answer_formula: H\n    answer: 3",
            "a numeric question with both 'answer' and a template",
        ),
    ],
)
def test_bad_templates(tmp_path: Path, fields: str, fragment: str) -> None:
    problems = problems_of(tmp_path, fields)
    assert any(fragment in p for p in problems), problems


def test_undeclared_placeholders(tmp_path: Path) -> None:
    path = tmp_path / "calculations.yaml"
    text = TEMPLATE.format(fields=GOOD_VARIABLES + '    answer_formula: "H * D"')
    text = text.replace("how many?", "how many {B}?").replace(
        "答案是 {answer}", "答案是 {answer}，{C}"
    )
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in check_paths([path]).problems]
    assert any("the en prompt uses {B}, which is not declared" in p for p in problems), problems
    assert any("the zh explanation uses {C}, which is not declared" in p for p in problems), (
        problems
    )


# ---------------------------------------------------------------- drawing


def test_each_showing_draws_values_and_works_the_numbers(tmp_path: Path) -> None:
    path = tmp_path / "calculations.yaml"
    path.write_text(
        TEMPLATE.format(fields=GOOD_VARIABLES + '    answer_formula: "4 * H * (D + H)"'),
        encoding="utf-8",
    )
    [question] = check_paths([path]).questions
    shown = present(question, random.Random(1))
    h, d = shown.values["H"], shown.values["D"]
    assert h in (2, 4, 6, 8) and d in (1, 3)
    assert shown.question.answer == 4 * h * (d + h)
    assert shown.question.prompt.en == f"With H = {h} and D = {d}, how many?"
    assert shown.question.prompt.zh == f"H = {h}、D = {d} 时有多少？"
    answer = 4 * h * (d + h)
    assert shown.question.explanation.en.startswith(f"The answer is {answer}.")
    assert shown.question.explanation.en.endswith(
        f"Worked numbers: with H = {h}, D = {d}, 4 * H * (D + H) = 4 * {h} * ({d} + {h}) = {answer}."
    )
    assert f"代入数值：H = {h}、D = {d}" in shown.question.explanation.zh
    assert (
        question.answer is None and "{H}" in question.prompt.en
    )  # the bank's question is untouched
    draws = {tuple(present(question, random.Random(s)).values.values()) for s in range(20)}
    assert len(draws) > 3
