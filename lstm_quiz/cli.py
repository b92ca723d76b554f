"""Command-line entry point: argument parsing, exit codes, one-line errors.

Each command lives in `lstm_quiz.commands.<name>` and exposes `HELP` (one
line for the command list), `add_arguments(parser)` and `run(args) -> int`.
Command modules import only the standard library at the top, so that
`lstm-quiz --help` stays as fast as a bare interpreter; the work they do
imports what it needs when it runs.

Exit codes: 0 ok, 1 a failed check or test, 2 a usage error.
"""

from __future__ import annotations

import sys

from lstm_quiz import __version__
from lstm_quiz.errors import LstmQuizError

TYPE_CHECKING = False  # the typing module alone costs more than the rest of --help
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

# name -> one line for the command list. Order is the order shown in --help.
# Only the module of the command being run is imported (fast --help).
COMMANDS = {
    "practice": "drill theory questions with spaced repetition (TUI, or --plain)",
    "exercise": "list, show and verify the coding exercises",
    "check": "grade a solution file against an exercise's hidden tests",
    "grade": "grade a class's submissions in batch",
    "bank": "validate, inspect and extend the question bank",
    "stats": "your progress: due reviews, mastery per topic, streak",
    "doctor": "check how graded code is isolated here, and what is missing",
}

DESCRIPTION = """\
Get through LSTM and RNN interviews: drill theory questions with spaced
repetition, and solve timed coding exercises graded by hidden test suites.

Start with:
  lstm-quiz practice                 theory questions (TUI; --plain for stdin/stdout)
  lstm-quiz exercise list            the coding exercises
  lstm-quiz check lstm_cell FILE     grade your implementation of one LSTM step
"""

EPILOG = """\
Environment:
  LSTM_QUIZ_DATA_DIR        where progress is kept (default: the user data dir)
  LSTM_QUIZ_BANK_PATH       extra question folders, separated by the OS path separator
  LSTM_QUIZ_EXERCISES_PATH  extra exercise folders, likewise

Exit codes: 0 ok, 1 a failed check or test, 2 a usage error.
Run 'lstm-quiz COMMAND --help' for a command's options.
"""


def top_level_help() -> str:
    """The help of `lstm-quiz` itself, written without argparse: it is what
    people run first, and importing argparse would triple its start-up time."""
    width = max(len(name) for name in COMMANDS) + 2
    commands = "\n".join(f"  {name:<{width}}{text}" for name, text in COMMANDS.items())
    return (
        "usage: lstm-quiz [-h] [--version] COMMAND ...\n\n"
        f"{DESCRIPTION}\n"
        f"commands:\n{commands}\n\n"
        "options:\n  -h, --help  show this help message and exit\n"
        "  --version   show the version and exit\n\n"
        f"{EPILOG}"
    )


def common_options() -> argparse.ArgumentParser:
    """Options every command accepts, placed after the command name."""
    import argparse

    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("content and data")
    group.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where progress is stored (default: $LSTM_QUIZ_DATA_DIR or the user data dir)",
    )
    group.add_argument(
        "--bank",
        metavar="DIR",
        action="append",
        help="add a folder of question files (repeatable; also $LSTM_QUIZ_BANK_PATH)",
    )
    group.add_argument(
        "--exercises",
        metavar="DIR",
        action="append",
        help="add a folder of exercises (repeatable; also $LSTM_QUIZ_EXERCISES_PATH)",
    )
    return parent


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only ``command``'s own options are added (none for the top-level help)."""
    import argparse
    import importlib

    parser = argparse.ArgumentParser(
        prog="lstm-quiz",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"lstm-quiz {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    parent = common_options()
    for name, help_text in COMMANDS.items():
        if name != command:
            subparsers.add_parser(name, help=help_text)
            continue
        module = importlib.import_module(f"lstm_quiz.commands.{name}")
        sub = subparsers.add_parser(
            name,
            help=help_text,
            description=getattr(module, "DESCRIPTION", help_text),
            epilog=getattr(module, "EPILOG", None),
            parents=[parent],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(sub)
        sub.set_defaults(_run=module.run, _parser=sub)
    return parser


def setup_output() -> str | None:
    """Make the output streams safe for every command; a message if stdout is closed.

    Bars, marks (✓ ✗ ★) and Chinese text on a terminal whose encoding cannot
    show them (LANG=C, PYTHONIOENCODING=ascii) are replaced by "?", never a
    crash. Python sets a stream closed at start-up (`>&-`) to None.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    if sys.stdout is None:
        return "standard output is closed; lstm-quiz has nowhere to write (drop '>&-')"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    closed = setup_output()
    if closed is not None:
        if sys.stderr is not None:
            print(f"lstm-quiz: error: {closed}", file=sys.stderr)
        return 2
    if argv in ([], ["-h"], ["--help"]):
        print(top_level_help(), end="")
        return 0 if argv else 2
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(command if command in COMMANDS else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args._run(args))
    except LstmQuizError as error:
        print(f"lstm-quiz: error: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("lstm-quiz: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error worth a traceback.
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
