"""Checks one question file and builds its typed questions.

A hand-written validator over the YAML node tree (see `yamlnodes`): it keeps
going after a problem so that one run reports every problem of the file,
each at the line of the field at fault. A question with any problem is left
out of the result; the caller decides whether problems are fatal.
"""

from __future__ import annotations

import math
import re

from lstm_quiz.bank.models import (
    ALL_QUESTION_FIELDS,
    CHOICE_FIELDS,
    COMMON_OPTIONAL,
    COMMON_REQUIRED,
    DIFFICULTIES,
    FILE_FIELDS,
    ID_PATTERN,
    LANGS,
    MAX_CHOICES,
    MAX_KEY_POINTS,
    MIN_CHOICES,
    MIN_KEY_POINTS,
    QUESTION_TYPES,
    TYPE_OPTIONAL,
    TYPE_REQUIRED,
    Choice,
    Question,
    Text,
    Vocabulary,
)
from lstm_quiz.bank.problems import Problem
from lstm_quiz.bank.yamlnodes import (
    Entry,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    kind_of,
    line_of,
    mapping_entries,
    read_yaml,
    scalar_value,
)

TYPE_CHECKING = False  # typing costs ~10 ms at start-up; the bank must load fast
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

_ID_RE = re.compile(ID_PATTERN)


class FileResult:
    """What one question file holds: its valid questions and its problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.topic: str | None = None
        self.questions: list[Question] = []
        # Every id seen, valid question or not, with its line: for the duplicate check.
        self.ids: list[tuple[str, int]] = []
        self.problems: list[Problem] = []
        self.entries = 0  # how many question entries the file has


def check_file(path: Path, vocabulary: Vocabulary) -> FileResult:
    result = FileResult(path)
    root, problems = read_yaml(path)
    result.problems += problems
    if problems:
        return result
    _FileChecker(path, vocabulary, result).check(root)
    return result


def _close_match(name: str, choices: tuple[str, ...] | list[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def _one_of(name: str, choices: tuple[str, ...] | list[str] | frozenset[str], what: str) -> str:
    listing = sorted(choices)
    close = _close_match(name, listing)
    if close:
        return f"did you mean '{close}'?"
    if len(listing) > 12:
        return f"one of the {what}"
    return "one of: " + ", ".join(listing)


def _and(hint: str, more: str) -> str:
    return f"{hint} {more[0].upper()}{more[1:]}" if hint.endswith("?") else f"{hint}; {more}"


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"


class _FileChecker:
    def __init__(self, path: Path, vocabulary: Vocabulary, result: FileResult) -> None:
        self.path = path
        self.vocabulary = vocabulary
        self.result = result
        self.label: str | None = None  # "question 'id'" while checking a question

    # ----------------------------------------------------------------- plumbing
    def problem(self, node: Node | int, message: str, expected: str | None = None) -> None:
        line = node if isinstance(node, int) else line_of(node)
        self.result.problems.append(Problem(self.path, line, message, expected, self.label))

    def mapping(self, node: Node, what: str, expected: str) -> dict[str, Entry] | None:
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} is {kind_of(node)}", expected)
            return None
        entries, troubles = mapping_entries(node)
        for trouble_node, message in troubles:
            self.problem(trouble_node, message)
        return entries

    def text_scalar(self, node: Node, what: str) -> str | None:
        ok, value = scalar_value(node)
        if not ok or not isinstance(value, str):
            self.problem(node, f"{what} is {kind_of(node)}", "text")
            return None
        if not value.strip():
            self.problem(node, f"{what} is empty", "text")
            return None
        return value

    def text(self, node: Node, what: str, key_node: Node | None = None) -> Text | None:
        """A ``{en, zh}`` mapping, both languages non-empty.

        A problem with the mapping as a whole is reported at the line of its
        ``key_node`` (``prompt:``), not at its first entry's.
        """
        entries = self.mapping(node, what, "a mapping with en and zh texts")
        if entries is None:
            return None
        texts: dict[str, str] = {}
        ok = True
        for key, entry in entries.items():
            if key not in LANGS:
                self.problem(entry.key_node, f"unknown field '{key}' in {what}", "only en and zh")
                ok = False
                continue
            value = self.text_scalar(entry.value, f"{what} ({key})")
            if value is None:
                ok = False
            else:
                texts[key] = value
        for lang in LANGS:
            if lang not in entries:
                self.problem(key_node or node, f"{what} has no '{lang}' text", "both en and zh")
                ok = False
        if not ok:
            return None
        return Text(en=texts["en"], zh=texts["zh"])

    # --------------------------------------------------------------------- file
    def check(self, root: Node | None) -> None:
        if root is None:
            self.problem(1, "the file is empty", "'topic:' and 'questions:'")
            return
        entries = self.mapping(root, "the file", "a mapping with 'topic:' and 'questions:'")
        if entries is None:
            return
        for key, entry in entries.items():
            if key not in FILE_FIELDS:
                hint = _one_of(key, FILE_FIELDS, "fields")
                self.problem(entry.key_node, f"unknown field '{key}' at the top of the file", hint)
        self.check_topic(root, entries.get("topic"))
        questions = entries.get("questions")
        if questions is None:
            self.problem(root, "missing field 'questions'", "a list of questions")
            return
        if not isinstance(questions.value, SequenceNode):
            self.problem(
                questions.value, f"'questions' is {kind_of(questions.value)}", "a list of questions"
            )
            return
        if not questions.value.value:
            self.problem(questions.value, "'questions' is empty", "at least one question")
        for index, node in enumerate(questions.value.value):
            self.result.entries += 1
            self.label = f"question #{index + 1}"
            question = self.question(node)
            self.label = None
            if question is not None:
                self.result.questions.append(question)

    def check_topic(self, root: Node, entry: Entry | None) -> None:
        stem = self.path.stem
        if entry is None:
            self.problem(root, "missing field 'topic'", f"topic: {stem}")
            return
        topic = self.text_scalar(entry.value, "'topic'")
        if topic is None:
            return
        known = self.vocabulary.topics
        if topic not in known:
            hint = _one_of(topic, list(known), "topics")
            self.problem(
                entry.value,
                f"unknown topic '{topic}'",
                _and(hint, "topics are listed in topics.yaml"),
            )
        elif topic != stem:
            self.problem(
                entry.value,
                f"topic '{topic}' differs from the file name '{self.path.name}'",
                f"the file of topic '{topic}' is named {topic}.yaml",
            )
        self.result.topic = topic

    # ----------------------------------------------------------------- question
    def question(self, node: Node) -> Question | None:
        if not isinstance(node, MappingNode):
            self.problem(
                node, f"the question is {kind_of(node)}", "a mapping with id, type, difficulty, ..."
            )
            return None
        entries, troubles = mapping_entries(node)
        before = len(self.result.problems)
        start = line_of(node)
        values: dict[str, Any] = {}

        if "id" in entries:
            ok, value = scalar_value(entries["id"].value)
            if ok and isinstance(value, str) and value.strip():
                self.label = f"question '{value}'"  # every problem of the question names it
        for trouble_node, message in troubles:
            self.problem(trouble_node, message)
        qid = self.question_id(entries.get("id"))
        qtype = self.question_type(entries.get("type"))
        self.field_names(entries, qtype, start)

        values["difficulty"] = self.difficulty(entries.get("difficulty"))
        values["tags"] = self.tags(entries.get("tags"))
        if "source" in entries:
            values["source"] = self.text_scalar(entries["source"].value, "'source'")
        for key in ("prompt", "explanation"):
            if key in entries:
                values[key] = self.text(entries[key].value, key, entries[key].key_node)
        if qtype in ("single", "multiple") and "choices" in entries:
            values["choices"] = self.choices(entries["choices"], qtype)
        elif qtype == "true_false" and "answer" in entries:
            values["answer"] = self.true_false(entries["answer"].value)
        elif qtype == "numeric":
            if "answer" in entries:
                values["answer"] = self.number(entries["answer"].value, "'answer'")
            values["tolerance"] = self.tolerance(entries.get("tolerance"))
            if "unit" in entries:
                values["unit"] = self.text(entries["unit"].value, "unit", entries["unit"].key_node)
        elif qtype == "open":
            if "model_answer" in entries:
                entry = entries["model_answer"]
                values["model_answer"] = self.text(entry.value, "model_answer", entry.key_node)
            if "key_points" in entries:
                values["key_points"] = self.key_points(entries["key_points"])

        if len(self.result.problems) != before or qid is None or qtype is None:
            return None
        return Question(
            id=qid,
            type=qtype,  # type: ignore[arg-type]
            topic=self.result.topic or self.path.stem,
            path=self.path,
            line=start,
            **values,
        )

    def question_id(self, entry: Entry | None) -> str | None:
        if entry is None:
            return None
        qid = self.text_scalar(entry.value, "'id'")
        if qid is None:
            return None
        self.result.ids.append((qid, line_of(entry.value)))
        if not _ID_RE.match(qid):
            self.problem(
                entry.value,
                f"id '{qid}' is not allowed",
                "lowercase letters, digits and -, e.g. lstm-forget-gate-role",
            )
        return qid

    def question_type(self, entry: Entry | None) -> str | None:
        if entry is None:
            return None
        ok, value = scalar_value(entry.value)
        if ok and isinstance(value, str) and value in QUESTION_TYPES:
            return value
        if ok and isinstance(value, str):
            hint = _one_of(value, QUESTION_TYPES, "types")
            self.problem(entry.value, f"unknown type '{value}'", hint)
        else:
            hint = "one of: " + ", ".join(QUESTION_TYPES)
            self.problem(entry.value, f"'type' is {kind_of(entry.value)}", hint)
        return None

    def field_names(self, entries: dict[str, Entry], qtype: str | None, start: int) -> None:
        """Unknown fields, fields of another type, and missing fields."""
        allowed = set(COMMON_REQUIRED) | set(COMMON_OPTIONAL)
        required = list(COMMON_REQUIRED)
        if qtype is not None:
            allowed |= set(TYPE_REQUIRED[qtype]) | set(TYPE_OPTIONAL[qtype])
            required += TYPE_REQUIRED[qtype]
        for key, entry in entries.items():
            if key in allowed:
                continue
            if key not in ALL_QUESTION_FIELDS:
                hint = _one_of(key, ALL_QUESTION_FIELDS, "question fields")
                self.problem(entry.key_node, f"unknown field '{key}'", hint)
            elif qtype is not None:  # with an unknown type, which fields fit is unknown
                used = ", ".join(TYPE_REQUIRED[qtype] + TYPE_OPTIONAL[qtype])
                self.problem(
                    entry.key_node,
                    f"field '{key}' is not used by {qtype} questions",
                    f"{qtype} questions use: {used}",
                )
        for key in required:
            if key in entries:
                continue
            if key == "answer":
                expected = (
                    "answer: true or answer: false" if qtype == "true_false" else "answer: <number>"
                )
            else:
                expected = _MISSING_HINTS[key]
            self.problem(start, f"missing field '{key}'", expected)

    def difficulty(self, entry: Entry | None) -> int:
        if entry is None:
            return 0
        ok, value = scalar_value(entry.value)
        if ok and isinstance(value, int) and not isinstance(value, bool):
            if value in DIFFICULTIES:
                return value
            self.problem(
                entry.value, f"difficulty {value} is out of range", "1 easy, 2 medium or 3 hard"
            )
        else:
            self.problem(
                entry.value,
                f"'difficulty' is {kind_of(entry.value)}",
                "an integer: 1 easy, 2 medium or 3 hard",
            )
        return 0

    def tags(self, entry: Entry | None) -> tuple[str, ...]:
        if entry is None or _is_null(entry.value):
            return ()
        if not isinstance(entry.value, SequenceNode):
            self.problem(
                entry.value, f"'tags' is {kind_of(entry.value)}", "a list such as [lstm, gates]"
            )
            return ()
        tags: list[str] = []
        for item in entry.value.value:
            ok, tag = scalar_value(item)
            if not ok or not isinstance(tag, str):
                self.problem(item, f"a tag is {kind_of(item)}", "a tag name from topics.yaml")
            elif tag in tags:
                self.problem(item, f"tag '{tag}' is listed twice", "each tag once")
            elif tag not in self.vocabulary.tags:
                hint = _one_of(tag, self.vocabulary.tags, "tags")
                self.problem(
                    item, f"unknown tag '{tag}'", _and(hint, "tags are listed in topics.yaml")
                )
            else:
                tags.append(tag)
        return tuple(tags)

    def choices(self, entry: Entry, qtype: str) -> tuple[Choice, ...]:
        node, key = entry.value, entry.key_node
        if not isinstance(node, SequenceNode):
            self.problem(
                node,
                f"'choices' is {kind_of(node)}",
                f"a list of {MIN_CHOICES} to {MAX_CHOICES} choices",
            )
            return ()
        items = node.value
        if not items:
            self.problem(key, "'choices' is empty", f"{MIN_CHOICES} to {MAX_CHOICES} choices")
            return ()
        if not MIN_CHOICES <= len(items) <= MAX_CHOICES:
            self.problem(key, f"{len(items)} choices", f"{MIN_CHOICES} to {MAX_CHOICES} choices")
        choices: list[Choice] = []
        all_ok = True
        seen: dict[tuple[str, str], int] = {}
        for number, item in enumerate(items, start=1):
            choice = self.choice(item, number)
            if choice is None:
                all_ok = False
                continue
            choices.append(choice)
            for lang in LANGS:
                text_key = (lang, " ".join(choice.text.get(lang).split()).casefold())
                if text_key in seen:
                    self.problem(
                        item,
                        f"choice {number} has the same {lang} text as choice {seen[text_key]}",
                        "distinct choices",
                    )
                else:
                    seen[text_key] = number
        if all_ok:
            correct = sum(c.correct for c in choices)
            if qtype == "single" and correct != 1:
                self.problem(
                    key,
                    f"a single-choice question with {correct} correct choices",
                    "exactly one choice with 'correct: true'; use type multiple for more",
                )
            elif qtype == "multiple" and correct == 0:
                self.problem(
                    key,
                    "a multiple-choice question with no correct choice",
                    "at least one choice with 'correct: true'",
                )
        return tuple(choices)

    def choice(self, node: Node, number: int) -> Choice | None:
        what = f"choice {number}"
        entries = self.mapping(node, what, "a mapping with en, zh and optionally correct, why")
        if entries is None:
            return None
        ok = True
        for key, entry in entries.items():
            if key not in CHOICE_FIELDS:
                self.problem(
                    entry.key_node,
                    f"unknown field '{key}' in {what}",
                    _one_of(key, CHOICE_FIELDS, "choice fields"),
                )
                ok = False
        texts: dict[str, str] = {}
        for lang in LANGS:
            if lang not in entries:
                self.problem(node, f"{what} has no '{lang}' text", "both en and zh")
                ok = False
                continue
            value = self.text_scalar(entries[lang].value, f"{what} ({lang})")
            if value is None:
                ok = False
            else:
                texts[lang] = value
        correct = False
        if "correct" in entries:
            value_node = entries["correct"].value
            is_scalar, value = scalar_value(value_node)
            if is_scalar and isinstance(value, bool):
                correct = value
            else:
                self.problem(
                    value_node, f"'correct' of {what} is {kind_of(value_node)}", "true or false"
                )
                ok = False
        why = None
        if "why" in entries:
            why = self.text(entries["why"].value, f"why of {what}", entries["why"].key_node)
            ok = ok and why is not None
        if not ok:
            return None
        return Choice(Text(en=texts["en"], zh=texts["zh"]), correct, why)

    def true_false(self, node: Node) -> bool | None:
        ok, value = scalar_value(node)
        if ok and isinstance(value, bool):
            return value
        self.problem(node, f"'answer' is {kind_of(node)}", "true or false")
        return None

    def number(self, node: Node, what: str) -> float | None:
        ok, value = scalar_value(node)
        if ok and isinstance(value, int | float) and not isinstance(value, bool):
            if math.isfinite(value):
                return float(value)
            self.problem(node, f"{what} is {value}", "a finite number")
            return None
        hint = "a number"
        if ok and isinstance(value, str) and _looks_like_exponent(value):
            hint = f"a number; YAML reads {value} as text: write it with a dot, e.g. {_with_dot(value)}"
        self.problem(node, f"{what} is {kind_of(node)}", hint)
        return None

    def tolerance(self, entry: Entry | None) -> float:
        if entry is None:
            return 0.0
        value = self.number(entry.value, "'tolerance'")
        if value is None:
            return 0.0
        if value < 0:
            self.problem(
                entry.value, f"tolerance {value:g} is negative", "an absolute tolerance >= 0"
            )
            return 0.0
        return value

    def key_points(self, entry: Entry) -> tuple[Text, ...]:
        node, key = entry.value, entry.key_node
        if not isinstance(node, SequenceNode):
            self.problem(
                node,
                f"'key_points' is {kind_of(node)}",
                f"a list of {MIN_KEY_POINTS} to {MAX_KEY_POINTS} {{en, zh}} texts",
            )
            return ()
        if not MIN_KEY_POINTS <= len(node.value) <= MAX_KEY_POINTS:
            self.problem(
                key,
                f"{len(node.value)} key points",
                f"{MIN_KEY_POINTS} to {MAX_KEY_POINTS} key points",
            )
        points = [self.text(item, f"key point {n}") for n, item in enumerate(node.value, start=1)]
        return tuple(p for p in points if p is not None)


_MISSING_HINTS = {
    "id": "a unique id such as lstm-forget-gate-role",
    "type": "one of: " + ", ".join(QUESTION_TYPES),
    "difficulty": "1 easy, 2 medium or 3 hard",
    "source": "the paper, book chapter or docs page the answer rests on",
    "prompt": "prompt: {en: ..., zh: ...}",
    "explanation": "explanation: {en: ..., zh: ...}",
    "choices": f"a list of {MIN_CHOICES} to {MAX_CHOICES} choices",
    "model_answer": "model_answer: {en: ..., zh: ...}",
    "key_points": f"a list of {MIN_KEY_POINTS} to {MAX_KEY_POINTS} {{en, zh}} key points",
}

_EXPONENT_RE = re.compile(r"^[-+]?\d+[eE][-+]?\d+$")


def _looks_like_exponent(text: str) -> bool:
    return bool(_EXPONENT_RE.match(text.strip()))


def _with_dot(text: str) -> str:
    mantissa, _, exponent = text.strip().lower().partition("e")
    return f"{mantissa}.0e{exponent}"
