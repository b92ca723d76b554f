"""One error hierarchy with messages for people.

The CLI prints an `LstmQuizError` as one line on stderr and exits with its
`exit_code`; the TUI shows the same message in a notification. Anything else
that escapes is a bug in lstm-quiz, not bad input.
"""

from __future__ import annotations


class LstmQuizError(Exception):
    """A problem the user can fix; the message says what to do next."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(LstmQuizError):
    """Bad command-line input: an unknown name, a missing file, a bad value."""

    exit_code = 2


def did_you_mean(name: str, choices: list[str] | tuple[str, ...]) -> str:
    """A hint naming the closest valid choice and listing all of them."""
    import difflib

    close = difflib.get_close_matches(name, choices, n=1)
    listing = ", ".join(sorted(choices)) or "(none)"
    if close:
        return f"did you mean '{close[0]}'? Valid choices: {listing}"
    return f"valid choices: {listing}"
