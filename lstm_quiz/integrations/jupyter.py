"""`%load_ext lstm_quiz`: grade, read and get hints for the exercises from a notebook.

  %%lstm_quiz check EXERCISE   (first line of a cell) grade the rest of the cell
  %lstm_quiz task EXERCISE     the task, as Markdown
  %lstm_quiz hint EXERCISE     the next hint (the kernel remembers which were shown)

A check writes the cell to a temporary file and grades it exactly as
`lstm-quiz check` does: the exercise's hidden suite, the learner's code in a
sealed box of its own (never in the kernel). The kernel keeps one warm
sandbox per framework, so checks after the first start fast.

Loading the extension registers the magics and imports nothing else: NumPy,
pytest and the grader are imported by the first check.
"""

from __future__ import annotations

import atexit
import os
import shlex
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lstm_quiz.exercises.model import Exercise
    from lstm_quiz.grading.results import GradingResult
    from lstm_quiz.grading.sandbox import ForkServer

TEXTS = {
    "en": {
        "usage": "usage: %%lstm_quiz check EXERCISE (first line of a cell), "
        "%lstm_quiz task EXERCISE, %lstm_quiz hint EXERCISE",
        "check_line": "'check' grades a cell: put '%%lstm_quiz check {exercise}' on the first "
        "line of the cell holding your code",
        "empty": "the cell holds no code to grade: write your solution below '%%lstm_quiz check {exercise}'",
        "hint": "**Hint {number} of {total}**",
        "last": "(that was the last hint)",
        "no_hints": "Exercise '{exercise}' has no hints.",
        "all_shown": "All {total} hints were shown; here is the last one again.",
    },
    "zh": {
        "usage": "用法：%%lstm_quiz check 练习名（写在单元格第一行）、"
        "%lstm_quiz task 练习名、%lstm_quiz hint 练习名",
        "check_line": "check 用来评测一个单元格：把 '%%lstm_quiz check {exercise}' 写在"
        "放代码的单元格的第一行",
        "empty": "单元格里没有可评测的代码：请把解答写在 '%%lstm_quiz check {exercise}' 下面",
        "hint": "**提示 {number}/{total}**",
        "last": "（这是最后一条提示）",
        "no_hints": "练习 '{exercise}' 没有提示。",
        "all_shown": "全部 {total} 条提示都已显示；下面再显示一次最后一条。",
    },
}


def language() -> str:
    """LSTM_QUIZ_LANG (en or zh), read at each call so `%env LSTM_QUIZ_LANG=zh` takes effect."""
    lang = os.environ.get("LSTM_QUIZ_LANG", "en").strip().lower()
    return "zh" if lang.startswith("zh") else "en"


def _text(key: str, **values: object) -> str:
    return TEXTS[language()][key].format(**values)


@dataclass
class MarkdownDisplay:
    """Markdown for the notebook, the same text for a plain console."""

    markdown: str

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.markdown


@dataclass
class KernelSession:
    """What one kernel remembers: warm sandboxes and the hints shown per exercise."""

    servers: dict[str, ForkServer] = field(default_factory=dict)
    hints_shown: dict[str, int] = field(default_factory=dict)

    def server(self, framework: str) -> ForkServer:
        from lstm_quiz.grading.sandbox import ForkServer

        if framework not in self.servers:
            self.servers[framework] = ForkServer(framework)
        return self.servers[framework]

    def close(self) -> None:
        for server in self.servers.values():
            server.close()
        self.servers.clear()

    def check(self, exercise: Exercise, code: str) -> GradingResult:
        from lstm_quiz.grading.runner import grade_solution

        exercise.require_framework()
        with tempfile.TemporaryDirectory(prefix="lstm-quiz-cell-") as folder:
            path = Path(folder) / "solution.py"
            path.write_text(code, encoding="utf-8")
            return grade_solution(
                exercise, path, server=self.server(exercise.framework), display_name="notebook cell"
            )

    def next_hint(self, exercise: Exercise, lang: str) -> str:
        total = len(exercise.hints)
        if total == 0:
            return _text("no_hints", exercise=exercise.id)
        shown = self.hints_shown.get(exercise.id, 0)
        if shown >= total:
            return f"{_text('all_shown', total=total)}\n\n{exercise.hints[-1].get(lang).strip()}"
        self.hints_shown[exercise.id] = shown + 1
        lines = [
            _text("hint", number=shown + 1, total=total),
            "",
            exercise.hints[shown].get(lang).strip(),
        ]
        if shown + 1 == total:
            lines += ["", _text("last")]
        return "\n".join(lines)


def find_exercise(exercise_id: str) -> Exercise:
    from lstm_quiz.exercises.registry import ExerciseRegistry

    return ExerciseRegistry.find(exercise_id)


def lstm_quiz_magic(session: KernelSession, line: str, cell: str | None = None) -> Any:
    """The `%lstm_quiz` line magic and `%%lstm_quiz` cell magic; raises LstmQuizError for bad input."""
    from lstm_quiz.errors import UsageError

    try:
        words = shlex.split(line)
    except ValueError as error:
        raise UsageError(f"{error}: {_text('usage')}") from None
    if len(words) != 2 or words[0] not in ("check", "task", "hint"):
        raise UsageError(_text("usage"))
    action, exercise_id = words
    exercise = find_exercise(exercise_id)
    lang = language()
    if action == "check":
        if cell is None:
            raise UsageError(_text("check_line", exercise=exercise_id))
        if not cell.strip():
            raise UsageError(_text("empty", exercise=exercise_id))
        from lstm_quiz.integrations.result_html import ResultDisplay

        return ResultDisplay(session.check(exercise, cell), lang)
    if cell is not None:
        raise UsageError(_text("usage"))
    if action == "task":
        return MarkdownDisplay(exercise.prompt(lang))
    return MarkdownDisplay(session.next_hint(exercise, lang))


def load_ipython_extension(ipython: Any) -> None:
    """Register `%lstm_quiz` / `%%lstm_quiz` in ``ipython`` (an InteractiveShell)."""
    from IPython.core.error import UsageError as IPythonUsageError
    from IPython.display import display

    from lstm_quiz.errors import LstmQuizError

    session = KernelSession()
    atexit.register(session.close)

    def magic(line: str, cell: str | None = None) -> None:
        try:
            shown = lstm_quiz_magic(session, line, cell)
        except LstmQuizError as error:
            # IPython prints a UsageError as one line, without a traceback.
            raise IPythonUsageError(f"lstm-quiz: {error.message}") from None
        display(shown)

    magic.__doc__ = __doc__
    ipython.register_magic_function(magic, magic_kind="line_cell", magic_name="lstm_quiz")
