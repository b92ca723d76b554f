"""A JSON Schema of question files, for editors (the YAML language server).

It mirrors `lstm_quiz.bank.validate`, built from the same field lists in
`models`, with the topics and tags of the vocabulary in use as enums so an
editor completes them. The validator stays the authority: a few rules (no two
choices with the same text, the topic equal to the file name, ids unique
across files) are beyond what a schema can say.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lstm_quiz.bank.models import (
    COMMON_REQUIRED,
    DIFFICULTIES,
    ID_PATTERN,
    LANGS,
    MAX_CHOICES,
    MAX_KEY_POINTS,
    MIN_CHOICES,
    MIN_KEY_POINTS,
    QUESTION_TYPES,
    TYPE_OPTIONAL,
    TYPE_REQUIRED,
    VOCABULARY_FILE,
    Vocabulary,
)
from lstm_quiz.bank.vocabulary import VocabularyBuilder

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Draft-07: the YAML language server (VS Code, Neovim, Helix, ...) supports
# "JSON Schema 7 and below", so no minContains/maxContains or $defs.
SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"
TYPE_SPECIFIC = (
    "choices",
    "shuffle",
    "answer",
    "tolerance",
    "unit",
    "variables",
    "answer_formula",
    "model_answer",
    "key_points",
)
NON_BLANK = r"\S"


def vocabulary_of(folders: Sequence[Path]) -> Vocabulary:
    """The merged topics.yaml of the given bank folders (their problems are ignored here)."""
    builder = VocabularyBuilder()
    for folder in folders:
        if (folder / VOCABULARY_FILE).is_file():
            builder.add_file(folder / VOCABULARY_FILE)
    return builder.build()


def _text(description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "required": list(LANGS),
        "additionalProperties": False,
        "properties": {
            "en": {"type": "string", "pattern": NON_BLANK, "description": "English"},
            "zh": {"type": "string", "pattern": NON_BLANK, "description": "Chinese / 中文"},
        },
    }


def _variable() -> dict[str, Any]:
    """A template variable: a range ``{min, max, step}`` or ``{choices: [...]}``."""
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "min": {"type": "number"},
            "max": {"type": "number"},
            "step": {"type": "number", "exclusiveMinimum": 0},
            "choices": {"type": "array", "minItems": 1, "items": {"type": "number"}},
        },
        "oneOf": [
            {"required": ["min", "max"], "not": {"required": ["choices"]}},
            {
                "required": ["choices"],
                "not": {
                    "anyOf": [{"required": ["min"]}, {"required": ["max"]}, {"required": ["step"]}]
                },
            },
        ],
    }


def _correct_choice() -> dict[str, Any]:
    return {"type": "object", "required": ["correct"], "properties": {"correct": {"const": True}}}


def _exactly_one_correct() -> dict[str, Any]:
    """Exactly one correct choice, in draft-07 terms: exactly one position holds it.

    (Draft 2019-09 says this with ``maxContains: 1``; draft-07 cannot count
    matches, but ``oneOf`` over the positions, each a tuple-form ``items``,
    does.)
    """
    return {
        "oneOf": [
            {"minItems": position + 1, "items": [{}] * position + [_correct_choice()]}
            for position in range(MAX_CHOICES)
        ]
    }


def _type_rule(qtype: str) -> dict[str, Any]:
    """``if type == qtype then`` its fields are required and the others forbidden."""
    used = set(TYPE_REQUIRED[qtype]) | set(TYPE_OPTIONAL[qtype])
    then: dict[str, Any] = {
        "required": list(TYPE_REQUIRED[qtype]),
        "properties": {name: False for name in TYPE_SPECIFIC if name not in used},
    }
    if qtype == "single":
        then["properties"]["choices"] = _exactly_one_correct()
    elif qtype == "multiple":
        then["properties"]["choices"] = {"contains": _correct_choice()}
    elif qtype == "true_false":
        then["properties"]["answer"] = {"type": "boolean"}
    elif qtype == "numeric":
        then["properties"]["answer"] = {"type": "number"}
        # A fixed answer, or a template: both variables and a formula.
        then["oneOf"] = [
            {
                "required": ["answer"],
                "not": {"anyOf": [{"required": ["answer_formula"]}, {"required": ["variables"]}]},
            },
            {"required": ["answer_formula", "variables"], "not": {"required": ["answer"]}},
        ]
    return {"if": {"properties": {"type": {"const": qtype}}, "required": ["type"]}, "then": then}


def question_file_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    topics = list(vocabulary.topics)
    tags = sorted(vocabulary.tags)
    question: dict[str, Any] = {
        "type": "object",
        "required": list(COMMON_REQUIRED),
        "additionalProperties": False,
        "properties": {
            "id": {
                "type": "string",
                "pattern": ID_PATTERN,
                "description": "Stable and unique across the whole bank; never change it once published (progress is stored by id).",
            },
            "type": {"enum": list(QUESTION_TYPES)},
            "difficulty": {"enum": list(DIFFICULTIES), "description": "1 easy, 2 medium, 3 hard"},
            "tags": {
                "type": "array",
                "uniqueItems": True,
                "items": {"enum": tags} if tags else {"type": "string"},
                "description": "Tags listed in topics.yaml.",
            },
            "source": {
                "type": "string",
                "pattern": NON_BLANK,
                "description": "The paper, book chapter or docs page the answer rests on.",
            },
            "prompt": _text("The question (Markdown; code in fenced blocks)."),
            "explanation": _text("Shown after the answer: why the right answer is right."),
            "choices": {
                "type": "array",
                "minItems": MIN_CHOICES,
                "maxItems": MAX_CHOICES,
                "uniqueItems": True,
                "items": {"$ref": "#/definitions/choice"},
                "description": "single and multiple only.",
            },
            "answer": {
                "type": ["boolean", "number"],
                "description": "true_false: true or false; numeric: a number.",
            },
            "tolerance": {
                "type": "number",
                "minimum": 0,
                "description": "numeric only: the absolute tolerance (default 0).",
            },
            "unit": _text("numeric only: the unit of the answer."),
            "shuffle": {
                "type": "boolean",
                "description": "single and multiple only: false keeps the choices in the order written (default true: shuffled each time shown).",
            },
            "variables": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": r"^[A-Za-z_][A-Za-z0-9_]*$"},
                "additionalProperties": _variable(),
                "description": "numeric only: values drawn each time the question is shown, used as {name} in prompt and explanation.",
            },
            "answer_formula": {
                "type": "string",
                "pattern": NON_BLANK,
                "description": "numeric only, with variables: the answer, e.g. 4 * H * (D + H) + 8 * H. Numbers, variables, + - * / // % **, ( ) and exp, tanh, sigmoid, sqrt, log, min, max, abs, round.",
            },
            "model_answer": _text("open only: an answer an interviewer would accept."),
            "key_points": {
                "type": "array",
                "minItems": MIN_KEY_POINTS,
                "maxItems": MAX_KEY_POINTS,
                "items": {"$ref": "#/definitions/text"},
                "description": "open only: what a good answer mentions.",
            },
        },
        "allOf": [_type_rule(t) for t in QUESTION_TYPES],
    }
    choice: dict[str, Any] = {
        "type": "object",
        "required": list(LANGS),
        "additionalProperties": False,
        "properties": {
            "en": {"type": "string", "pattern": NON_BLANK},
            "zh": {"type": "string", "pattern": NON_BLANK},
            "correct": {"type": "boolean"},
            "why": {"$ref": "#/definitions/text", "description": "Why this choice is wrong."},
        },
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "lstm-quiz question file",
        "description": "One topic of the lstm-quiz question bank; see docs/question-format.md.",
        "type": "object",
        "required": ["topic", "questions"],
        "additionalProperties": False,
        "properties": {
            "topic": {
                "enum": topics,
                "description": "The topic id, equal to the file name without .yaml.",
            }
            if topics
            else {"type": "string"},
            "questions": {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/definitions/question"},
            },
        },
        "definitions": {
            "question": question,
            "choice": choice,
            "text": _text("A text in English and Chinese."),
        },
    }
