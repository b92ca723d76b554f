"""Moved: the plain face lives in `lstm_quiz.plain` (beside `lstm_quiz.tui`).

Kept so that existing imports (`from lstm_quiz.practice_plain import
format_number`...) go on working.
"""

from __future__ import annotations

from lstm_quiz.plain.texts import QUIT_WORDS, UI, default_lang, format_number

__all__ = ["QUIT_WORDS", "UI", "default_lang", "format_number"]
