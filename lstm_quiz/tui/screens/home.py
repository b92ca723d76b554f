"""Home: what is due today, new questions left, the streak, and where to go."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Digits, Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from lstm_quiz.session.context import HomeInfo, Practice
from lstm_quiz.session.format import pad
from lstm_quiz.session.texts import text
from lstm_quiz.tui.localized import LocalizedBindings

MENU = ("review", "learn", "mock", "exercises", "stats")
MENU_KEYS = {"review": "r", "learn": "n", "mock": "m", "exercises": "e", "stats": "s"}


class HomeScreen(LocalizedBindings, Screen[None]):
    BINDINGS = [
        Binding("r", "go('review')", "Review"),
        Binding("n", "go('learn')", "Learn"),
        Binding("m", "go('mock')", "Mock"),
        Binding("e", "go('exercises')", "Exercises"),
        Binding("s", "go('stats')", "Stats"),
        Binding("t", "app.pick_topics", "Topics"),
        Binding("l", "app.toggle_language", "中/En"),
        Binding("d", "app.toggle_theme", "Theme", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice
        self.info: HomeInfo | None = None

    def compose(self) -> ComposeResult:
        lang = self.practice.lang
        with Vertical(id="home"):
            yield Static(
                Content.assemble(
                    (text(lang, "app_title"), "bold $text-primary"),
                    ("   " + text(lang, "app_subtitle"), "$text-muted"),
                ),
                id="home-title",
            )
            with Horizontal(id="today"):
                for name in ("due", "new", "streak"):
                    with Vertical(classes="today-figure", id=f"today-{name}"):
                        yield Digits("0", id=f"digits-{name}")
                        yield Label("", id=f"label-{name}")
            yield Static("", id="home-due")
            yield OptionList(id="menu")
            yield Static("", id="home-filters")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._language_changed, init=False)
        self.call_after_refresh(_prefetch_question_screen)

    def on_screen_resume(self) -> None:
        self.refresh_figures()

    async def _language_changed(self) -> None:
        await self.recompose()
        self.refresh_figures()

    def refresh_figures(self) -> None:
        """Read the figures again (after a session, a suspension, a new day)."""
        lang = self.practice.lang
        info = self.info = self.practice.home()
        self.query_one("#digits-due", Digits).update(str(info.due_today))
        self.query_one("#digits-new", Digits).update(str(info.new_left))
        self.query_one("#digits-streak", Digits).update(str(info.streak_days))
        self.query_one("#label-due", Label).update(text(lang, "fig_due"))
        self.query_one("#label-new", Label).update(text(lang, "fig_new"))
        self.query_one("#label-streak", Label).update(
            text(lang, "fig_streak") if info.streak_days else text(lang, "streak_none")
        )
        self.query_one("#today-due").set_class(info.due_today > 0, "-due")
        menu = self.query_one("#menu", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_options([self._option(name, info) for name in MENU])
        if highlighted is None:
            highlighted = 0 if info.due_now else 1
        menu.highlighted = highlighted
        # "due today" counts the whole day; the review menu, what is due this minute.
        later = max(0, info.due_today - info.due_now)
        self.query_one("#home-due", Static).update(
            Content.styled(
                text(lang, "due_split", today=info.due_today, now=info.due_now, later=later)
                if info.due_today
                else text(lang, "due_split_none"),
                "$text-muted",
            )
        )
        from lstm_quiz.tui.screens.topics import describe_filters

        filters = describe_filters(self.practice)
        self.query_one("#home-filters", Static).update(
            Content.styled(text(lang, "filters_active", filters=filters), "bold $text-warning")
            if filters
            else ""
        )

    def _option(self, name: str, info: HomeInfo) -> Option:
        lang = self.practice.lang
        filters = self.practice.filters
        if name == "review":
            detail = (
                text(lang, "menu_review_detail", n=min(info.due_now, filters.count))
                if info.due_now
                else text(lang, "menu_review_none")
            )
        elif name == "learn":
            detail = (
                text(
                    lang, "menu_learn_detail", n=min(info.new_now, filters.count), left=info.new_now
                )
                if info.new_now
                else text(lang, "menu_learn_none")
            )
        elif name == "mock":
            count = min(filters.mock_count, info.mock_pool)
            minutes = int(self.practice.mock_time_limit(count).total_seconds() // 60)
            detail = text(lang, "menu_mock_detail", n=count, minutes=minutes)
        else:
            detail = text(lang, f"menu_{name}_detail")
        prompt = Content.assemble(
            (f" {MENU_KEYS[name]} ", "bold $text-accent"),
            " ",
            (pad(text(lang, f"menu_{name}"), 16), "bold"),
            (detail, "$text-muted"),
        )
        return Option(prompt, id=name)

    @on(OptionList.OptionSelected, "#menu")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.action_go(event.option.id)

    def action_go(self, name: str) -> None:
        lang = self.practice.lang
        if name in ("stats", "exercises"):
            self.app.switch_mode(name)
            return
        kind = {"review": "review", "learn": "learn", "mock": "mock"}[name]
        session = self.practice.start(kind)  # type: ignore[arg-type]
        if not session.total:
            message = {"review": "nothing_due", "learn": "nothing_new", "mock": "nothing_mock"}[
                name
            ]
            self.notify(text(lang, message), severity="warning")
            return
        from lstm_quiz.tui.screens.question import QuestionScreen

        self.app.push_screen(QuestionScreen(self.practice, session))


def _prefetch_question_screen() -> None:
    """Import the question screen (Markdown, code highlighting) while the home screen is read.

    Started after the first paint, in a thread: the home screen shows no
    sooner or later for it, and the first question comes ~0.1 s sooner.
    """
    import threading

    def load() -> None:
        from pygments.lexers import get_lexer_by_name

        import lstm_quiz.tui.screens.question  # noqa: F401

        get_lexer_by_name("python")  # the lexer of the code questions, found and loaded

    threading.Thread(target=load, name="prefetch-question-screen", daemon=True).start()
