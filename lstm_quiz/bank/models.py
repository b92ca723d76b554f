"""The typed question model: what a validated question file turns into.

Plain slotted classes. They are built only by `lstm_quiz.bank.validate`,
which checks every field first, so code that receives a `Question` can rely
on it: both languages present, a known type, a consistent answer.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs ~10 ms at start-up; the bank must load fast
if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path
    from typing import Literal

    Lang = Literal["en", "zh"]
    QuestionType = Literal["single", "multiple", "true_false", "numeric", "open"]

LANGS: tuple[Lang, ...] = ("en", "zh")
QUESTION_TYPES: tuple[QuestionType, ...] = ("single", "multiple", "true_false", "numeric", "open")

VOCABULARY_FILE = "topics.yaml"  # a bank folder's own topics and tags
DIFFICULTIES = (1, 2, 3)
MIN_CHOICES, MAX_CHOICES = 2, 8
MIN_KEY_POINTS, MAX_KEY_POINTS = 1, 8

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
TOPIC_PATTERN = r"^[a-z0-9][a-z0-9_]*$"
TAG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

# The fields of a question: those every type has, and those of each type.
COMMON_REQUIRED = ("id", "type", "difficulty", "source", "prompt", "explanation")
COMMON_OPTIONAL = ("tags",)
TYPE_REQUIRED: dict[str, tuple[str, ...]] = {
    "single": ("choices",),
    "multiple": ("choices",),
    "true_false": ("answer",),
    "numeric": (),  # `answer`, or `answer_formula` with `variables`: checked on their own
    "open": ("model_answer", "key_points"),
}
TYPE_OPTIONAL: dict[str, tuple[str, ...]] = {
    "single": ("shuffle",),
    "multiple": ("shuffle",),
    "true_false": (),
    "numeric": ("answer", "tolerance", "unit", "variables", "answer_formula"),
    "open": (),
}
ALL_QUESTION_FIELDS: tuple[str, ...] = (
    *COMMON_REQUIRED,
    *COMMON_OPTIONAL,
    "choices",
    "answer",
    "tolerance",
    "unit",
    "model_answer",
    "key_points",
    "shuffle",
    "variables",
    "answer_formula",
)
VARIABLE_RANGE_FIELDS = ("min", "max", "step")
VARIABLE_CHOICES_FIELD = "choices"
MAX_VARIABLE_VALUES = 100_000  # values a range may take: (max - min) / step + 1
CHOICE_FIELDS = ("en", "zh", "correct", "why")
FILE_FIELDS = ("topic", "questions")

# Self-ratings of open questions (the FSRS ratings).
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


class Record:
    """Base of the model classes: slotted, compared and shown by their fields.

    Plain classes rather than dataclasses: importing `dataclasses` and
    building the classes costs ~25 ms, an eighth of the bank's start-up
    budget. Treat instances as read-only.
    """

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._fields()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class Text(Record):
    """One text in both languages."""

    __slots__ = ("en", "zh")

    def __init__(self, en: str, zh: str) -> None:
        self.en = en
        self.zh = zh

    def get(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


class Choice(Record):
    __slots__ = ("correct", "text", "why")

    def __init__(self, text: Text, correct: bool = False, why: Text | None = None) -> None:
        self.text = text
        self.correct = correct
        self.why = why


class Variable(Record):
    """A variable of a templated numeric question: drawn anew each time the question is shown.

    Either ``choices`` (the values it may take) or a range ``low..high`` in
    steps of ``step`` (both ends included).
    """

    __slots__ = ("choices", "high", "low", "name", "step")

    def __init__(
        self,
        name: str,
        *,
        choices: tuple[float, ...] = (),
        low: float = 0,
        high: float = 0,
        step: float = 1,
    ) -> None:
        self.name = name
        self.choices = choices
        self.low = low
        self.high = high
        self.step = step

    @property
    def count(self) -> int:
        """How many values the variable may take."""
        if self.choices:
            return len(self.choices)
        return round((self.high - self.low) / self.step) + 1

    def value(self, index: int) -> float:
        """The ``index``-th value (0-based); whole numbers come back as ints."""
        if self.choices:
            return self.choices[index]
        value = self.low + index * self.step
        if all(float(x).is_integer() for x in (self.low, self.step)):
            return round(value)
        return round(value, 12)  # 0.1 * 3 is 0.30000000000000004


class Question(Record):
    """One validated question. ``answer`` is a bool (true_false) or a float (numeric).

    A templated numeric question has ``variables`` and an ``answer_formula``
    instead of an ``answer`` (None): `lstm_quiz.session.presented` draws the
    values and fills in its texts each time it is shown.
    """

    __slots__ = (
        "answer",
        "answer_formula",
        "choices",
        "difficulty",
        "explanation",
        "id",
        "key_points",
        "line",
        "model_answer",
        "path",
        "prompt",
        "shuffle",
        "source",
        "tags",
        "tolerance",
        "topic",
        "type",
        "unit",
        "variables",
    )

    def __init__(
        self,
        *,
        id: str,
        type: QuestionType,
        topic: str,
        difficulty: int,
        tags: tuple[str, ...],
        source: str,
        prompt: Text,
        explanation: Text,
        path: Path,
        line: int,
        choices: tuple[Choice, ...] = (),
        answer: bool | float | None = None,
        tolerance: float = 0.0,
        unit: Text | None = None,
        model_answer: Text | None = None,
        key_points: tuple[Text, ...] = (),
        shuffle: bool = True,
        variables: tuple[Variable, ...] = (),
        answer_formula: str | None = None,
    ) -> None:
        self.id = id
        self.type = type
        self.topic = topic
        self.difficulty = difficulty
        self.tags = tags
        self.source = source
        self.prompt = prompt
        self.explanation = explanation
        self.path = path
        self.line = line
        self.choices = choices
        self.answer = answer
        self.tolerance = tolerance
        self.unit = unit
        self.model_answer = model_answer
        self.key_points = key_points
        self.shuffle = shuffle
        self.variables = variables
        self.answer_formula = answer_formula

    @property
    def is_template(self) -> bool:
        """A numeric question whose values are drawn each time it is shown."""
        return self.answer_formula is not None

    @property
    def correct_indices(self) -> frozenset[int]:
        """0-based indices of the correct choices (single and multiple)."""
        return frozenset(i for i, c in enumerate(self.choices) if c.correct)

    @property
    def has_code(self) -> bool:
        """Whether the prompt shows code in a fenced block (a "read this code" question)."""
        return "```" in self.prompt.en or "```" in self.prompt.zh

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


class Topic(Record):
    __slots__ = ("id", "title")

    def __init__(self, id: str, title: Text) -> None:
        self.id = id
        self.title = title


class Vocabulary(Record):
    """The topics and tags questions may use (topics.yaml files, merged)."""

    __slots__ = ("learn_order", "tags", "topics")

    def __init__(
        self,
        topics: dict[str, Topic] | None = None,
        tags: frozenset[str] = frozenset(),
        learn_order: tuple[str, ...] = (),
    ) -> None:
        self.topics: dict[str, Topic] = topics or {}
        self.tags = tags
        # The order new questions are learnt in (topics.yaml's `learn_order`);
        # topics it does not list follow, in the order they are defined.
        self.learn_order = learn_order

    def topic_rank(self) -> dict[str, int]:
        """Each topic's place in the learning order (0 first)."""
        ordered = [t for t in self.learn_order if t in self.topics]
        ordered += [t for t in self.topics if t not in ordered]
        return {topic: rank for rank, topic in enumerate(ordered)}


class Bank(Record):
    """Every question loaded, in file order, with the vocabulary they use."""

    __slots__ = ("files", "questions", "vocabulary")

    def __init__(
        self,
        questions: tuple[Question, ...],
        vocabulary: Vocabulary,
        files: tuple[Path, ...] = (),
    ) -> None:
        self.questions = questions
        self.vocabulary = vocabulary
        self.files = files

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    @property
    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @property
    def topics(self) -> dict[str, Topic]:
        return self.vocabulary.topics
