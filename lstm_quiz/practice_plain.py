"""`practice --plain`: a question session on plain stdin/stdout.

For scripts, screen readers and terminals where the TUI does not run. Each
question is printed, the typed answer is checked (open questions: the model
answer is shown and the learner rates themself 1-4), and the explanation
and source follow. Invalid input gets a one-line hint and the question is
asked again; `q` quits; end of input ends the session. Both end with a
summary.
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable, Sequence
from typing import TextIO, TypeVar

from lstm_quiz.bank.answers import (
    Answer,
    AnswerInputError,
    choice_labels,
    is_correct,
    open_rating_is_right,
    parse_answer,
    parse_rating,
)
from lstm_quiz.bank.models import RATINGS, Question, Topic

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lstm_quiz.bank.models import Lang

T = TypeVar("T")

QUIT_WORDS = frozenset({"q", "quit", "exit", "退出"})

UI: dict[str, dict[str, str]] = {
    "en": {
        "start": "{count} questions. Type q to quit.",
        "header": "Question {n} of {total} · {topic} · {type} · difficulty {difficulty} · {id}",
        "single": "single choice",
        "multiple": "multiple choice",
        "true_false": "true or false",
        "numeric": "numeric",
        "open": "open question",
        "ask_single": "Your answer ({labels}; q quits): ",
        "ask_multiple": "Your answers, e.g. 1,3 ({labels}; q quits): ",
        "ask_true_false": "True or false? (t/f; q quits): ",
        "ask_numeric": "Your answer, a number{unit} (q quits): ",
        "ask_open": "Answer in your head or on paper, then press Enter to see the model answer (q quits): ",
        "ask_rating": "How well did you know it? {ratings} (q quits): ",
        "unit": " in {unit}",
        "right": "✓ Right.",
        "wrong": "✗ Wrong.",
        "answer_is": "The answer: {answer}",
        "answers_are": "The right choices: {answer}",
        "your_choice": "Your choice {label}: {why}",
        "true": "true",
        "false": "false",
        "tolerance": " (± {tolerance})",
        "model_answer": "Model answer:",
        "key_points": "Key points:",
        "rated": "Rated: {rating}.",
        "explanation": "Explanation:",
        "source": "Source: {source}",
        "quit": "Stopped.",
        "eof": "End of input.",
        "summary": "Summary: {answered} of {total} answered, {right} right, {wrong} wrong.",
        "none_answered": "Summary: no question answered.",
        "per_topic": "  {topic:<{width}}  {right}/{answered} right",
    },
    "zh": {
        "start": "共 {count} 道题。输入 q 退出。",
        "header": "第 {n}/{total} 题 · {topic} · {type} · 难度 {difficulty} · {id}",
        "single": "单选题",
        "multiple": "多选题",
        "true_false": "判断题",
        "numeric": "数值题",
        "open": "问答题",
        "ask_single": "你的答案（{labels}；q 退出）：",
        "ask_multiple": "你的答案，如 1,3（{labels}；q 退出）：",
        "ask_true_false": "对还是错？（对/错 或 t/f；q 退出）：",
        "ask_numeric": "你的答案，一个数{unit}（q 退出）：",
        "ask_open": "先在心里或纸上作答，然后按回车查看参考答案（q 退出）：",
        "ask_rating": "你掌握得如何？{ratings}（q 退出）：",
        "unit": "，单位：{unit}",
        "right": "✓ 正确。",
        "wrong": "✗ 错误。",
        "answer_is": "答案：{answer}",
        "answers_are": "正确选项：{answer}",
        "your_choice": "你选的 {label}：{why}",
        "true": "对",
        "false": "错",
        "tolerance": "（± {tolerance}）",
        "model_answer": "参考答案：",
        "key_points": "要点：",
        "rated": "自评：{rating}。",
        "explanation": "解析：",
        "source": "出处：{source}",
        "quit": "已退出。",
        "eof": "输入结束。",
        "summary": "小结：共 {total} 题，已答 {answered} 题，答对 {right} 题，答错 {wrong} 题。",
        "none_answered": "小结：没有作答。",
        "per_topic": "  {topic:<{width}}  {right}/{answered} 正确",
    },
}


def default_lang(environ: dict[str, str] | None = None) -> Lang:
    """zh when the locale (LC_ALL, then LC_MESSAGES, then LANG) is Chinese, else en."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def format_number(value: float) -> str:
    """892928.0 -> "892928", 0.25 -> "0.25", 1e-07 -> "1e-07"."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


class _Stop(Exception):
    """The learner typed q, or the input ended."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "quit" or "eof"


class SessionResult:
    """What happened in a session: per question id, right or wrong; how it ended."""

    def __init__(self) -> None:
        self.outcomes: list[tuple[Question, bool]] = []
        self.ended: str = "done"  # "done", "quit" or "eof"

    @property
    def answered(self) -> int:
        return len(self.outcomes)

    @property
    def right(self) -> int:
        return sum(ok for _, ok in self.outcomes)


class PlainSession:
    def __init__(
        self,
        questions: Sequence[Question],
        topics: dict[str, Topic],
        lang: Lang = "en",
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.questions = questions
        # The choice order and template values of each showing (seeded by --seed).
        self.draw_seed = (rng or random.Random()).getrandbits(64)
        self.topics = topics
        self.lang: Lang = lang
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.ui = UI[lang]
        isatty = getattr(self.stdin, "isatty", None)
        self.echo = not (isatty is not None and isatty())

    # ------------------------------------------------------------------ I/O
    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def ask(self, prompt: str) -> str:
        """One line of input (without the newline); raises `_Stop` on q or end of input."""
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            raise _Stop("eof")
        text = line.rstrip("\r\n")
        if self.echo:  # piped input: show it, so the transcript reads like a session
            self.say(text)
        if text.strip().lower() in QUIT_WORDS:
            raise _Stop("quit")
        return text

    def ask_until_valid(self, prompt: str, parse: Callable[[str], T]) -> T:
        while True:
            text = self.ask(prompt)
            try:
                return parse(text)
            except AnswerInputError as error:
                self.say(f"  {error}")

    # ------------------------------------------------------------- session
    def run(self) -> SessionResult:
        result = SessionResult()
        self.say(self.ui["start"].format(count=len(self.questions)))
        try:
            for number, question in enumerate(self.questions, start=1):
                self.say()
                right = self.ask_question(self.shown(question, number), number)
                result.outcomes.append((question, right))
        except _Stop as stop:
            result.ended = stop.reason
            self.say(self.ui[stop.reason])
        self.say()
        self.summary(result)
        return result

    def shown(self, question: Question, number: int) -> Question:
        """The question as shown: choices shuffled, template values drawn (as in the TUI)."""
        from lstm_quiz.session.presented import present, shown_rng  # it imports this module

        return present(question, shown_rng(self.draw_seed, number - 1, question.id)).question

    def ask_question(self, question: Question, number: int) -> bool:
        ui = self.ui
        topic = self.topics.get(question.topic)
        self.say(
            ui["header"].format(
                n=number,
                total=len(self.questions),
                topic=topic.title.get(self.lang) if topic else question.topic,
                type=ui[question.type],
                difficulty=question.difficulty,
                id=question.id,
            )
        )
        self.say(question.prompt.get(self.lang).rstrip())
        right = self.ask_open(question) if question.type == "open" else self.ask_graded(question)
        self.say()
        self.say(ui["explanation"])
        self.say(question.explanation.get(self.lang).rstrip())
        self.say(ui["source"].format(source=question.source))
        return right

    def ask_graded(self, question: Question) -> bool:
        ui, lang = self.ui, self.lang
        if question.choices:
            self.say()
            for index, choice in enumerate(question.choices, start=1):
                self.say(f"  {index}. {choice.text.get(lang).rstrip()}")
            self.say()
            prompt = ui[f"ask_{question.type}"].format(labels=choice_labels(len(question.choices)))
        elif question.type == "numeric":
            self.say()
            unit = ui["unit"].format(unit=question.unit.get(lang)) if question.unit else ""
            prompt = ui["ask_numeric"].format(unit=unit)
        else:
            self.say()
            prompt = ui["ask_true_false"]
        answer = self.ask_until_valid(prompt, lambda text: parse_answer(question, text))
        right = is_correct(question, answer)
        self.say(ui["right"] if right else ui["wrong"])
        if not right:
            self.say(self.right_answer(question))
            self.explain_wrong_choices(question, answer)
        return right

    def right_answer(self, question: Question) -> str:
        ui, lang = self.ui, self.lang
        if question.type == "single":
            index = min(question.correct_indices)
            text = question.choices[index].text.get(lang)
            return ui["answer_is"].format(answer=f"{index + 1}. {text}")
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
        return ui["answer_is"].format(
            answer=f"{format_number(float(question.answer or 0))}{unit}{tolerance}"
        )

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

    def ask_open(self, question: Question) -> bool:
        ui, lang = self.ui, self.lang
        assert question.model_answer is not None
        self.say()
        self.ask(ui["ask_open"])
        self.say(ui["model_answer"])
        self.say(question.model_answer.get(lang).rstrip())
        self.say(ui["key_points"])
        for point in question.key_points:
            self.say(f"  - {point.get(lang).rstrip()}")
        ratings = " · ".join(f"{n} {name}" for n, name in RATINGS.items())
        rating = self.ask_until_valid(ui["ask_rating"].format(ratings=ratings), parse_rating)
        self.say(ui["rated"].format(rating=RATINGS[rating]))
        return open_rating_is_right(rating)

    def summary(self, result: SessionResult) -> None:
        ui = self.ui
        if not result.answered:
            self.say(ui["none_answered"])
            return
        self.say(
            ui["summary"].format(
                answered=result.answered,
                total=len(self.questions),
                right=result.right,
                wrong=result.answered - result.right,
            )
        )
        per_topic: dict[str, list[int]] = {}
        for question, right in result.outcomes:
            counts = per_topic.setdefault(question.topic, [0, 0])
            counts[0] += 1
            counts[1] += right
        titles = {
            t: (self.topics[t].title.get(self.lang) if t in self.topics else t) for t in per_topic
        }
        width = max(len(title) for title in titles.values())
        for topic_id, (answered, right_count) in per_topic.items():
            self.say(
                ui["per_topic"].format(
                    topic=titles[topic_id], width=width, right=right_count, answered=answered
                )
            )
