"""`lstm-quiz exercise NAME --notebook PATH`: a starter notebook for one exercise.

Written as nbformat 4.5 JSON by hand, so making one needs no Jupyter
package; running it needs the `[jupyter]` extra in the kernel's environment.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

from lstm_quiz.errors import UsageError
from lstm_quiz.exercises.model import Exercise
from lstm_quiz.integrations import install_hint

TEXTS = {
    "en": {
        "load": "# Load the lstm-quiz magics (run this cell first).",
        "solution": "# Write your solution below; run this cell to grade it (your code runs in a sandbox).",
        "scratch": "# Scratch: try things out here; this cell is not graded.\n"
        "# %lstm_quiz hint {exercise} shows the next hint, %lstm_quiz task {exercise} the task again.",
        "written": "wrote {path}: open it in Jupyter or VS Code with a kernel from this Python environment",
        "missing": "to run it, install the kernel and magics here: {hint}",
    },
    "zh": {
        "load": "# 加载 lstm-quiz 的魔法命令（请先运行这个单元格）。",
        "solution": "# 在下面写你的解答；运行这个单元格即可评测（你的代码在沙箱里运行）。",
        "scratch": "# 草稿区：可以在这里随意试验，这个单元格不评分。\n"
        "# %lstm_quiz hint {exercise} 显示下一条提示，%lstm_quiz task {exercise} 再次显示题目。",
        "written": "已写入 {path}：请用 Jupyter 或 VS Code 打开，并选择本 Python 环境的内核",
        "missing": "要运行它，请先在这里安装内核和魔法命令：{hint}",
    },
}


def _cell(cell_id: str, kind: str, source: str) -> dict[str, Any]:
    cell: dict[str, Any] = {
        "cell_type": kind,
        "id": cell_id,
        "metadata": {},
        "source": source.splitlines(keepends=True),
    }
    if kind == "code":
        cell["execution_count"] = None
        cell["outputs"] = []
    return cell


def starter_notebook(exercise: Exercise, lang: str) -> dict[str, Any]:
    texts = TEXTS.get(lang, TEXTS["en"])
    starter = exercise.starter.read_text(encoding="utf-8") if exercise.starter.is_file() else ""
    solution = f"%%lstm_quiz check {exercise.id}\n{texts['solution']}\n{starter.rstrip()}\n"
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "lstm_quiz": {"exercise": exercise.id, "lang": lang},
        },
        "cells": [
            _cell("task", "markdown", exercise.prompt(lang).strip() + "\n"),
            _cell("load", "code", f"{texts['load']}\n%load_ext lstm_quiz\n"),
            _cell("solution", "code", solution),
            _cell("scratch", "code", texts["scratch"].format(exercise=exercise.id) + "\n"),
        ],
    }


def notebook_path(path: Path, exercise_id: str) -> Path:
    """PATH itself (a new .ipynb file) or PATH/EXERCISE.ipynb (an existing folder)."""
    target = path / f"{exercise_id}.ipynb" if path.is_dir() else path
    if target.suffix != ".ipynb":
        raise UsageError(f"--notebook {path}: give a folder or a file name ending in .ipynb")
    if target.exists():
        raise UsageError(
            f"--notebook {target} already exists: choose another name (it is never overwritten)"
        )
    if not target.parent.is_dir():
        raise UsageError(f"--notebook {target}: the folder {target.parent} does not exist")
    return target


def write_starter_notebook(exercise: Exercise, path: Path, lang: str) -> int:
    """The `exercise NAME --notebook PATH` command: write it, say where and how to run it."""
    target = notebook_path(path, exercise.id)
    notebook = starter_notebook(exercise, lang)
    try:
        target.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", "utf-8")
    except OSError as error:
        raise UsageError(f"--notebook {target} cannot be written: {error.strerror}") from None
    texts = TEXTS.get(lang, TEXTS["en"])
    print(texts["written"].format(path=target))
    if importlib.util.find_spec("ipykernel") is None:
        print(texts["missing"].format(hint=install_hint("ipykernel")), file=sys.stderr)
    return 0
