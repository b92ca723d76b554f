"""A practice session, for every face (the TUI, the plain mode, scripts, tests).

Core only: no Textual or Rich here. `Practice` (context) holds the bank, the
progress store, the filters and the clock, and starts sessions; a
`PracticeSession` (practice) asks its queue (queue: due reviews first, then
new questions, or a mock interview's mix), checks answers with
`bank.answers`, commits each one to the store, and undoes them;
`summarize` (summary) ends it with a score, per-topic results and what is
due next; `build_report` (report) gives the figures of `lstm-quiz stats`.
`texts` holds the words in English and Chinese, `format` the shared text
forms (answers, durations, bars, sparklines).
"""

from __future__ import annotations

from lstm_quiz.session.context import HomeInfo, Practice
from lstm_quiz.session.practice import Clock, Outcome, PracticeSession, SessionOverError
from lstm_quiz.session.queue import (
    DEFAULT_COUNT,
    DEFAULT_MOCK_COUNT,
    MOCK_SECONDS_PER_QUESTION,
    MOCK_TYPES,
    SESSION_KINDS,
    Filters,
    SessionKind,
    build_queue,
)
from lstm_quiz.session.report import LeechRow, StatsReport, build_report, report_json, report_text
from lstm_quiz.session.summary import DueNext, SessionSummary, TopicResult, summarize

__all__ = [
    "DEFAULT_COUNT",
    "DEFAULT_MOCK_COUNT",
    "MOCK_SECONDS_PER_QUESTION",
    "MOCK_TYPES",
    "SESSION_KINDS",
    "Clock",
    "DueNext",
    "Filters",
    "HomeInfo",
    "LeechRow",
    "Outcome",
    "Practice",
    "PracticeSession",
    "SessionKind",
    "SessionOverError",
    "SessionSummary",
    "StatsReport",
    "TopicResult",
    "build_queue",
    "build_report",
    "report_json",
    "report_text",
    "summarize",
]
