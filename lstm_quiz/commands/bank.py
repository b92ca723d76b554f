"""`lstm-quiz bank` (not built yet)."""

from __future__ import annotations

import argparse

from lstm_quiz.errors import LstmQuizError

HELP = "validate, inspect and extend the question bank (not available yet)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    raise LstmQuizError("'bank' is not available yet in this version")
