"""`exercise new`: a complete exercise folder to start from, that verifies as it is."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from lstm_quiz.errors import UsageError
from lstm_quiz.exercises.model import Exercise

TEMPLATE = Path(__file__).with_name("template")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def new_exercise(name: str, into: Path, source: Exercise | None = None) -> Path:
    """Create ``into/name``: a copy of ``source`` renamed, or the built-in template."""
    if not _ID.match(name):
        raise UsageError(
            f"exercise name '{name}' must be lowercase letters, digits and _, starting with a letter"
        )
    target = into / name
    if target.exists():
        raise UsageError(f"{target} already exists: pick another name or remove it")
    into.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.pyc")
    if source is None:
        shutil.copytree(TEMPLATE, target, ignore=ignore)
        old_id = "__ID__"
    else:
        shutil.copytree(source.path, target, ignore=ignore)
        old_id = source.id
        mistakes = sorted((target / "mistakes").glob("*.py"))
        for extra in mistakes[1:]:  # keep one example; the author writes the rest
            extra.unlink()
    for path in sorted(target.rglob("*")):
        if path.is_file():
            if path.suffix in (".py", ".md", ".yaml"):
                text = path.read_text(encoding="utf-8")
                path.write_text(_rename(text, old_id, name), encoding="utf-8")
            if old_id in path.name:
                path.rename(path.with_name(path.name.replace(old_id, name)))
    return target


def _rename(text: str, old_id: str, new_id: str) -> str:
    if old_id == "__ID__":
        return text.replace(old_id, new_id)
    # The id as a whole word only: lstm_cell, not lstm_cell_backward.
    return re.sub(rf"\b{re.escape(old_id)}\b", new_id, text)
