"""`lstm-quiz exercise NAME`: the timed coding screen as an app of its own."""

from __future__ import annotations

import argparse

from textual.app import App

from lstm_quiz.exercises.attempt import Attempt
from lstm_quiz.tui.screens.exercise import ExerciseScreen


class ExerciseApp(App[None]):
    TITLE = "lstm-quiz"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, attempt: Attempt, lang: str = "en", recovery: str | None = None) -> None:
        super().__init__()
        self.attempt = attempt
        self.lang = lang
        self.recovery = recovery

    def on_mount(self) -> None:
        self.push_screen(ExerciseScreen(self.attempt, self.lang))
        if self.recovery:
            self.notify(self.recovery, severity="warning", timeout=30)


def run_exercise(exercise, args: argparse.Namespace, lang: str) -> int:  # type: ignore[no-untyped-def]
    """Open the exercise screen; 0 when the attempt passed, 1 otherwise."""
    from lstm_quiz import paths
    from lstm_quiz.exercises.workspace import Workspace
    from lstm_quiz.review.store import ProgressStore

    data_dir = paths.data_dir(args.data_dir)
    workspace = Workspace.open(exercise, data_dir, args.workspace, lang)
    backup = workspace.reset() if args.reset else None
    store = ProgressStore.open(data_dir)
    attempt = Attempt(exercise, workspace, store)
    recovery = store.recovery.message if store.recovery else None
    try:
        ExerciseApp(attempt, lang, recovery).run()
    finally:
        attempt.finish()
        store.close()
    if backup is not None:
        print(f"the starter was restored; your previous file is kept as {backup}")
    return 0 if attempt.passed_at is not None else 1
