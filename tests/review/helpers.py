"""Shared constants and helpers of the review tests."""

from __future__ import annotations

from datetime import UTC, datetime

# A fixed instant: every test passes `now` explicitly.
NOW = datetime(2025, 3, 10, 9, 30, tzinfo=UTC)
