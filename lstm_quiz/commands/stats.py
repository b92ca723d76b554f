"""`lstm-quiz stats`: the figures of the TUI's Stats screen, printed (or as JSON)."""

from __future__ import annotations

import argparse
import sys

TYPE_CHECKING = False

HELP = "your progress: due reviews, mastery per topic, streak"
DESCRIPTION = """\
Your progress, as the practice app's Stats screen shows it: what is due
today, new questions left, your streak, mastery per topic (the share of a
topic's questions you remember for three weeks or more), reviews per day
over the last 12 weeks, the reviews due in the next 14 days, and leeches
(questions answered wrong 6 times or more).
"""
EPILOG = """\
Examples:
  lstm-quiz stats
  lstm-quiz stats --json | jq .mastery
  lstm-quiz stats --lang zh --data-dir ~/class-progress
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--lang",
        choices=("en", "zh"),
        help="language of the labels and topic titles (default: your practice setting)",
    )


def run(args: argparse.Namespace) -> int:
    import json
    import shutil

    from lstm_quiz.bank.loader import load_bank
    from lstm_quiz.paths import data_dir
    from lstm_quiz.review.store import ProgressStore
    from lstm_quiz.session.report import build_report, report_json, report_text

    if TYPE_CHECKING:
        from lstm_quiz.bank.models import Lang

    bank = load_bank(args.bank)
    # Stats only read: a read-only data folder is opened read-only, not refused.
    with ProgressStore.open(data_dir(args.data_dir), allow_read_only=True) as store:
        if store.recovery is not None:
            print(f"lstm-quiz: warning: {store.recovery.message}", file=sys.stderr)
        lang: Lang = args.lang or ("zh" if store.get_setting("language", None) == "zh" else "en")
        report = build_report(bank, store, lang)
    if args.json:
        print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
        return 0
    width = min(100, shutil.get_terminal_size((80, 24)).columns)
    sys.stdout.write(report_text(report, lang, width))
    return 0
