"""`run_practice(args)`: what `lstm-quiz practice` calls to start the TUI.

Cheap to import (`lstm-quiz --help` must stay fast): Textual, the bank and
the store are imported when `run_practice` runs. The bank is loaded and the
store opened before the TUI starts, so a broken bank file prints its located
problems and exits 1 without a traceback and without touching the terminal.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from lstm_quiz.session.context import Practice


def build_practice(args: argparse.Namespace) -> Practice:
    """The `Practice` of the command line's options (raises LstmQuizError for bad input)."""
    from lstm_quiz.bank.loader import load_bank
    from lstm_quiz.bank.select import check_filters, parse_difficulties
    from lstm_quiz.errors import UsageError
    from lstm_quiz.paths import data_dir
    from lstm_quiz.review.store import ProgressStore
    from lstm_quiz.session.context import LANGUAGE_SETTING, Practice
    from lstm_quiz.session.plain_words import default_lang
    from lstm_quiz.session.queue import DEFAULT_COUNT, Filters

    topics = list(getattr(args, "topic", None) or [])
    raw_difficulties = list(getattr(args, "difficulty", None) or [])
    difficulties = (
        parse_difficulties([str(d) for d in raw_difficulties]) if raw_difficulties else []
    )
    tags = list(getattr(args, "tag", None) or [])
    count = getattr(args, "count", None)
    count = DEFAULT_COUNT if count is None else count  # 0 is a bad count, not a missing one
    if count < 1:
        raise UsageError(f"--count must be 1 or more, not {count}")
    bank = load_bank(getattr(args, "bank", None))
    check_filters(bank, topics=topics, difficulties=difficulties, tags=tags)
    filters = Filters(
        topics=tuple(topics),
        difficulties=tuple(difficulties),
        tags=tuple(tags),
        count=count,
        seed=getattr(args, "seed", None),
        mock_count=count,
    )
    store = ProgressStore.open(data_dir(getattr(args, "data_dir", None)))
    lang = getattr(args, "lang", None)
    if lang is None and store.get_setting(LANGUAGE_SETTING, None) is None:
        lang = default_lang()  # first start: follow the locale until the learner switches
    return Practice(
        bank,
        store,
        filters=filters,
        lang=lang,
        exercise_dirs=getattr(args, "exercises", None),
    )


def run_practice(args: argparse.Namespace) -> int:
    """Start the practice TUI; 0 when it ends, 1 (or 2) with a message on stderr if it cannot start."""
    from lstm_quiz.errors import LstmQuizError

    try:
        practice = build_practice(args)
    except LstmQuizError as error:
        print(f"lstm-quiz: error: {error.message}", file=sys.stderr)
        return error.exit_code
    from lstm_quiz.tui.app import QuizApp

    recovery = practice.store.recovery
    app = QuizApp(practice, recovery=recovery.message if recovery else None)
    try:
        app.run()
    finally:
        practice.store.close()
    return 0
