"""Bridges to the tools learners and instructors already use: Jupyter, Anki, Gradescope, Slurm.

One module per integration. Each imports the core (bank, grading, exercises)
and the core never imports them; a third-party library is imported only when
its integration is used, through `require`, which turns a missing one into a
one-line install hint.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from lstm_quiz.errors import LstmQuizError

# The extra that brings each optional library (pyproject.toml's optional-dependencies).
EXTRA_OF = {
    "genanki": "anki",
    "IPython": "jupyter",
    "ipykernel": "jupyter",
    "nbclient": "jupyter",
    "nbformat": "jupyter",
}


class MissingExtraError(LstmQuizError):
    """An optional library is not installed; the message says which extra brings it."""


def install_hint(module: str) -> str:
    extra = EXTRA_OF.get(module.split(".")[0], module)
    return f"pip install 'lstm-quiz[{extra}]'"


def require(module: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise a one-line error: what needs it and how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.split(".")[0]
        raise MissingExtraError(
            f"{purpose} needs {top}, which is not installed: {install_hint(module)}"
        ) from None
