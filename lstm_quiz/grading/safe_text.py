"""Learner text made safe to print, wrap, or write to CSV and JSON.

Everything a run sends (messages, type names, reprs, printed output) passes
through ``safe_text`` on the trusted side: control characters (ANSI escapes,
carriage returns, bidi overrides) are shown escaped instead of acting on the
terminal, lone surrogates become U+FFFD, and the length is capped.
"""

from __future__ import annotations

import re

MESSAGE_LIMIT = 2000
# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional
# overrides and isolates that reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: object, limit: int = MESSAGE_LIMIT, *, newlines: bool = True) -> str:
    """``text`` bounded to ``limit`` characters, with nothing that acts on a terminal."""
    value = text if isinstance(text, str) else str(text)
    cut = len(value) > limit
    value = value[:limit]
    value = _SURROGATE.sub("\ufffd", value)
    value = _UNSAFE.sub(_escape, value)
    if not newlines:
        value = value.replace("\n", "\\n").replace("\t", " ")
    if cut:
        value += " ... (truncated)"
    return value
