"""The learner's settings (language, theme, desired retention...), kept as JSON values."""

from __future__ import annotations

import json
from typing import Any

from lstm_quiz.errors import UsageError
from lstm_quiz.review.connection import StoreBase
from lstm_quiz.review.scheduler import (
    DEFAULT_DESIRED_RETENTION,
    ReviewScheduler,
    validate_desired_retention,
)

__all__ = ["SETTING_DEFAULTS", "SettingsStore"]

SETTING_DEFAULTS: dict[str, Any] = {
    "desired_retention": DEFAULT_DESIRED_RETENTION,
    "language": "en",
}
_MISSING: Any = object()


class SettingsStore(StoreBase):
    """The settings part of the progress store."""

    def get_setting(self, key: str, default: Any = _MISSING) -> Any:
        """A setting's value; else `default`; else the built-in default (or None)."""
        with self._read() as connection:
            row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return json.loads(row[0])
        if default is not _MISSING:
            return default
        return SETTING_DEFAULTS.get(key)

    def set_setting(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable setting; known settings are validated first."""
        if key == "desired_retention":
            value = validate_desired_retention(value)
        try:
            text = json.dumps(value)
        except (TypeError, ValueError) as error:
            raise UsageError(
                f"setting {key!r} must be a plain value (text, number, list...): {error}"
            ) from None
        with self._write() as connection:
            connection.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, text),
            )
        if key == "desired_retention":
            self._scheduler = ReviewScheduler(value, enable_fuzzing=self._enable_fuzzing)

    def settings(self) -> dict[str, Any]:
        """All settings: the built-in defaults overlaid with the stored values."""
        with self._read() as connection:
            rows = connection.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
        return {**SETTING_DEFAULTS, **{key: json.loads(text) for key, text in rows}}

    @property
    def desired_retention(self) -> float:
        return self._scheduler.desired_retention

    @property
    def scheduler(self) -> ReviewScheduler:
        """The scheduler in use (the stored desired retention)."""
        return self._scheduler

    def _stored_retention(self) -> float:
        try:
            return validate_desired_retention(self.get_setting("desired_retention"))
        except UsageError:
            # A hand-edited bad value must not make the store unopenable.
            return DEFAULT_DESIRED_RETENTION
