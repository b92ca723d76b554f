"""Noticing saves: poll a file's modification time and size (no dependency, any editor)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

POLL_SECONDS = 0.05


def file_signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None  # mid-save (some editors write a new file and rename it)
    return stat.st_mtime_ns, stat.st_size


def changes(
    path: Path,
    *,
    should_stop: Callable[[], bool] = lambda: False,
    since: tuple[int, int] | None = None,
) -> Iterator[None]:
    """Yields each time ``path`` has been saved again and stays unchanged for one poll.

    ``since``: the signature of the version already handled (taken before grading
    it), so that a save made while it was graded is still seen.
    """
    last = since if since is not None else file_signature(path)
    while not should_stop():
        time.sleep(POLL_SECONDS)
        current = file_signature(path)
        if current is None or current == last:
            continue
        time.sleep(POLL_SECONDS)  # let the editor finish writing
        settled = file_signature(path)
        if settled != current:
            continue
        last = current
        yield None
