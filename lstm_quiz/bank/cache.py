"""A cache of the validated bank, so that the practice app starts without parsing YAML.

Parsing and validating the shipped bank costs ~140 ms, more than half the
practice app's own start-up; unpickling the result costs ~7 ms. The cache is
keyed by every question and vocabulary file (path, size, modification time)
and by the bank package's own source files, so an edited question or a new
version of lstm-quiz is never served stale. Only a bank without problems is
cached. Any failure to read or write the cache just means parsing the YAML.

The file lives in the user's cache folder (or $LSTM_QUIZ_CACHE_DIR; "off"
disables it) and is read only if its owner is the current user.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from lstm_quiz import __version__
from lstm_quiz.bank.models import Bank

KEEP = 4  # cache files kept (several --bank combinations in turn)


def cache_key(files: Sequence[Path]) -> str:
    """A digest of the bank's files and of the code that builds and models a bank."""
    code = sorted(Path(__file__).parent.glob("*.py"))
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__} {sys.version}".encode())
    for path in [*files, *code]:
        stat = path.stat()
        digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def load(folder: Path | None, key: str) -> Bank | None:
    if folder is None:
        return None
    path = folder / f"bank-{key}.pickle"
    try:
        with path.open("rb") as file:
            if os.fstat(file.fileno()).st_uid != os.getuid():
                return None  # someone else's file: never unpickle it
            bank = pickle.load(file)
    except Exception:  # missing, unreadable, truncated, from an older model: parse instead
        return None
    return bank if isinstance(bank, Bank) else None


def store(folder: Path | None, key: str, bank: Bank) -> None:
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".bank-", delete=False) as file:
            pickle.dump(bank, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(file.name, folder / f"bank-{key}.pickle")  # readers never see half a file
        old = sorted(folder.glob("bank-*.pickle"), key=lambda p: p.stat().st_mtime)[:-KEEP]
        for stale in old:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk: the next start parses the YAML again
