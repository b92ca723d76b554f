"""`lstm-quiz stats` (not built yet)."""

from __future__ import annotations

import argparse

from lstm_quiz.errors import LstmQuizError

HELP = "(stats: not available yet)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    raise LstmQuizError("'stats' is not available yet in this version")
