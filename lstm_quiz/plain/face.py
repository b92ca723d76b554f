"""`PlainFace`: a practice session on plain stdin/stdout, over the same session core as the TUI.

Each question is printed, the typed answer is checked and committed to the
progress store (so `lstm-quiz stats` counts it), and the explanation and
source follow, with the interval until the next review. Open questions show
the model answer and the learner rates themself 1-4, each rating with the
interval it would give. A missed card comes back later in the session, as
in the TUI. Invalid input gets a one-line hint and the question is asked
again; `q` quits; end of input ends the session. Both end with a summary.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO, TypeVar

from lstm_quiz.bank.answers import Answer, AnswerInputError, parse_answer
from lstm_quiz.bank.answers import parse_rating as parse_rating_text
from lstm_quiz.bank.models import Question
from lstm_quiz.session.context import Practice
from lstm_quiz.session.feedback import choice_marks, format_interval, hits_line
from lstm_quiz.session.plain_words import QUIT_WORDS, UI, format_number
from lstm_quiz.session.practice import Outcome, PracticeSession
from lstm_quiz.session.report import prompt_line
from lstm_quiz.session.summary import SessionSummary
from lstm_quiz.session.texts import RATING_NAMES, text

__all__ = ["PlainFace", "PlainResult"]

T = TypeVar("T")


class _Stop(Exception):
    """The learner typed q, or the input ended."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "quit" or "eof"


@dataclass(frozen=True)
class PlainResult:
    summary: SessionSummary
    ended: str  # "done", "quit" or "eof"


class PlainFace:
    """Run `session` (from `practice`) on `stdin`/`stdout`."""

    def __init__(
        self,
        practice: Practice,
        session: PracticeSession,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
    ) -> None:
        self.practice = practice
        self.session = session
        self.lang = practice.lang
        self.ui = UI[self.lang]
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        isatty = getattr(self.stdin, "isatty", None)
        self.echo = not (isatty is not None and isatty())

    # ------------------------------------------------------------------ I/O

    def say(self, line: str = "") -> None:
        self.stdout.write(line + "\n")

    def ask(self, prompt: str) -> str:
        """One line of input (without the newline); raises `_Stop` on q or end of input."""
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            raise _Stop("eof")
        typed = line.rstrip("\r\n")
        if self.echo:  # piped input: show it, so the transcript reads like a session
            self.say(typed)
        if typed.strip().lower() in QUIT_WORDS:
            raise _Stop("quit")
        return typed

    def ask_until_valid(
        self, prompt: str, parse: Callable[[str], T], refused: Callable[[str], str]
    ) -> T:
        """Ask until `parse` takes the line; a refusal is told in the learner's language.

        A hint with a key (a number refused) is `session.texts`'s; the others
        are what `refused(typed)` says for this kind of question.
        """
        while True:
            typed = self.ask(prompt)
            try:
                return parse(typed)
            except AnswerInputError as error:
                hint = text(self.lang, error.key, **error.values) if error.key else refused(typed)
                self.say(f"  {hint}")

    def labels(self, count: int) -> str:
        """ "1-4 or a-d" (zh "1-4 或 a-d") for four choices."""
        return self.ui["labels"].format(n=count, z=chr(ord("a") + count - 1))

    def refusal(self, question: Question, typed: str) -> str:
        """What to type instead of `typed`, for a question's kind."""
        labels = self.labels(len(question.choices))
        return self.ui[f"refuse_{question.type}"].format(typed=typed.strip(), labels=labels)

    # -------------------------------------------------------------- session

    def run(self) -> PlainResult:
        session = self.session
        total = session.total
        self.say(self.ui["start_one"] if total == 1 else self.ui["start"].format(count=total))
        ended = "done"
        try:
            while (question := session.current) is not None:
                self.say()
                self.ask_question(question)
                session.next()
        except _Stop as stop:
            ended = stop.reason
            self.say(self.ui[stop.reason])
        session.finish()
        summary = self.practice.summary(session)
        self.say()
        self.print_summary(summary)
        return PlainResult(summary=summary, ended=ended)

    def ask_question(self, question: Question) -> None:
        ui, session = self.ui, self.session
        again = any(outcome.question.id == question.id for outcome in session.outcomes)
        header = ui["header"].format(
            n=session.position + 1,
            total=session.total,
            topic=self.practice.topic_title(question.topic),
            type=ui[question.type],
            difficulty=question.difficulty,
            id=question.id,
        )
        self.say(header + (ui["again"] if again else ""))
        self.say(question.prompt.get(self.lang).rstrip())
        outcome = self.ask_open(question) if question.type == "open" else self.ask_graded(question)
        self.say()
        self.say(ui["explanation"])
        self.say(question.explanation.get(self.lang).rstrip())
        self.say(ui["source"].format(source=question.source))
        self.say(
            text(self.lang, "next_interval", interval=format_interval(outcome.interval, self.lang))
        )
        if outcome.returns:
            self.say(text(self.lang, "comes_back"))

    def ask_graded(self, question: Question) -> Outcome:
        ui, lang = self.ui, self.lang
        self.say()
        if question.choices:
            for index, choice in enumerate(question.choices, start=1):
                self.say(f"  {index}. {choice.text.get(lang).rstrip()}")
            self.say()
            prompt = ui[f"ask_{question.type}"].format(labels=self.labels(len(question.choices)))
        elif question.type == "numeric":
            unit = ui["unit"].format(unit=question.unit.get(lang)) if question.unit else ""
            prompt = ui["ask_numeric"].format(unit=unit)
        else:
            prompt = ui["ask_true_false"]
        answer = self.ask_until_valid(
            prompt,
            lambda typed: parse_answer(question, typed),
            lambda typed: self.refusal(question, typed),
        )
        outcome = self.session.answer(answer)
        self.say(ui["right"] if outcome.correct else ui["wrong"])
        if question.type == "multiple":
            self.show_marks(question, answer)
        if not outcome.correct:
            self.say(self.right_answer(question))
            self.explain_wrong_choices(question, answer)
        return outcome

    def show_marks(self, question: Question, answer: Answer) -> None:
        """Per choice: ✓ picked and right, ✗ missed, ✗ wrongly picked; then "1 of 2"."""
        for mark in choice_marks(question, answer):
            if mark.kind != "none":
                self.say(f"  {mark.index + 1}. {mark.label(self.lang)}")
        self.say(f"  {hits_line(question, answer, self.lang)}")

    def right_answer(self, question: Question) -> str:
        ui, lang = self.ui, self.lang
        if question.type == "single":
            index = min(question.correct_indices)
            choice = question.choices[index].text.get(lang)
            return ui["answer_is"].format(answer=f"{index + 1}. {choice}")
        if question.type == "multiple":
            numbers = ", ".join(str(i + 1) for i in sorted(question.correct_indices))
            return ui["answers_are"].format(answer=numbers)
        if question.type == "true_false":
            return ui["answer_is"].format(answer=ui["true"] if question.answer else ui["false"])
        tolerance = (
            ui["tolerance"].format(tolerance=format_number(question.tolerance))
            if question.tolerance
            else ""
        )
        unit = f" {question.unit.get(lang)}" if question.unit else ""
        value = format_number(float(question.answer or 0))
        return ui["answer_is"].format(answer=f"{value}{unit}{tolerance}")

    def explain_wrong_choices(self, question: Question, answer: Answer) -> None:
        """The `why` of each wrong choice the learner picked."""
        if isinstance(answer, frozenset):
            picked = sorted(answer)
        elif question.type == "single" and isinstance(answer, int):
            picked = [answer]
        else:
            return
        for index in picked:
            choice = question.choices[index]
            if not choice.correct and choice.why is not None:
                why = choice.why.get(self.lang).rstrip()
                self.say(self.ui["your_choice"].format(label=index + 1, why=why))

    def ask_open(self, question: Question) -> Outcome:
        ui, lang = self.ui, self.lang
        assert question.model_answer is not None
        self.say()
        self.ask(ui["ask_open"])
        self.say(ui["model_answer"])
        self.say(question.model_answer.get(lang).rstrip())
        self.say(ui["key_points"])
        for point in question.key_points:
            self.say(f"  - {point.get(lang).rstrip()}")
        names = RATING_NAMES.get(lang, RATING_NAMES["en"])
        previews = self.session.preview()
        ratings = " · ".join(
            f"{n} {names[n]} {format_interval(previews[n], lang)}" for n in sorted(previews)
        )
        options = ui["list_separator"].join(f"{n} {names[n]}" for n in sorted(names))
        by_name = {name: str(n) for n, name in names.items()}  # 良好 -> 3, as 3 or Good
        rating = self.ask_until_valid(
            ui["ask_rating"].format(ratings=ratings),
            lambda typed: parse_rating_text(by_name.get(typed.strip(), typed)),
            lambda typed: ui["refuse_rating"].format(typed=typed.strip(), options=options),
        )
        outcome = self.session.rate(rating)
        self.say(ui["rated"].format(rating=names[rating]))
        return outcome

    def print_summary(self, summary: SessionSummary) -> None:
        ui = self.ui
        if not summary.answered:
            self.say(ui["none_answered"])
            return
        self.say(
            ui["summary"].format(
                answered=summary.answered,
                total=summary.total,
                right=summary.right,
                wrong=summary.wrong,
            )
        )
        titles = {r.topic: self.practice.topic_title(r.topic) for r in summary.per_topic}
        width = max(len(title) for title in titles.values())
        for result in summary.per_topic:
            self.say(
                ui["per_topic"].format(
                    topic=titles[result.topic],
                    width=width,
                    right=result.right,
                    answered=result.answered,
                )
            )
        if summary.missed:
            self.say(ui["missed"])
            for question_id in summary.missed:
                question = summary.question(question_id)  # as shown: a template's values drawn
                line = prompt_line(question, self.lang) if question else question_id
                self.say(f"  - {question_id}: {line}")
