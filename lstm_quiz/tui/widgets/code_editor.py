"""The exercise screen's editor: solution.py in a TextArea, with the file on disk as the truth.

ctrl+s writes the pane to disk (the screen then grades it). A save from an
outside editor is loaded into the pane as one undoable edit, so unsaved work
typed here is one ctrl+z away rather than lost.
"""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

from textual.binding import Binding
from textual.widgets import TextArea

from lstm_quiz.coding.watch import file_signature


def external_editor() -> list[str] | None:
    """$VISUAL, else $EDITOR, else nano or vi if installed (git's order, with nano first)."""
    named = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if named:
        return shlex.split(named)
    for fallback in ("nano", "vi"):
        found = shutil.which(fallback)
        if found:
            return [found]
    return None


class SolutionEditor(TextArea):
    """Python, line numbers, 4-space indentation, undo/redo (ctrl+z / ctrl+y)."""

    BINDINGS = [
        # TextArea itself moves focus on escape in "indent" mode; this shows it in the footer.
        Binding("escape", "leave_editor", "Leave editor"),
        # Select all, so that a pasted solution replaces the starter (TextArea: line start).
        Binding("ctrl+a", "select_all", "Select all"),
    ]

    def __init__(self, path: Path, *, id: str | None = None) -> None:
        text = path.read_text(encoding="utf-8", errors="replace")
        super().__init__(
            text,
            language="python",
            theme="monokai",
            soft_wrap=False,
            tab_behavior="indent",
            show_line_numbers=True,
            id=id,
        )
        self.indent_type = "spaces"
        self.indent_width = 4
        self.path = path
        self.disk_text = text  # what the file held when the pane last matched it
        self.disk_signature = file_signature(path)

    @property
    def modified(self) -> bool:
        """Edits in the pane that are not on disk yet."""
        return self.text != self.disk_text

    def save(self) -> None:
        self.path.write_text(self.text, encoding="utf-8")
        self.disk_text = self.text
        self.disk_signature = file_signature(self.path)

    def changed_on_disk(self) -> bool:
        current = file_signature(self.path)
        return current is not None and current != self.disk_signature

    def reload(self) -> bool:
        """Take the file on disk into the pane; True when unsaved edits here were replaced.

        Replacing the whole text (not load_text) keeps the undo history.
        """
        self.disk_signature = file_signature(self.path)
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False  # mid-save by the other editor: the next poll sees the file
        conflict = self.modified and text != self.text
        self.disk_text = text
        if text != self.text:
            row, column = self.cursor_location
            self.replace(text, (0, 0), self.document.end, maintain_selection_offset=False)
            last_row = max(0, self.document.line_count - 1)
            row = min(row, last_row)
            self.move_cursor((row, min(column, len(self.document[row]))))
        return conflict

    def action_leave_editor(self) -> None:
        self.screen.focus_next()
