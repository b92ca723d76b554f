"""A problem found in a question file, located to the line."""

from __future__ import annotations

import os

from lstm_quiz.errors import LstmQuizError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


class Problem:
    """`path:line: question 'id': what is wrong (what was expected)`."""

    __slots__ = ("expected", "line", "message", "path", "question")

    def __init__(
        self,
        path: Path,
        line: int,
        message: str,
        expected: str | None = None,
        question: str | None = None,  # "question 'id'" or "question #3", when inside one
    ) -> None:
        self.path = path
        self.line = line
        self.message = message
        self.expected = expected
        self.question = question

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"

    def __str__(self) -> str:
        where = f"{display_path(self.path)}:{self.line}: "
        if self.question:
            where += f"{self.question}: "
        suffix = f" ({self.expected})" if self.expected else ""
        return f"{where}{self.message}{suffix}"

    @property
    def sort_key(self) -> tuple[str, int]:
        return (str(self.path), self.line)


def display_path(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it, else as given."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


class BankError(LstmQuizError):
    """The bank has problems; the message lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        lines = "\n".join(str(p) for p in problems)
        hint = "run 'lstm-quiz bank validate' after fixing them"
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"the question bank has {count} {noun}:\n{lines}\n{hint}")
