"""One practice session: a queue of questions, answers checked and committed, undo.

Every answer is committed to the `ProgressStore` when it is given (one
transaction, scheduled by fsrs: wrong is Again, right is Good, open questions
take the learner's rating), so quitting at any point keeps everything
answered so far. `undo` takes answers back, several steps if asked, through
the store's per-session undo.

A session does not advance by itself: after `answer` (or `rate`) the outcome
is shown, and `next` moves on. A mock interview is a session with a time
limit and no feedback until the end; its answers are committed likewise.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from lstm_quiz.bank.answers import Answer, is_correct, open_rating_is_right, parse_answer
from lstm_quiz.bank.models import Question
from lstm_quiz.review.store import LEECH_THRESHOLD, ProgressStore, new_session_id
from lstm_quiz.review.timeutil import utc_now
from lstm_quiz.session import put_away
from lstm_quiz.session.presented import Presented, present, shown_rng
from lstm_quiz.session.put_away import PutAway
from lstm_quiz.session.queue import SessionKind

Clock = Callable[[], datetime]

# A missed card (Again, or any card still in fsrs's learning or relearning
# steps) comes back in the same session, as Anki's learning steps do: as soon
# as its step's due time has come, or once this many other cards have been
# shown, whichever is first; when nothing else is left it comes straight back.
# The session ends when no card is due within it.
RETURN_AFTER_CARDS = 3

__all__ = ["Clock", "Outcome", "PracticeSession", "SessionOverError"]


class SessionOverError(Exception):
    """An answer came after the session ended (no question left, or time is up)."""


@dataclass(frozen=True)
class Outcome:
    """One committed answer."""

    question: Question
    position: int  # index in the session's queue
    correct: bool
    rating: int  # the fsrs rating recorded, 1-4
    answer: Answer | None  # None for an open (self-rated) question
    duration: timedelta
    review_id: int
    wrong_count: int  # wrong answers to this question in the whole log, this one included
    interval: timedelta = timedelta(0)  # until the card is due again (the rating's interval)
    returns: bool = False  # still in its (re)learning steps: asked again in this session

    @property
    def leech(self) -> bool:
        return self.wrong_count >= LEECH_THRESHOLD


class PracticeSession:
    """Ask `questions` in order, committing each answer to `store`."""

    def __init__(
        self,
        store: ProgressStore,
        questions: Sequence[Question],
        *,
        kind: SessionKind = "mixed",
        clock: Clock = utc_now,
        time_limit: timedelta | None = None,
        session_id: str | None = None,
        rng: random.Random | None = None,
        tz: tzinfo | None = None,
    ) -> None:
        self.store = store
        self.questions = list(questions)
        self.kind: SessionKind = kind
        self.clock = clock
        self.time_limit = time_limit
        self.session_id = session_id or new_session_id()
        self.started_at = clock()
        self.ended_at: datetime | None = None
        self.position = 0
        self.outcomes: list[Outcome] = []  # in the order given
        self.suspended: list[str] = []
        self.buried: list[str] = []
        self._put_aways: list[PutAway] = []  # suspends and buries, the latest last
        self.tz = tz  # for "tomorrow" when burying; None: the system's zone
        # Missed cards waiting to come back: (outcome that sent it back, due time).
        self._returning: list[tuple[Outcome, datetime]] = []
        # Where each came back into `questions`: review id of the outcome -> position.
        self._returned_at: dict[int, int] = {}
        self._shown_at = self.started_at
        # Each showing (choice order, template values) is drawn from this seed,
        # its position and its id, and kept: undo and a language switch show the
        # same order again. Pass a seeded `rng` for a reproducible session.
        self._draw_seed = (rng or random.Random()).getrandbits(64)
        self._presented: dict[tuple[int, str], Presented] = {}

    # ----------------------------------------------------------------- state

    @property
    def feedback(self) -> bool:
        """Whether right/wrong is shown after each answer (not in a mock interview)."""
        return self.kind != "mock"

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def current(self) -> Question | None:
        """The question being asked (or just answered) as shown, None once past the last.

        As shown: choices in the order drawn for this showing, a template's
        values filled in (see `presented`); answers refer to this question.
        """
        presented = self.presented
        return presented.question if presented is not None else None

    @property
    def presented(self) -> Presented | None:
        """The current showing, with its permutation and drawn values."""
        if self.ended_at is not None or self.position >= len(self.questions):
            return None
        return self.showing(self.position)

    def showing(self, position: int) -> Presented:
        """The showing of the queue's question at `position`, drawn the first time it is asked.

        A summary asks for the questions a mock left unanswered: they are
        shown with drawn values (and their computed answer), never as the
        bank's template with its ``{placeholders}``.
        """
        question = self.questions[position]
        key = (position, question.id)
        if key not in self._presented:
            rng = shown_rng(self._draw_seed, position, question.id)
            self._presented[key] = present(question, rng)
        return self._presented[key]

    @property
    def current_outcome(self) -> Outcome | None:
        """The answer to the current question, once given."""
        if self.outcomes and self.outcomes[-1].position == self.position:
            return self.outcomes[-1]
        return None

    @property
    def answered(self) -> int:
        """Answers given, a card that came back counted each time (progress, not score)."""
        return len(self.outcomes)

    @property
    def returning(self) -> int:
        """Missed cards waiting to come back in this session."""
        return len(self._returning)

    def preview(self) -> dict[int, timedelta]:
        """Rating 1-4 -> how long until the current question is due again after it.

        Computed by the scheduler on a copy of the card (nothing is written);
        empty when there is no current question.
        """
        question = self.current
        if question is None:
            return {}
        previews = self.store.preview(question.id, now=self.clock())
        return {int(rating): interval for rating, interval in previews.items()}

    @property
    def right(self) -> int:
        return sum(outcome.correct for outcome in self.outcomes)

    @property
    def finished(self) -> bool:
        return self.ended_at is not None or self.position >= len(self.questions)

    def remaining_time(self) -> timedelta | None:
        """Time left of a timed session (never negative), None without a limit."""
        if self.time_limit is None:
            return None
        left = self.started_at + self.time_limit - self.clock()
        return max(left, timedelta(0))

    @property
    def time_is_up(self) -> bool:
        left = self.remaining_time()
        return left is not None and left <= timedelta(0)

    def elapsed(self) -> timedelta:
        end = self.ended_at or self.clock()
        return end - self.started_at

    def wrong_count(self, question_id: str) -> int:
        return self.store.wrong_count(question_id)

    def is_leech(self, question_id: str) -> bool:
        return self.store.wrong_count(question_id) >= LEECH_THRESHOLD

    # --------------------------------------------------------------- answers

    def answer_text(self, text: str) -> Outcome:
        """Parse typed text (`AnswerInputError` with a hint if it is not an answer), then answer."""
        question = self._askable()
        return self.answer(parse_answer(question, text))

    def answer(self, answer: Answer) -> Outcome:
        """Check an auto-graded answer to the current question and commit it."""
        question = self._askable()
        if question.type == "open":
            raise ValueError(f"open questions are self-rated: use rate() for {question.id}")
        correct = is_correct(question, answer)
        return self._commit(question, answer=answer, correct=correct, rating=None)

    def rate(self, rating: int) -> Outcome:
        """Commit the learner's rating (1 Again .. 4 Easy) of the current open question."""
        question = self._askable()
        if question.type != "open":
            raise ValueError(f"only open questions are self-rated, not {question.id}")
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"rating must be 1-4, not {rating!r}")
        return self._commit(
            question, answer=None, correct=open_rating_is_right(rating), rating=rating
        )

    def _askable(self) -> Question:
        if self.time_is_up:
            self.finish()
        question = self.current
        if question is None:
            raise SessionOverError("the session is over")
        if self.current_outcome is not None:
            raise SessionOverError(f"{question.id} is already answered; call next()")
        return question

    def _commit(
        self, question: Question, *, answer: Answer | None, correct: bool, rating: int | None
    ) -> Outcome:
        now = self.clock()
        duration = max(now - self._shown_at, timedelta(0))
        record = self.store.record_answer(
            question.id,
            rating,
            correct=correct,
            session_id=self.session_id,
            duration=duration,
            now=now,
        )
        outcome = Outcome(
            question=question,
            position=self.position,
            correct=correct,
            rating=int(record.rating),
            answer=answer,
            duration=duration,
            review_id=record.id,
            wrong_count=self.store.wrong_count(question.id),
            interval=record.card_after.due - now,
            # A mock interview asks each question once: no learning steps in it.
            returns=self.feedback and self.store.scheduler.in_steps(record.card_after),
        )
        self.outcomes.append(outcome)
        if outcome.returns:
            self._returning.append((outcome, record.card_after.due))
        return outcome

    # ------------------------------------------------------------ navigation

    def next(self) -> Question | None:
        """Move past the current question; the new current question (None at the end)."""
        if self.position < len(self.questions):
            self.position += 1
        self._bring_back(self.clock())
        self._shown_at = self.clock()
        return self.current

    def _bring_back(self, now: datetime) -> None:
        """Put the first missed card whose time has come back into the queue, here."""
        if not self._returning:
            return
        dry = self.position >= len(self.questions)

        def ready(entry: tuple[Outcome, datetime]) -> bool:
            outcome, due = entry
            return dry or due <= now or self.position - outcome.position > RETURN_AFTER_CARDS

        waiting = [entry for entry in self._returning if ready(entry)]
        if not waiting:
            return
        entry = min(waiting, key=lambda item: (item[1], item[0].position))
        outcome = entry[0]
        self._returning.remove(entry)
        self.questions.insert(self.position, self.questions[outcome.position])
        self._returned_at[outcome.review_id] = self.position

    def undo(self) -> Outcome | None:
        """Take back the latest answer and return to its question; None if nothing to undo.

        Raises the store's `ProgressStoreError` when the answer cannot be taken
        back (the question was answered again since, in another session).
        """
        if not self.outcomes or self.ended_at is not None:
            return None
        last = self.outcomes[-1]
        undone = self.store.undo_last(self.session_id)
        if undone is None or undone.id != last.review_id:  # the log and the session disagree
            return None
        self.outcomes.pop()
        # The card it sent back (waiting, or already back in the queue) goes too.
        self._returning = [entry for entry in self._returning if entry[0] is not last]
        back_at = self._returned_at.pop(last.review_id, None)
        if back_at is not None and back_at > last.position:
            del self.questions[back_at]
        self.position = last.position
        self._shown_at = self.clock()
        return last

    def suspend_current(self) -> Question | None:
        """Suspend the current question. Unanswered, it leaves the queue; the new current."""
        return put_away.suspend_current(self)

    def bury_current(self) -> Question | None:
        """Bury the current question until tomorrow (local day); as `suspend_current` after."""
        return put_away.bury_current(self)

    @property
    def last_put_away(self) -> PutAway | None:
        """The latest suspend or bury while nothing was answered since: `undo_put_away` takes it."""
        return put_away.last_put_away(self)

    def undo_put_away(self) -> PutAway | None:
        """Take back the latest suspend or bury: the mark as before, the card back in the queue."""
        return put_away.undo_put_away(self)

    def _drop_current(self, question_id: str) -> Question | None:
        """The current question is put away: it leaves the queue if unanswered, and never returns."""
        self._returning = [
            entry for entry in self._returning if entry[0].question.id != question_id
        ]
        if self.current_outcome is None:
            del self.questions[self.position]
            self._bring_back(self.clock())
            self._shown_at = self.clock()
        return self.current

    def finish(self) -> None:
        """End the session now (quit, or the time limit); answers stay committed."""
        if self.ended_at is None:
            self.ended_at = self.clock()
