"""`lstm-quiz exercise` (not built yet)."""

from __future__ import annotations

import argparse

from lstm_quiz.errors import LstmQuizError

HELP = "(not available yet)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    raise LstmQuizError("'exercise' is not available yet in this version")
