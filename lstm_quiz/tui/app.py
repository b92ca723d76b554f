"""The practice app: three modes (home, stats, exercises) over one `Practice`.

Sessions (question screens, then a summary) are pushed on the home mode's
stack. The language and the theme are app-wide and kept in the progress
store's settings; screens watch `lang` and redraw themselves.
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from lstm_quiz.session.context import THEME_SETTING, Practice
from lstm_quiz.session.texts import other_lang, text

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


class QuizApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "lstm-quiz"
    DEFAULT_MODE = "home"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("f2", "toggle_language", "Language", show=False),
        Binding("f3", "toggle_theme", "Theme", show=False),
    ]

    lang: reactive[str] = reactive("en")

    def __init__(self, practice: Practice, *, recovery: str | None = None) -> None:
        super().__init__()
        self.practice = practice
        self.recovery = recovery
        self.set_reactive(QuizApp.lang, practice.lang)
        self.add_mode("stats", self._stats_screen)
        self.add_mode("exercises", self._exercises_screen)

    # Screens are imported when first shown: the home screen alone is on the start-up path.
    # The home screen starts as the default screen, not as an added mode: Textual
    # re-parses every stylesheet when an added mode starts (~20 ms at start-up).
    # "home" is added once it runs, so that switch_mode("home") finds it.
    def get_default_screen(self) -> Screen[None]:
        from lstm_quiz.tui.screens.home import HomeScreen

        return HomeScreen(self.practice)

    def _stats_screen(self) -> Screen[None]:
        from lstm_quiz.tui.screens.stats import StatsScreen

        return StatsScreen(self.practice)

    def _exercises_screen(self) -> Screen[None]:
        from lstm_quiz.tui.screens.exercises import ExercisesScreen

        return ExercisesScreen(self.practice.exercise_catalog())

    def on_mount(self) -> None:
        self.add_mode("home", self.get_default_screen)
        theme = self.practice.setting(THEME_SETTING)
        if theme in (DARK_THEME, LIGHT_THEME):
            self.theme = theme
        if self.recovery:
            self.notify(
                self.recovery,
                title=text(self.practice.lang, "recovery_title"),
                severity="warning",
                timeout=30,
            )

    def action_toggle_language(self) -> None:
        lang = other_lang(self.practice.lang)
        self.practice.set_lang(lang)
        self.lang = lang
        self.notify(text(lang, "language_set"), timeout=2)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME
        self.practice.set_setting(THEME_SETTING, self.theme)
