"""The plain face of practice (`lstm-quiz practice --plain`), beside the TUI face (`tui`).

For scripts, screen readers and terminals where the TUI does not run: the
same session core (`lstm_quiz.session`) and the same progress store, on
stdin/stdout. `face` runs a session; its words are in `session.plain_words`,
beside the TUI's, because the session core takes its shared phrases from them.
"""

from __future__ import annotations

from lstm_quiz.session.plain_words import UI, default_lang, format_number

__all__ = ["UI", "default_lang", "format_number"]
