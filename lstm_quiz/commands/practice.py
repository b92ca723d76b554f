"""`lstm-quiz practice`: drill questions in the TUI, or on stdin/stdout with --plain."""

from __future__ import annotations

import argparse

HELP = "drill theory questions with spaced repetition (TUI, or --plain)"
DESCRIPTION = """\
Practise theory questions. Without --plain: the full-screen app, with the
reviews due today, new questions, a timed mock interview and your stats;
answers are scheduled with FSRS and kept in the progress store (keys are
listed at the bottom of every screen).

With --plain, questions are asked on stdin/stdout, from the same queue
(reviews due, then new questions) and kept in the same progress store as
the TUI: type the number or letter of a choice (several as 1,3 or 1 3),
t/f or 1/2 for true or false, a number for numeric questions; for open
questions press Enter to see the model answer, then rate yourself 1-4
(each rating shows the interval it gives). A question answered wrong comes
back later in the session. q quits; end of input ends the session, with a
summary.
"""
EPILOG = """\
Examples:
  lstm-quiz practice
  lstm-quiz practice --topic gru_variants --lang zh
  lstm-quiz practice --plain --topic lstm_architecture --count 5
  lstm-quiz practice --plain --difficulty 1,2 --lang zh --seed 7
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--plain", action="store_true", help="ask on stdin/stdout instead of the TUI"
    )
    parser.add_argument(
        "--topic",
        action="append",
        default=[],
        metavar="TOPIC",
        help="only this topic (repeatable; see 'lstm-quiz bank stats')",
    )
    parser.add_argument(
        "--difficulty",
        action="append",
        default=[],
        metavar="D",
        help="only these difficulties: 1, 2, 3, a list (1,2) or a range (1-2); repeatable",
    )
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="only questions with this tag (repeatable)",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "zh"),
        help="language of the questions (default: zh when LANG or LC_ALL starts with zh, else en)",
    )
    parser.add_argument(
        "--count", type=int, default=10, metavar="N", help="how many questions (default: 10)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        help="seed of the shuffles (questions, choices, drawn values), to get the same session again",
    )


def run(args: argparse.Namespace) -> int:
    import sys

    from lstm_quiz.errors import LstmQuizError, UsageError
    from lstm_quiz.session.plain_words import UI

    if sys.stdin is None or sys.stdin.closed:  # `<&-`: Python leaves sys.stdin None
        raise UsageError("standard input is closed; practice reads your answers from it")
    if not args.plain:
        from lstm_quiz.tui.launch import run_practice

        return run_practice(args)
    from lstm_quiz.plain.face import PlainFace
    from lstm_quiz.session.queue import matching
    from lstm_quiz.tui.launch import build_practice  # cheap: no Textual until the TUI runs

    practice = build_practice(args)  # the TUI's store and filters: answers are kept alike
    try:
        if practice.store.recovery is not None:
            print(f"lstm-quiz: warning: {practice.store.recovery.message}", file=sys.stderr)
        if not matching(practice.bank, practice.filters):
            raise LstmQuizError("no question matches the given --topic, --difficulty and --tag")
        session = practice.start("mixed")
        if session.total == 0:
            print(UI[practice.lang]["nothing"])
            return 0
        PlainFace(practice, session).run()
    finally:
        practice.store.close()
    return 0
