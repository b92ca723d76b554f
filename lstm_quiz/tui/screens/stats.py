"""Stats: key figures, mastery bars, reviews per day, the due forecast, leeches (unsuspend)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Sparkline, Static

from lstm_quiz.review.stats import ACCURACY_DAYS
from lstm_quiz.review.store import LEECH_THRESHOLD
from lstm_quiz.session.context import Practice
from lstm_quiz.session.format import format_duration
from lstm_quiz.session.report import StatsReport, maturity_lines
from lstm_quiz.session.texts import text
from lstm_quiz.tui.localized import LocalizedBindings, question_name
from lstm_quiz.tui.widgets.charts import ColumnChart, Figure, TopicBars

WEEKDAYS = {
    "en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"),
    "zh": ("一", "二", "三", "四", "五", "六", "日"),
}


class StatsScreen(LocalizedBindings, Screen[None]):
    # The card counts line up with the section titles and bars above them.
    DEFAULT_CSS = """
    StatsScreen #maturity { padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape,h", "home", "Home"),
        Binding("p", "app.put_away", "Suspended"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice
        self.report: StatsReport | None = None

    def compose(self) -> ComposeResult:
        lang = self.practice.lang
        with VerticalScroll(id="stats-body"):
            yield Static("", id="stats-title", classes="screen-title")
            with Horizontal(classes="figures"):
                yield Figure("", "", id="fig-due")
                yield Figure("", "", id="fig-new")
                yield Figure("", "", id="fig-streak")
                yield Figure("", "", id="fig-reviews")
            yield Static(text(lang, "mastery_title"), classes="section-title")
            yield TopicBars(id="mastery")
            yield Static(text(lang, "maturity_title"), classes="section-title")
            yield Static("", id="maturity")
            yield Static("", id="accuracy-title", classes="section-title")
            yield Static("", id="accuracy-none", classes="muted")
            yield TopicBars(id="accuracy")
            yield Static("", id="reviews-title", classes="section-title")
            yield Sparkline([], id="reviews-chart")
            with Horizontal(id="reviews-axis"):
                yield Static("", id="axis-from")
                yield Static("", id="axis-to")
            yield Static("", id="reviews-line", classes="muted")
            yield Static("", id="forecast-title", classes="section-title")
            yield ColumnChart(id="forecast")
            yield Static(text(lang, "leeches_title", n=LEECH_THRESHOLD), classes="section-title")
            yield Static("", id="leeches-none", classes="muted")
            yield DataTable(id="leeches", cursor_type="row", zebra_stripes=True)
            yield Static(text(lang, "leech_toggle"), id="leech-hint", classes="muted")
            yield Static(text(lang, "attempts_title"), classes="section-title")
            yield Static(text(lang, "attempts_none"), id="attempts-none", classes="muted")
            yield DataTable(id="attempts", cursor_type="none", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._language_changed, init=False)

    def on_screen_resume(self) -> None:
        self.load()

    async def _language_changed(self) -> None:
        await self.recompose()
        self.load()

    def _fill_maturity(self, report: StatsReport) -> None:
        """Cards by state (new / learning / young / mature), and recent accuracy per topic."""
        lang = self.practice.lang
        _title, *lines = maturity_lines(report, lang)
        self.query_one("#maturity", Static).update("\n".join(line.strip() for line in lines))
        self.query_one("#accuracy-title", Static).update(
            text(lang, "accuracy_title", days=ACCURACY_DAYS)
        )
        rows = report.stats.accuracy
        none = self.query_one("#accuracy-none", Static)
        none.update(text(lang, "accuracy_none", days=ACCURACY_DAYS))
        none.display = not rows
        bars = self.query_one("#accuracy", TopicBars)
        bars.display = bool(rows)
        bars.set_rows(
            [(report.title(a.topic), a.fraction, f"{a.right}/{a.answered}") for a in rows]
        )

    def load(self) -> None:
        """Read the figures again from the store and show them."""
        lang = self.practice.lang
        report = self.report = self.practice.report()
        stats = report.stats
        self.query_one("#stats-title", Static).update(
            Content.assemble(
                (text(lang, "stats_title"), "bold"),
                "  ·  ",
                (stats.today.isoformat(), "$text-muted"),
            )
        )
        figures = {
            "#fig-due": (stats.due_today, text(lang, "fig_due")),
            "#fig-new": (stats.new_left, text(lang, "fig_new")),
            "#fig-streak": (stats.streak_days, text(lang, "fig_streak")),
            "#fig-reviews": (report.reviews_total, text(lang, "fig_reviews", weeks=report.weeks)),
        }
        for selector, (value, label) in figures.items():
            self.query_one(selector, Figure).set_figure(str(value), label)
        self.query_one("#mastery", TopicBars).set_rows(
            [
                (
                    report.title(m.topic),
                    m.fraction,
                    text(lang, "mastery_line", mastered=m.mastered, total=m.total, seen=m.seen),
                )
                for m in stats.mastery
            ]
        )
        self._fill_maturity(report)
        self.query_one("#reviews-title", Static).update(
            text(lang, "reviews_title", weeks=report.weeks)
        )
        self.query_one("#reviews-chart", Sparkline).data = [d.count for d in stats.reviews_per_day]
        first, last = stats.reviews_per_day[0].day, stats.reviews_per_day[-1].day
        self.query_one("#axis-from", Static).update(first.isoformat())
        self.query_one("#axis-to", Static).update(last.isoformat())
        self.query_one("#reviews-line", Static).update(
            text(
                lang,
                "reviews_line",
                total=report.reviews_total,
                weeks=report.weeks,
                week=report.reviews_last_week,
                best=report.best_day,
            )
        )
        self.query_one("#forecast-title", Static).update(
            text(lang, "forecast_title", days=len(stats.forecast))
        )
        days = WEEKDAYS.get(lang, WEEKDAYS["en"])
        self.query_one("#forecast", ColumnChart).set_data(
            [d.count for d in stats.forecast], [days[d.day.weekday()] for d in stats.forecast]
        )
        self._fill_leeches(report)
        self._fill_attempts(report)

    def _fill_leeches(self, report: StatsReport) -> None:
        lang = self.practice.lang
        table = self.query_one("#leeches", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_columns(
            text(lang, "col_question"), text(lang, "col_wrong"), text(lang, "col_status")
        )
        for row in report.leeches:
            status = (
                Text(text(lang, "leech_suspended"), "yellow")
                if row.suspended
                else Text(text(lang, "leech_active"), "green")
            )
            table.add_row(
                Text.assemble((row.question_id, "bold"), "\n", (row.prompt, "dim")),
                f"×{row.wrong_count}",
                status,
                key=row.question_id,
                height=2,
            )
        has_leeches = bool(report.leeches)
        # A fixed height: DataTable's "auto" height stays 0 when rows come after mounting.
        table.styles.height = min(1 + 2 * len(report.leeches), 15)
        table.display = has_leeches
        self.query_one("#leech-hint").display = has_leeches
        none = self.query_one("#leeches-none", Static)
        none.display = not has_leeches
        none.update(text(lang, "leeches_none", n=LEECH_THRESHOLD))
        if has_leeches:
            table.move_cursor(row=min(cursor, len(report.leeches) - 1))

    def _fill_attempts(self, report: StatsReport) -> None:
        lang = self.practice.lang
        table = self.query_one("#attempts", DataTable)
        table.clear(columns=True)
        table.add_columns(
            text(lang, "col_exercise"),
            text(lang, "col_attempts"),
            text(lang, "col_passes"),
            text(lang, "col_best"),
            text(lang, "col_last"),
        )
        for exercise_id, progress in report.exercises.items():
            best = format_duration(progress.best, lang) if progress.best is not None else "–"
            last = text(lang, f"outcome_{progress.last_outcome}")
            when = progress.last_at.date().isoformat() if progress.last_at else ""
            table.add_row(
                Text(exercise_id, "bold"),
                str(progress.attempts),
                Text(str(progress.passes), "green" if progress.passes else "dim"),
                best,
                f"{last} · {when}",
                key=exercise_id,
            )
        table.styles.height = 1 + len(report.exercises)  # see _fill_leeches
        table.display = bool(report.exercises)
        self.query_one("#attempts-none").display = not report.exercises

    @on(DataTable.RowSelected, "#leeches")
    def _toggle_leech(self, event: DataTable.RowSelected) -> None:
        question_id = str(event.row_key.value)
        leeches = self.report.leeches if self.report else []
        leech = next((row for row in leeches if row.question_id == question_id), None)
        if leech is None:
            return
        lang = self.practice.lang
        question = self.practice.bank.by_id.get(question_id)
        name = question_name(question, lang) if question is not None else question_id
        if leech.suspended:
            self.practice.unsuspend(question_id)
            self.notify(text(lang, "unsuspended", id=name), timeout=4)
        else:
            self.practice.suspend(question_id)
            self.notify(text(lang, "suspended_here", id=name), timeout=4)
        self.load()

    def action_home(self) -> None:
        self.app.switch_mode("home")
