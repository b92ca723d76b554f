"""The practice app: three modes (home, stats, exercises) over one `Practice`.

Sessions (question screens, then a summary) are pushed on the home mode's
stack. The language and the theme are app-wide and kept in the progress
store's settings; screens watch `lang` and redraw themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from lstm_quiz.session.context import THEME_SETTING, Practice
from lstm_quiz.session.texts import other_lang, text
from lstm_quiz.tui.localized import LocalizedBindings

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


class QuizApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "lstm-quiz"
    DEFAULT_MODE = "home"
    BINDINGS = [
        Binding("f2", "toggle_language", "Language", show=False),
        Binding("f3", "toggle_theme", "Theme", show=False),
        Binding("question_mark", "help", "Help"),
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
        for screen in self.screen_stack:
            screen.refresh_bindings()  # the footers name their keys in the new language
        self.notify(text(lang, "language_set"), timeout=2)

    def action_help(self) -> None:
        """Every key of the current screen and of the app (? again or Esc closes it)."""
        from lstm_quiz.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        elif isinstance(self.screen, LocalizedBindings):
            self.push_screen(HelpScreen(self.screen))

    def action_pick_topics(self) -> None:
        from lstm_quiz.tui.screens.topics import TopicPicker

        if not isinstance(self.screen, TopicPicker):
            self.push_screen(TopicPicker(self.practice))

    def action_put_away(self) -> None:
        """The suspended and buried cards, to restore one (Stats › p, or the palette)."""
        from lstm_quiz.tui.screens.put_away import PutAwayScreen

        if not isinstance(self.screen, PutAwayScreen):
            self.push_screen(PutAwayScreen(self.practice))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # App is invariant in its result type
            placeholder = text(self.practice.lang, "palette_placeholder")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The practice commands for the palette (ctrl+p), in the learner's language."""
        lang = self.practice.lang

        def command(name: str, callback) -> SystemCommand:  # type: ignore[no-untyped-def]
            return SystemCommand(
                text(lang, f"cmd_{name}"), text(lang, f"cmd_{name}_help"), callback
            )

        # Sessions start from a mode's own screen, never on top of a running session.
        # (The palette is itself on the stack: a mode's screen, then the palette.)
        if len(self.screen_stack) <= 2:
            for name in ("review", "learn", "mock", "stats", "exercises"):
                yield command(name, lambda name=name: self._go(name))
            yield command("topics", self.action_pick_topics)
            yield command("put_away", self.action_put_away)
        yield command("language", self.action_toggle_language)
        yield command("theme", self.action_toggle_theme)
        yield command("help", self.action_help)
        yield command("quit", self.action_quit)

    def _go(self, name: str) -> None:
        """Do what the home screen's menu entry `name` does, from any mode."""
        from lstm_quiz.tui.screens.home import HomeScreen

        if name in ("stats", "exercises"):
            self.switch_mode(name)
            return

        def start() -> None:
            if isinstance(self.screen, HomeScreen):
                self.screen.action_go(name)

        if self.current_mode != "home":
            self.switch_mode("home")
        self.call_later(start)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME
        self.practice.set_setting(THEME_SETTING, self.theme)
