"""Where lstm-quiz finds its content and keeps its data.

Shipped content (the question bank and the exercises) is package data: in a
wheel it sits under `lstm_quiz/_shipped/`; in a source checkout or an editable
install it is read from the top-level folders of the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "LSTM_QUIZ_DATA_DIR"
ENV_BANK_PATH = "LSTM_QUIZ_BANK_PATH"
ENV_EXERCISES_PATH = "LSTM_QUIZ_EXERCISES_PATH"
ENV_CACHE_DIR = "LSTM_QUIZ_CACHE_DIR"  # "off": no cache

_PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_dir(name: str) -> Path:
    """The shipped `question_bank` or `exercises` folder."""
    installed = _PACKAGE_DIR / "_shipped" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def shipped_bank_dir() -> Path:
    return shipped_dir("question_bank")


def shipped_exercises_dir() -> Path:
    return shipped_dir("exercises")


def extra_dirs(cli_values: list[str] | None, env_name: str) -> list[Path]:
    """Folders given on the command line, then those in an os.pathsep list in the environment."""
    paths = [Path(v).expanduser() for v in (cli_values or [])]
    env_value = os.environ.get(env_name, "")
    paths += [Path(p).expanduser() for p in env_value.split(os.pathsep) if p.strip()]
    return paths


def data_dir(cli_value: str | None = None) -> Path:
    """The user data dir: --data-dir, else $LSTM_QUIZ_DATA_DIR, else platformdirs'."""
    if cli_value:
        return Path(cli_value).expanduser()
    env_value = os.environ.get(ENV_DATA_DIR)
    if env_value:
        return Path(env_value).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("lstm-quiz", appauthor=False))


def cache_dir() -> Path | None:
    """Where derived data is kept ($LSTM_QUIZ_CACHE_DIR, else platformdirs'); None when "off"."""
    env_value = os.environ.get(ENV_CACHE_DIR)
    if env_value == "off":
        return None
    if env_value:
        return Path(env_value).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("lstm-quiz", appauthor=False))
