"""The review core stays importable without the TUI stack or torch."""

from __future__ import annotations

import json
import subprocess
import sys

FORBIDDEN = ("textual", "rich", "torch")

PROBE = """
import json, sys
import lstm_quiz.review
import lstm_quiz.review.scheduler, lstm_quiz.review.schema, lstm_quiz.review.stats
import lstm_quiz.review.store, lstm_quiz.review.timeutil
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_review_loads_no_textual_rich_or_torch() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    )
    modules = json.loads(result.stdout)
    assert "lstm_quiz.review.store" in modules
    loaded = [name for name in modules if name.split(".")[0] in FORBIDDEN]
    assert loaded == []
