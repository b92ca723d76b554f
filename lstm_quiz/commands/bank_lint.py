"""`lstm-quiz bank lint`: answer tells and the bank's length figures (see `bank.lint`)."""

from __future__ import annotations

import argparse
import json
import sys

from lstm_quiz.bank.problems import display_path


def run_lint(args: argparse.Namespace, extra: list[str]) -> int:
    from lstm_quiz.bank.lint import lint_bank
    from lstm_quiz.bank.loader import bank_dirs, check_paths

    if args.paths:
        report = check_paths(args.paths, context=bank_dirs(extra))
    else:
        report = check_paths(bank_dirs(extra))
    lint = lint_bank(report.questions)
    figures = lint.figures
    too_long = figures.longest_share > args.max_longest_share
    too_wide = abs(figures.multiple_gap) > args.max_multiple_gap
    failed = too_long or too_wide or bool(report.problems) or (args.strict and bool(lint.warnings))
    if args.json:
        data = {
            "warnings": [
                {
                    "path": display_path(w.path),
                    "line": w.line,
                    "question": w.question,
                    "message": w.message + (f" ({w.expected})" if w.expected else ""),
                }
                for w in lint.warnings
            ],
            "figures": figures.as_dict(),
            "thresholds": {
                "max_longest_share": args.max_longest_share,
                "max_multiple_gap": args.max_multiple_gap,
            },
            "problems": [str(p) for p in report.problems],
            "ok": not failed,
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 1 if failed else 0
    for warning in lint.warnings:
        print(warning)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.problems:
        print(
            f"{len(report.problems)} validation problems: those questions were not linted "
            "(see 'lstm-quiz bank validate')",
            file=sys.stderr,
        )
    count = len(lint.warnings)
    print(
        f"{count} warning{'s' if count != 1 else ''} in {len(report.questions)} questions "
        f"in {len(report.files)} files"
    )
    mark = {True: "over", False: "ok"}
    print(
        f"single choice: right choice strictly the longest in {figures.single_longest} of "
        f"{figures.single_questions} ({figures.longest_share:.0%}; max "
        f"{args.max_longest_share:.0%}): {mark[too_long]}"
    )
    print(
        f"multiple choice: mean length of right choices {figures.multiple_right_mean:.1f}, of "
        f"wrong ones {figures.multiple_wrong_mean:.1f} characters (gap "
        f"{figures.multiple_gap:+.0%}; max ±{args.max_multiple_gap:.0%}): {mark[too_wide]}"
    )
    return 1 if failed else 0
