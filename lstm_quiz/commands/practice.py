"""`lstm-quiz practice`: drill questions in the TUI, or on stdin/stdout with --plain."""

from __future__ import annotations

import argparse

HELP = "drill theory questions with spaced repetition (TUI, or --plain)"
DESCRIPTION = """\
Practise theory questions. Without --plain: the full-screen app, with the
reviews due today, new questions, a timed mock interview and your stats;
answers are scheduled with FSRS and kept in the progress store (keys are
listed at the bottom of every screen).

With --plain, questions are asked on
stdin/stdout: type the number or letter of a choice (several as 1,3 or
1 3), t/f for true or false, a number for numeric questions; for open
questions press Enter to see the model answer, then rate yourself 1-4.
q quits; end of input ends the session, with a summary.
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
    from lstm_quiz.errors import LstmQuizError, UsageError

    if not args.plain:
        from lstm_quiz.tui.launch import run_practice

        return run_practice(args)
    if args.count < 1:
        raise UsageError(f"--count must be 1 or more, not {args.count}")

    import sys

    from lstm_quiz.bank.loader import load_bank
    from lstm_quiz.bank.select import check_filters, parse_difficulties, select_questions
    from lstm_quiz.practice_plain import PlainSession, default_lang

    difficulties = parse_difficulties(args.difficulty)
    bank = load_bank(args.bank)
    check_filters(bank, topics=args.topic, difficulties=difficulties, tags=args.tag)
    questions = select_questions(
        bank.questions,
        topics=args.topic,
        difficulties=difficulties,
        tags=args.tag,
        count=args.count,
        seed=args.seed,
    )
    if not questions:
        raise LstmQuizError("no question matches the given --topic, --difficulty and --tag")
    # Unicode marks and Chinese text on a console that cannot show them: replace, never crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    lang = args.lang or default_lang()
    import random

    rng = random.Random(args.seed) if args.seed is not None else None  # also fixes choice order
    PlainSession(questions, bank.topics, lang, rng=rng).run()
    return 0
