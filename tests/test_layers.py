"""The package's arrows point one way (design/ARCHITECTURE.md, "Layers"): read from the source.

Every import counts, at the top or inside a function (a lazy import is still
a dependency), so a new arrow the wrong way fails here, not in a review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lstm_quiz"

# package -> lstm_quiz packages it must never import
FORBIDDEN = {
    "bank": {"review", "exercises", "grading", "coding", "session", "tui", "plain", "integrations"},
    "review": {"exercises", "grading", "coding", "session", "tui", "plain", "integrations"},
    "exercises": {"grading", "review", "coding", "session", "tui", "plain", "integrations"},
    "grading": {"review", "coding", "session", "tui", "plain", "integrations"},
    "coding": {"session", "tui", "plain", "integrations"},
    "session": {"tui", "plain", "integrations"},
    "plain": {"tui", "integrations"},
    "tui": {"plain", "integrations"},
}
# The one arrow into `exercises` that grading may use: the model of what it grades.
GRADING_MAY_USE = {"lstm_quiz.exercises.model"}


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {name for name in found if name.startswith("lstm_quiz.")}


def wrong_arrows(package: str) -> list[str]:
    wrong = []
    for path in sorted((PACKAGE / package).rglob("*.py")):
        if "template" in path.relative_to(PACKAGE).parts:
            continue  # `exercise new`'s files: a new exercise's data, not this package's code
        for module in imported_modules(path):
            target = module.split(".")[1]
            model_only = package == "grading" and target == "exercises"
            if (module not in GRADING_MAY_USE) if model_only else target in FORBIDDEN[package]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    return wrong


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_points_up(package: str) -> None:
    assert wrong_arrows(package) == []


def test_the_check_sees_lazy_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from lstm_quiz.tui.app import App\n")
    assert imported_modules(module) == {"lstm_quiz.tui.app"}
