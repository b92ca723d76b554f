"""`lstm-quiz bank validate|lint|new|schema|stats`: check, extend and inspect the question bank."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "validate, inspect and extend the question bank"
DESCRIPTION = """\
Work on the question bank: the shipped questions plus your folders
(--bank DIR, repeatable, and $LSTM_QUIZ_BANK_PATH).

  validate [PATH ...]   report every problem, as path:line: question 'id': what is wrong
  lint [PATH ...]       warn about answer tells (the right choice longest, ...) and
                        print the bank's length figures
  new                   print a filled-in question template (or append it to a file)
  schema                print the JSON Schema of question files, for your editor
  stats                 count questions by topic, type, difficulty and language
  export --anki FILE    the bank as an Anki deck (.apkg), one sub-deck per topic

The format is described in docs/question-format.md.
"""
EPILOG = """\
Examples:
  lstm-quiz bank validate                        the shipped bank and your --bank folders
  lstm-quiz bank validate ~/course/questions     one folder (ids are checked against the shipped bank)
  lstm-quiz bank lint --strict                   fail on any answer tell, not only on the figures
  lstm-quiz bank new --topic lstm_architecture --type single --to my.yaml
  lstm-quiz bank schema > question-bank.schema.json
  lstm-quiz bank export --anki lstm.apkg --lang both --topic gru_variants
"""

QUESTION_TYPES = ("single", "multiple", "true_false", "numeric", "open")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="bank_action", metavar="ACTION", title="actions")
    actions.required = True

    validate = actions.add_parser(
        "validate",
        help="report every problem of the bank or of the given files and folders",
        description=(
            "Check question files and report every problem, one per line, as "
            "path:line: question 'id': what is wrong (what was expected). Without PATH, "
            "checks the shipped bank plus --bank folders and $LSTM_QUIZ_BANK_PATH. "
            "Exit status: 0 when all is well, 1 when there is any problem."
        ),
    )
    validate.add_argument(
        "paths", metavar="PATH", nargs="*", type=Path, help="question files or folders"
    )

    lint = actions.add_parser(
        "lint",
        help="warn about answer tells and check the bank's length figures",
        description=(
            "Warn, one per line as path:line: question 'id': what gives the answer away, "
            "about answer tells: the right choice longest by 1.3x or more (en), the right "
            "choice at one position in most of a file's shuffle: false questions, 'all/none "
            "of the above' (以上都), absolute words (always, never, only, all; 总是, 从不, "
            "一定) only in distractors, a right choice that repeats the prompt's words, and "
            "(nearly) duplicate prompts. Then print the bank-wide figures: the share of "
            "single-choice questions whose right choice is strictly the longest, and the "
            "relative gap between the mean length of right and wrong choices of "
            "multiple-choice questions. Without PATH, lints the shipped bank plus --bank "
            "folders and $LSTM_QUIZ_BANK_PATH. Exit status: 1 when a figure exceeds its "
            "maximum (or, with --strict, on any warning) or the bank has problems, else 0."
        ),
    )
    lint.add_argument(
        "paths", metavar="PATH", nargs="*", type=Path, help="question files or folders"
    )
    lint.add_argument(
        "--max-longest-share",
        type=_fraction,
        default=0.35,
        metavar="F",
        help="most single-choice questions (a fraction) whose right choice may be the longest (default: 0.35)",
    )
    lint.add_argument(
        "--max-multiple-gap",
        type=_fraction,
        default=0.15,
        metavar="F",
        help="largest relative gap between mean right and wrong choice lengths of multiple-choice questions (default: 0.15)",
    )
    lint.add_argument("--strict", action="store_true", help="exit 1 on any warning too")
    lint.add_argument("--json", action="store_true", help="print warnings and figures as JSON")

    new = actions.add_parser(
        "new",
        help="print a question template, or append it to a file",
        description=(
            "Print a question of the given type, filled in with placeholder texts, "
            "ready to edit. With --to FILE, append it to FILE (created with its "
            "'topic:' line when missing)."
        ),
    )
    new.add_argument("--topic", required=True, help="topic id, e.g. lstm_architecture")
    new.add_argument("--type", required=True, choices=QUESTION_TYPES, dest="question_type")
    new.add_argument("--id", dest="question_id", help="the new question's id (default: made up)")
    new.add_argument("--to", metavar="FILE", type=Path, help="append to this question file")

    actions.add_parser(
        "schema",
        help="print the JSON Schema of question files",
        description=(
            "Print a JSON Schema of question files, with the topics and tags of the "
            "shipped bank and your --bank folders. See docs/question-format.md for "
            "hooking it up to an editor."
        ),
    )

    stats = actions.add_parser(
        "stats",
        help="count questions by topic, type, difficulty and language",
        description="Count the questions of the bank (shipped plus --bank folders).",
    )
    stats.add_argument("--json", action="store_true", help="print the counts as JSON")

    export = actions.add_parser(
        "export",
        help="write the bank as an Anki deck",
        description=(
            "Write the questions (shipped plus --bank folders) as an Anki deck: one note "
            "per question, prompt and choices on the front, answer, explanation and source "
            "on the back, a sub-deck lstm-quiz::TOPIC per topic and the bank's tags. "
            "Importing a later export into Anki updates the notes it already has (their "
            "reviews are kept) instead of adding copies. Needs genanki: "
            "pip install 'lstm-quiz[anki]'."
        ),
    )
    export.add_argument(
        "--anki", metavar="FILE", type=Path, required=True, help="the deck to write (.apkg)"
    )
    export.add_argument(
        "--lang",
        choices=("en", "zh", "both"),
        default="en",
        help="language of the cards; both: English, then Chinese (default: en)",
    )
    export.add_argument(
        "--topic",
        metavar="T",
        action="extend",
        nargs="+",
        dest="topics",
        help="only these topics (repeatable; see 'lstm-quiz bank stats')",
    )

    for sub in actions.choices.values():
        # The common options (--bank, ...) are parsed by the parent parser;
        # repeat --bank here so it also works after the action name.
        sub.add_argument(
            "--bank", metavar="DIR", action="append", dest="bank_after", help=argparse.SUPPRESS
        )


def _fraction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return number


def _bank_dirs(args: argparse.Namespace) -> list[str]:
    return [*(getattr(args, "bank", None) or []), *(getattr(args, "bank_after", None) or [])]


def run(args: argparse.Namespace) -> int:
    action = args.bank_action
    if action == "validate":
        return _validate(args)
    if action == "lint":
        from lstm_quiz.commands.bank_lint import run_lint

        return run_lint(args, _bank_dirs(args))
    if action == "new":
        return _new(args)
    if action == "schema":
        return _schema(args)
    if action == "export":
        return _export(args)
    return _stats(args)


def _export(args: argparse.Namespace) -> int:
    from lstm_quiz.bank.loader import load_bank
    from lstm_quiz.errors import UsageError, did_you_mean

    target = args.anki
    if target.suffix.lower() != ".apkg":
        raise UsageError(f"--anki {target}: the file name must end in .apkg")
    if target.is_dir() or not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise UsageError(f"--anki {target}: give a file name in an existing folder")
    bank = load_bank(_bank_dirs(args))
    for topic in args.topics or ():
        if topic not in bank.topics:
            raise UsageError(f"unknown topic '{topic}': {did_you_mean(topic, list(bank.topics))}")
    from lstm_quiz.integrations.anki import export_anki

    summary = export_anki(bank, target, args.lang, args.topics)
    print(
        f"wrote {summary.notes} notes in {summary.decks} decks to {summary.path} "
        f"({summary.size / 1024:.0f} KiB); import it in Anki with File > Import"
    )
    return 0


def _validate(args: argparse.Namespace) -> int:
    from lstm_quiz.bank.loader import bank_dirs, check_paths

    extra = _bank_dirs(args)
    if args.paths:
        report = check_paths(args.paths, context=bank_dirs(extra))
    else:
        report = check_paths(bank_dirs(extra))
    for problem in report.problems:
        print(problem)
    files = len(report.files)
    noun = "file" if files == 1 else "files"
    if report.problems:
        count = len(report.problems)
        print(
            f"{count} problem{'s' if count != 1 else ''} in {report.entries} questions "
            f"in {files} {noun}",
            file=sys.stderr,
        )
        return 1
    print(f"{len(report.questions)} questions in {files} {noun}: OK")
    return 0


def _new(args: argparse.Namespace) -> int:
    from lstm_quiz.bank.loader import bank_dirs, check_paths
    from lstm_quiz.bank.template import append_template, render_template

    extra = _bank_dirs(args)
    # Ids in use, read leniently (a file with problems still lends its ids).
    targets = [args.to] if args.to is not None and args.to.is_file() else []
    report = check_paths(targets, context=bank_dirs(extra))
    text = render_template(args.topic, args.question_type, args.question_id, extra, report.all_ids)
    if args.to is None:
        print(text, end="")
        return 0
    append_template(args.to, args.topic, text)
    print(f"added a question of type {args.question_type} to {args.to}", file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    import json

    from lstm_quiz.bank.loader import bank_dirs
    from lstm_quiz.bank.schema import question_file_schema, vocabulary_of

    schema = question_file_schema(vocabulary_of(bank_dirs(_bank_dirs(args))))
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return 0


def _stats(args: argparse.Namespace) -> int:
    import json

    from lstm_quiz.bank.loader import load_bank
    from lstm_quiz.bank.stats import bank_stats, format_stats

    stats = bank_stats(load_bank(_bank_dirs(args)))
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
    else:
        print(format_stats(stats), end="")
    return 0
