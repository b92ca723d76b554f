"""The timed coding screen: the task, an editor, a clock, and a verdict on every save.

Thin over `lstm_quiz.coding.attempt.Attempt`. Three panes side by side
(task | code | results); below 110 columns one at a time, ctrl+o moving on.
The file on disk is the truth: ctrl+s writes the editor's text to it, a save
from any other editor is loaded into the pane, and each grading is of a copy
taken when it starts (a save during a slow grading cancels it and grades the
new version).
"""

from __future__ import annotations

import subprocess
from datetime import timedelta
from typing import cast

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import ActiveBinding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Markdown, Static

from lstm_quiz.coding.attempt import Attempt, Snapshot, clock
from lstm_quiz.grading.results import GradingResult
from lstm_quiz.tui.widgets.code_editor import SolutionEditor, external_editor
from lstm_quiz.tui.widgets.exercise_dialogs import Confirm
from lstm_quiz.tui.widgets.exercise_keys import EXERCISE_BINDINGS, WIDE_FROM, localized
from lstm_quiz.tui.widgets.exercise_labels import label, shown_path
from lstm_quiz.tui.widgets.exercise_results import ResultsPane, pass_line

WATCH_SECONDS = 0.1
NARROW_BELOW = WIDE_FROM  # columns: fewer keys shown, and the panes one at a time
PANES = ("exercise-prompt", "exercise-code", "exercise-side")
PANE_LABELS = ("task", "code", "results")
# Keys that are letters: typed into the editor when it has focus, so not offered there.
LETTER_ACTIONS = {"edit", "grade", "hint", "give_up", "quit_app", "leave"}


class ExerciseScreen(Screen[None]):
    BINDINGS = EXERCISE_BINDINGS

    def __init__(self, attempt: Attempt, lang: str = "en") -> None:
        super().__init__()
        self.attempt = attempt
        self.lang = lang
        self._in_flight = 0  # gradings started and not yet shown
        self._asking = False  # the continue / start over question is open
        self._verdict = ""  # short, for the pane bar when one pane shows at a time

    # -- layout

    def compose(self) -> ComposeResult:
        exercise = self.attempt.exercise
        solution = self.attempt.workspace.solution
        with Horizontal(id="exercise-header"):
            yield Static(Text(exercise.title.get(self.lang), "bold"), id="exercise-title")
            yield Static(id="exercise-clock")
        yield Static(id="exercise-panes")
        with Horizontal(id="exercise-body"):
            with VerticalScroll(id="exercise-prompt", classes="pane -current"):
                yield Markdown(exercise.prompt(self.lang), id="exercise-task")
                yield Markdown("", id="exercise-hints")
            with Vertical(id="exercise-code", classes="pane"):
                # Where the file is, to open it in any editor too.
                yield Static(Text(shown_path(solution), "dim"), id="exercise-path")
                yield SolutionEditor(solution, id="exercise-editor")
            yield ResultsPane(self.lang, id="exercise-side", classes="pane")
        yield Footer()

    def on_mount(self) -> None:
        self._set_titles()
        narrow = self.app.size.width < NARROW_BELOW
        self.set_class(narrow, "-narrow")
        # Wide: straight to the code. Narrow: the task first, ctrl+o to the code.
        if narrow:
            self.query_one("#exercise-prompt").focus()
        else:
            self.query_one(SolutionEditor).focus()
        self.attempt.start_grader()
        self._tick()
        self.set_interval(1.0, self._tick)
        self.set_interval(WATCH_SECONDS, self._check_for_save)
        if self.attempt.opened_on_earlier_work and self.attempt.last_result is None:
            self._ask_continue_or_start_over()
        else:
            self.action_grade()

    def on_unmount(self) -> None:
        self.attempt.finish()  # however the screen goes (quit, crash): record it, stop the grader

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")
        self._show_pane_bar()
        self.refresh_bindings()  # the footer shows fewer keys when narrow

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        in_editor = isinstance(self.focused, SolutionEditor)
        width = self.app.size.width
        return localized(super().active_bindings, self.lang, width, in_editor=in_editor)

    def action_help(self) -> None:
        from lstm_quiz.tui.screens.help import HelpScreen

        # From the editor: list the screen's keys as they are outside it (the letters), then
        # give the editor its focus back.
        before = self.focused
        if isinstance(before, SolutionEditor):
            self.set_focus(None)
        self.app.push_screen(
            HelpScreen(cast("Screen[object]", self)), lambda _: self.set_focus(before)
        )

    def _set_titles(self) -> None:
        for pane_id, key in zip(PANES, PANE_LABELS, strict=True):
            self.query_one(f"#{pane_id}").border_title = label(self.lang, key)

    def _show_pane_bar(self) -> None:
        current = self._current_pane()
        bar = Text()
        for pane_id, key in zip(PANES, PANE_LABELS, strict=True):
            name = label(self.lang, key)
            if key == "results" and self._verdict:
                name += f" ({self._verdict})"
            bar.append(f" {name} ", "bold reverse" if pane_id == current else "dim")
            bar.append(" ")
        bar.append("  " + label(self.lang, "next_pane"), "dim italic")
        self.query_one("#exercise-panes", Static).update(bar)

    # -- moving between panes

    def _current_pane(self) -> str:
        for pane_id in PANES:
            if self.query_one(f"#{pane_id}").has_class("-current"):
                return pane_id
        return PANES[0]

    def _show_pane(self, pane_id: str, *, focus: bool = True) -> None:
        for other in PANES:
            self.query_one(f"#{other}").set_class(other == pane_id, "-current")
        if focus:
            target: Widget = self.query_one(f"#{pane_id}")
            if pane_id == "exercise-code":
                target = self.query_one(SolutionEditor)
            elif pane_id == "exercise-side":
                target = self.query_one(DataTable)
            target.focus()
        self._show_pane_bar()

    def action_next_pane(self) -> None:
        focused = self.focused
        here = self._current_pane()
        for pane_id in PANES:
            if focused is not None and self.query_one(f"#{pane_id}") in (
                focused,
                *focused.ancestors,
            ):
                here = pane_id
        self._show_pane(PANES[(PANES.index(here) + 1) % len(PANES)])

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        for pane_id in PANES:
            pane = self.query_one(f"#{pane_id}")
            inside = pane is event.widget or pane in event.widget.ancestors
            if inside and not pane.has_class("-current"):
                self._show_pane(pane_id, focus=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # These letters are typed into the editor; leave it first (escape). None, not False:
        # disabled there, kept out of the footer, but still listed by `?` help.
        if action in LETTER_ACTIONS and isinstance(self.focused, SolutionEditor):
            return None
        return True

    # -- the clock

    def _tick(self) -> None:
        remaining = self.attempt.remaining()
        over = remaining < timedelta(0)
        if self.attempt.clock_stopped:
            word = label(self.lang, "stopped")
        else:
            word = label(self.lang, "over" if over else "left")
        clock_widget = self.query_one("#exercise-clock", Static)
        clock_widget.update(Text(f"{clock(remaining)} {word}", "bold red" if over else "bold"))
        clock_widget.set_class(over, "over-time")

    # -- the file: saved here, or changed outside

    def action_save(self) -> None:
        editor = self.query_one(SolutionEditor)
        editor.save()
        self.notify(label(self.lang, "saved"), timeout=2)
        self.action_grade()

    def _check_for_save(self) -> None:
        editor = self.query_one(SolutionEditor)
        if editor.changed_on_disk():
            conflict = editor.reload()
            key = "conflict" if conflict else "reloaded"
            self.notify(label(self.lang, key), severity="warning" if conflict else "information")
            self.action_grade()

    # -- grading: always of one version, the newest

    def action_grade(self) -> None:
        if self._asking:
            return
        try:
            snapshot = self.attempt.snapshot()
        except OSError as error:  # the file is gone or unreadable: say so, keep the screen
            self._show_error(str(error))
            return
        if self._in_flight:
            self.attempt.cancel_grading()  # the older version's verdict no longer matters
        self._in_flight += 1
        status = label(self.lang, "running_version", version=snapshot.version)
        self.query_one(ResultsPane).set_status(Text(status, "italic"))
        self._grade_in_background(snapshot)

    @work(thread=True, group="grading")
    def _grade_in_background(self, snapshot: Snapshot) -> None:
        try:
            result = self.attempt.grade_version(snapshot)
        except Exception as error:
            self.app.call_from_thread(self._graded, snapshot, None, str(error))
            return
        self.app.call_from_thread(self._graded, snapshot, result, "")

    def _graded(self, snapshot: Snapshot, result: GradingResult | None, error: str) -> None:
        self._in_flight -= 1
        if not self.attempt.is_newest(snapshot):
            return  # overtaken by a newer save, which is being graded
        if result is None:
            self._show_error(error)
        else:
            self._show_result(result, snapshot)

    def _show_error(self, message: str) -> None:
        self.query_one(ResultsPane).set_status(Text(message, "red"))

    def _show_result(self, result: GradingResult, snapshot: Snapshot) -> None:
        pane = self.query_one(ResultsPane)
        pane.show(result)
        at = clock(snapshot.taken_at - self.attempt.started_at)
        version = label(self.lang, "version", version=snapshot.version, at=at)
        if result.passed:
            self._verdict = "✓ " + label(self.lang, "passed_short", n=len(result.tests))
            if self.attempt.unchanged_pass:
                version += "\n" + label(self.lang, "unchanged_pass")
            pane.set_status(pass_line(self.lang, self.attempt, result), version)
            if self.attempt.reference_unlocked:
                self._show_reference()
        else:
            line = label(
                self.lang, "failed", passed=result.passed_count, failed=result.failed_count
            )
            self._verdict = "✗ " + line
            pane.set_status(Text(line, "bold red"), version)
        self._tick()
        self._show_pane_bar()

    # -- opening on earlier work

    def _ask_continue_or_start_over(self) -> None:
        self._asking = True

        def answered(start_over: bool | None) -> None:
            self._asking = False
            if start_over:
                backup = self.attempt.start_over()
                self.query_one(SolutionEditor).reload()
                if backup is not None:
                    name = backup.name
                    self.notify(label(self.lang, "reset_done", backup=name), timeout=8)
            self._tick()
            self.action_grade()

        question = Confirm(
            label(self.lang, "reopen_question"),
            label(self.lang, "start_over"),
            label(self.lang, "continue"),
        )
        self.app.push_screen(question, answered)

    # -- hints, giving up, the reference

    async def action_hint(self) -> None:
        hint = self.attempt.next_hint()
        if hint is None:
            self.notify(label(self.lang, "no_more_hints"), timeout=3)
            return
        shown = self.attempt.exercise.hints[: self.attempt.hints_shown]
        total = len(self.attempt.exercise.hints)
        blocks = [
            f"### {label(self.lang, 'hint', i=i + 1, n=total)}\n\n{h.get(self.lang)}"
            for i, h in enumerate(shown)
        ]
        await self._show_in_task("\n\n".join(blocks), last_heading=True)

    async def _show_in_task(self, markdown: str, *, last_heading: bool = False) -> None:
        """Put text under the task and scroll to it once it is laid out."""
        self._show_pane("exercise-prompt", focus=False)
        hints = self.query_one("#exercise-hints", Markdown)
        await hints.update(markdown)
        headings = list(hints.query("MarkdownH3")) if last_heading else []
        target = headings[-1] if headings else hints
        prompt = self.query_one("#exercise-prompt", VerticalScroll)
        self.call_after_refresh(prompt.scroll_to_widget, target, animate=False, top=True)

    def action_give_up(self) -> None:
        if self.attempt.reference_unlocked:
            self.run_worker(self._show_reference_now())
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.attempt.give_up()
                self._tick()
                self._show_reference()

        question = Confirm(
            label(self.lang, "give_up"), label(self.lang, "yes"), label(self.lang, "no")
        )
        self.app.push_screen(question, answered)

    def _show_reference(self) -> None:
        self.run_worker(self._show_reference_now())

    async def _show_reference_now(self) -> None:
        source = self.attempt.reference_source()
        heading = label(self.lang, "reference")
        await self._show_in_task(f"### {heading}\n\n```python\n{source}\n```")

    def action_reset(self) -> None:
        def answered(confirmed: bool | None) -> None:
            if confirmed:
                backup = self.attempt.workspace.reset()
                name = backup.name if backup else ""
                self.notify(label(self.lang, "reset_done", backup=name), timeout=8)
                self._check_for_save()

        question = Confirm(
            label(self.lang, "reset_question"),
            label(self.lang, "reset"),
            label(self.lang, "keep_file"),
        )
        self.app.push_screen(question, answered)

    # -- an outside editor

    def action_edit(self) -> None:
        path = self.attempt.workspace.solution
        command = external_editor()
        if command is None:
            self.notify(label(self.lang, "no_editor", path=path), timeout=8)
            return
        editor = self.query_one(SolutionEditor)
        if editor.modified:
            editor.save()  # the outside editor opens what the pane shows
        try:
            with self.app.suspend():
                subprocess.run([*command, str(path)], check=False)
        except SuspendNotSupported:  # e.g. served in a browser: the terminal is not ours to lend
            self.notify(label(self.lang, "no_editor", path=path), timeout=8)
            return
        except OSError as error:  # the editor named in $EDITOR is not there
            self.notify(f"{command[0]}: {error.strerror or error}", severity="error", timeout=8)
            return
        self._check_for_save()

    # -- leaving

    def action_leave(self) -> None:
        self.attempt.finish()
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()

    def action_quit_app(self) -> None:
        self.attempt.finish()
        self.app.exit()
