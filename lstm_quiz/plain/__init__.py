"""The plain face of practice (`lstm-quiz practice --plain`), beside the TUI face (`tui`).

For scripts, screen readers and terminals where the TUI does not run: the
same session core (`lstm_quiz.session`) and the same progress store, on
stdin/stdout. `face` runs a session, `texts` holds its words.
"""

from __future__ import annotations

from lstm_quiz.plain.texts import UI, default_lang, format_number

__all__ = ["UI", "default_lang", "format_number"]
