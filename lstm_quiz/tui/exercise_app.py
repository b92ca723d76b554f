"""`lstm-quiz exercise [NAME]`: the exercise picker, or one timed attempt, as an app of its own."""

from __future__ import annotations

import argparse

from textual.app import App
from textual.reactive import reactive
from textual.screen import Screen

from lstm_quiz.coding.attempt import Attempt
from lstm_quiz.coding.catalog import ExerciseCatalog


class ExerciseApp(App[None]):
    """Opens on one attempt (`attempt`) or on the picker (`catalog`)."""

    CSS_PATH = "app.tcss"
    TITLE = "lstm-quiz"
    ENABLE_COMMAND_PALETTE = False

    lang: reactive[str] = reactive("en")

    def __init__(
        self,
        attempt: Attempt | None = None,
        lang: str = "en",
        recovery: str | None = None,
        *,
        catalog: ExerciseCatalog | None = None,
    ) -> None:
        super().__init__()
        if (attempt is None) == (catalog is None):
            raise ValueError("ExerciseApp needs an attempt or a catalog")
        self.attempt = attempt
        self.catalog = catalog
        self.set_reactive(ExerciseApp.lang, lang)
        self.recovery = recovery

    def get_default_screen(self) -> Screen[None]:
        # The first screen is the bottom of the stack: leaving it ends the app.
        if self.attempt is not None:
            from lstm_quiz.tui.screens.exercise import ExerciseScreen

            return ExerciseScreen(self.attempt, self.lang)
        from lstm_quiz.tui.screens.exercises import ExercisesScreen

        assert self.catalog is not None
        return ExercisesScreen(self.catalog, standalone=True)

    def on_mount(self) -> None:
        if self.recovery:
            self.notify(self.recovery, severity="warning", timeout=30)


def run_exercise(exercise, args: argparse.Namespace, lang: str) -> int:  # type: ignore[no-untyped-def]
    """Open the exercise screen; 0 when the attempt passed, 1 otherwise."""
    from lstm_quiz import paths
    from lstm_quiz.exercises.workspace import Workspace
    from lstm_quiz.review.store import ProgressStore

    data_dir = paths.data_dir(args.data_dir)
    exercise.require_framework()
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


def run_picker(args: argparse.Namespace, lang: str) -> int:
    """The picker: every exercise with its status and best time; Enter starts one."""
    from lstm_quiz import paths
    from lstm_quiz.review.store import ProgressStore

    data_dir = paths.data_dir(args.data_dir)
    store = ProgressStore.open(data_dir)
    recovery = store.recovery.message if store.recovery else None
    try:
        catalog = ExerciseCatalog(store, data_dir, args.exercises)
        ExerciseApp(lang=lang, recovery=recovery, catalog=catalog).run()
    finally:
        store.close()
    return 0
