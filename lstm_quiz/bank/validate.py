"""Checks one question file and builds its typed questions.

A hand-written validator over the YAML node tree (see `yamlnodes`): it keeps
going after a problem so that one run reports every problem of the file,
each at the line of the field at fault. A question with any problem is left
out of the result; the caller decides whether problems are fatal.

This module checks the file and the fields every question has; the fields
of each type are checked in `checks_types`, templated numeric questions in
`checks_template`, on the plumbing of `checks_base`.
"""

from __future__ import annotations

import re

from lstm_quiz.bank.checks_base import ProblemList, and_, is_null, one_of
from lstm_quiz.bank.checks_template import TemplateChecks
from lstm_quiz.bank.checks_types import TypeChecks
from lstm_quiz.bank.models import (
    ALL_QUESTION_FIELDS,
    COMMON_OPTIONAL,
    COMMON_REQUIRED,
    DIFFICULTIES,
    FILE_FIELDS,
    ID_PATTERN,
    MAX_CHOICES,
    MAX_KEY_POINTS,
    MIN_CHOICES,
    MIN_KEY_POINTS,
    QUESTION_TYPES,
    TYPE_OPTIONAL,
    TYPE_REQUIRED,
    Question,
    Text,
    Vocabulary,
)
from lstm_quiz.bank.problems import Problem
from lstm_quiz.bank.yamlnodes import (
    Entry,
    MappingNode,
    Node,
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


class FileResult(ProblemList):
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


class _FileChecker(TypeChecks, TemplateChecks):
    result: FileResult

    def __init__(self, path: Path, vocabulary: Vocabulary, result: FileResult) -> None:
        self.path = path
        self.vocabulary = vocabulary
        self.result = result
        self.label: str | None = None  # "question 'id'" while checking a question

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
                hint = one_of(key, FILE_FIELDS, "fields")
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
            hint = one_of(topic, list(known), "topics")
            self.problem(
                entry.value,
                f"unknown topic '{topic}'",
                and_(hint, "topics are listed in topics.yaml"),
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
        if qtype in ("single", "multiple"):
            if "choices" in entries:
                values["choices"] = self.choices(entries["choices"], qtype)
            values["shuffle"] = self.shuffle(entries.get("shuffle"))
        elif qtype == "true_false" and "answer" in entries:
            values["answer"] = self.true_false(entries["answer"].value)
        elif qtype == "numeric":
            if "answer" in entries:
                values["answer"] = self.number(entries["answer"].value, "'answer'")
            self.numeric_template(entries, values, start)
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

    def numeric_template(
        self, entries: dict[str, Entry], values: dict[str, Any], start: int
    ) -> None:
        """A numeric question has an ``answer``, or ``variables`` and an ``answer_formula``."""
        has_formula, has_variables = "answer_formula" in entries, "variables" in entries
        if "answer" in entries and (has_formula or has_variables):
            self.problem(
                entries["answer"].key_node,
                "a numeric question with both 'answer' and a template",
                "either answer: <number>, or variables: and answer_formula:",
            )
            return
        if "answer" not in entries and not has_formula and not has_variables:
            self.problem(
                start,
                "missing field 'answer'",
                "answer: <number>, or variables: and answer_formula:",
            )
            return
        if has_formula != has_variables:
            present, missing = (
                ("answer_formula", "variables") if has_formula else ("variables", "answer_formula")
            )
            self.problem(
                entries[present].key_node,
                f"'{present}' without '{missing}'",
                "a templated question has both variables: and answer_formula:",
            )
            return
        if not has_formula:
            return
        variables = self.variables(entries["variables"])
        formula = self.answer_formula(entries["answer_formula"])
        if variables is None or formula is None:
            return
        values["variables"] = variables
        values["answer_formula"] = formula.text
        texts: dict[str, Text | None] = {
            key: values.get(key) for key in ("prompt", "explanation") if key in entries
        }
        self.template(entries, variables, formula, texts)

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
            hint = one_of(value, QUESTION_TYPES, "types")
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
                hint = one_of(key, ALL_QUESTION_FIELDS, "question fields")
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
        if entry is None or is_null(entry.value):
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
                hint = one_of(tag, self.vocabulary.tags, "tags")
                self.problem(
                    item, f"unknown tag '{tag}'", and_(hint, "tags are listed in topics.yaml")
                )
            else:
                tags.append(tag)
        return tuple(tags)


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
