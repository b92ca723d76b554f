"""`Practice`: what a practice run works with (bank, store, filters, clock), and its calls.

A face (the TUI, the plain mode, a script, a test) builds one `Practice` and
asks it for the home figures, sessions, summaries, the stats report and the
settings it keeps (language, theme). Nothing here imports Textual.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from lstm_quiz.bank.models import Bank, Question
from lstm_quiz.review.stats import compute_stats
from lstm_quiz.review.store import ProgressStore
from lstm_quiz.review.timeutil import utc_now
from lstm_quiz.session.practice import Clock, PracticeSession
from lstm_quiz.session.queue import (
    MOCK_SECONDS_PER_QUESTION,
    MOCK_TYPES,
    Filters,
    SessionKind,
    build_queue,
    due_questions,
    matching,
)
from lstm_quiz.session.report import StatsReport, build_report
from lstm_quiz.session.summary import SessionSummary, summarize

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lstm_quiz.bank.models import Lang
    from lstm_quiz.coding.catalog import ExerciseCatalog

__all__ = ["HomeInfo", "Practice", "PutAwayCard"]

LANGUAGE_SETTING = "language"
THEME_SETTING = "theme"


@dataclass(frozen=True)
class PutAwayCard:
    """A suspended or buried card, as the "Suspended and buried" list shows it."""

    question: Question  # the bank's (a template is named by its variables: see prompt_line)
    suspended: bool
    buried_until: datetime | None  # None when suspended only


@dataclass(frozen=True)
class HomeInfo:
    """The figures of the home screen."""

    due_today: int  # matching the filters (the whole bank without any, as `lstm-quiz stats`)
    new_left: int  # matching the filters
    streak_days: int
    due_now: int  # matching the filters, due at this moment: a review session's size
    new_now: int  # matching the filters, never answered
    mock_pool: int  # matching auto-graded questions a mock interview can ask


class Practice:
    def __init__(
        self,
        bank: Bank,
        store: ProgressStore,
        *,
        filters: Filters | None = None,
        lang: Lang | None = None,
        clock: Clock = utc_now,
        tz: tzinfo | None = None,
        exercise_dirs: list[str] | None = None,
    ) -> None:
        self.bank = bank
        self.store = store
        self.filters = filters or Filters()
        self.clock = clock
        self.tz = tz
        self.exercise_dirs = exercise_dirs
        stored = store.get_setting(LANGUAGE_SETTING, None)
        self._lang: Lang = lang or ("zh" if stored == "zh" else "en")
        self._topic_order = {topic: n for n, topic in enumerate(bank.topics)}

    # -------------------------------------------------------------- settings

    @property
    def lang(self) -> Lang:
        return self._lang

    def set_lang(self, lang: Lang) -> None:
        """Switch the language and keep it for the next start."""
        self._lang = lang
        self.store.set_setting(LANGUAGE_SETTING, lang)

    def setting(self, key: str, default: Any = None) -> Any:
        return self.store.get_setting(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        self.store.set_setting(key, value)

    def topic_title(self, topic: str) -> str:
        found = self.bank.topics.get(topic)
        return found.title.get(self._lang) if found else topic

    # ----------------------------------------------------------------- home

    def home(self) -> HomeInfo:
        now = self.clock()
        pool = matching(self.bank, self.filters)
        # The figures follow the filters: a learner who picked two topics sees their counts.
        topic_of = {question.id: question.topic for question in pool}
        stats = compute_stats(self.store, topic_of, now=now, tz=self.tz, weeks=1, forecast_days=1)
        suspended = set(self.store.suspended_ids())
        return HomeInfo(
            due_today=stats.due_today,
            new_left=stats.new_left,
            streak_days=stats.streak_days,
            due_now=len(due_questions(pool, self.store, now)),
            new_now=len(self.store.new_ids((q.id for q in pool), now=now)),
            mock_pool=sum(1 for q in pool if q.type in MOCK_TYPES and q.id not in suspended),
        )

    def mock_time_limit(self, count: int | None = None) -> timedelta:
        return timedelta(seconds=MOCK_SECONDS_PER_QUESTION * (count or self.filters.mock_count))

    # -------------------------------------------------------------- sessions

    def queue(self, kind: SessionKind) -> list[Question]:
        return build_queue(kind, self.bank, self.store, self.filters, self.clock())

    def start(self, kind: SessionKind) -> PracticeSession:
        """A new session of `kind` (its queue may be empty: check `total`)."""
        questions = self.queue(kind)
        limit = self.mock_time_limit(len(questions)) if kind == "mock" else None
        # --seed also fixes the order of the choices; without it each session draws anew.
        seed = self.filters.seed
        rng = random.Random(seed) if seed is not None else None
        return PracticeSession(
            self.store,
            questions,
            kind=kind,
            clock=self.clock,
            time_limit=limit,
            rng=rng,
            tz=self.tz,
        )

    def drill(self, question_ids: list[str]) -> PracticeSession:
        """A session of just these questions (the ones a summary lists as missed), now.

        Answers are scheduled as any others: a drill right after a miss is a
        review that fsrs counts (a short interval: the card was just lapsed).
        """
        by_id = self.bank.by_id
        suspended = set(self.store.suspended_ids())
        questions = [by_id[i] for i in question_ids if i in by_id and i not in suspended]
        return PracticeSession(self.store, questions, kind="review", clock=self.clock, tz=self.tz)

    def summary(self, session: PracticeSession) -> SessionSummary:
        return summarize(
            session,
            (question.id for question in self.bank.questions),
            tz=self.tz,
            topic_order=self._topic_order,
        )

    # ----------------------------------------------------------------- stats

    def report(self) -> StatsReport:
        return build_report(self.bank, self.store, self._lang, now=self.clock(), tz=self.tz)

    def suspend(self, question_id: str) -> None:
        self.store.suspend(question_id, now=self.clock())

    def unsuspend(self, question_id: str) -> None:
        self.store.unsuspend(question_id)

    def put_away(self) -> list[PutAwayCard]:
        """The bank's suspended cards, then those buried now, in the bank's order in each."""
        suspended = set(self.store.suspended_ids())
        buried = set(self.store.buried_ids(now=self.clock()))
        until = {
            record.question_id: record.buried_until for record in self.store.card_records(buried)
        }
        cards = [
            PutAwayCard(q, q.id in suspended, None if q.id in suspended else until.get(q.id))
            for q in self.bank.questions
            if q.id in suspended or q.id in buried
        ]
        return sorted(cards, key=lambda card: not card.suspended)

    def restore(self, question_id: str) -> None:
        """Unsuspend and unbury: the card is back in the reviews (or the new ones) now."""
        self.store.unsuspend(question_id)
        self.store.unbury(question_id)

    # ------------------------------------------------------------- exercises

    def exercise_catalog(self) -> ExerciseCatalog:
        """The coding exercises with this learner's status and best times."""
        from lstm_quiz.coding.catalog import ExerciseCatalog

        return ExerciseCatalog(self.store, self.store.path.parent, self.exercise_dirs)

    def now(self) -> datetime:
        return self.clock()
