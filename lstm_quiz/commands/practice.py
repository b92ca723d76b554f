"""`lstm-quiz practice` (not built yet)."""

from __future__ import annotations

import argparse

from lstm_quiz.errors import LstmQuizError

HELP = "(practice: not available yet)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    raise LstmQuizError("'practice' is not available yet in this version")
