"""The JSON Schema accepts the shipped bank and rejects broken files."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from lstm_quiz import paths
from lstm_quiz.bank.loader import question_files
from lstm_quiz.bank.schema import question_file_schema, vocabulary_of

jsonschema = pytest.importorskip("jsonschema")

DATA = Path(__file__).resolve().parents[1] / "data" / "bank"
SHIPPED = question_files(paths.shipped_bank_dir())


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = question_file_schema(vocabulary_of([paths.shipped_bank_dir(), DATA / "course"]))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "path", [*SHIPPED, DATA / "course" / "course_extras.yaml"], ids=lambda p: p.name
)
def test_valid_files_pass_the_schema(validator: Any, path: Path) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(load(path))]
    assert errors == []


def test_the_broken_file_is_rejected_for_its_main_mistakes(validator: Any) -> None:
    errors = list(validator.iter_errors(load(DATA / "broken" / "lstm_architecture.yaml")))
    where = {tuple(e.absolute_path) for e in errors}
    assert () in where  # colour: unknown top-level field
    assert ("questions", 0, "difficulty") in where
    assert ("questions", 0, "tags", 1) in where  # unknown tag
    assert ("questions", 0, "prompt") in where  # missing zh
    assert ("questions", 0, "choices") in where  # two correct
    assert ("questions", 1, "choices") in where  # none correct


def _course() -> dict[str, Any]:
    return load(DATA / "course" / "course_extras.yaml")


def _mutations() -> list[tuple[str, Any]]:
    def single_two_correct(d: dict[str, Any]) -> None:
        d["questions"][0]["choices"][0]["correct"] = True

    def multiple_none_correct(d: dict[str, Any]) -> None:
        for c in d["questions"][1]["choices"]:
            c.pop("correct", None)

    def numeric_negative_tolerance(d: dict[str, Any]) -> None:
        d["questions"][3]["tolerance"] = -1

    def numeric_text_answer(d: dict[str, Any]) -> None:
        d["questions"][3]["answer"] = "1e-3"

    def true_false_number(d: dict[str, Any]) -> None:
        d["questions"][2]["answer"] = 1

    def open_without_key_points(d: dict[str, Any]) -> None:
        del d["questions"][4]["key_points"]

    def choices_on_true_false(d: dict[str, Any]) -> None:
        d["questions"][2]["choices"] = copy.deepcopy(d["questions"][0]["choices"])

    def missing_zh(d: dict[str, Any]) -> None:
        del d["questions"][0]["explanation"]["zh"]

    def unknown_field(d: dict[str, Any]) -> None:
        d["questions"][0]["anwser"] = 1

    def unknown_topic(d: dict[str, Any]) -> None:
        d["topic"] = "grus"

    def bad_id(d: dict[str, Any]) -> None:
        d["questions"][0]["id"] = "Bad Id"

    def empty_choices(d: dict[str, Any]) -> None:
        d["questions"][0]["choices"] = []

    def difficulty_out_of_range(d: dict[str, Any]) -> None:
        d["questions"][0]["difficulty"] = 4

    return [
        (f.__name__, f)
        for f in (
            single_two_correct,
            multiple_none_correct,
            numeric_negative_tolerance,
            numeric_text_answer,
            true_false_number,
            open_without_key_points,
            choices_on_true_false,
            missing_zh,
            unknown_field,
            unknown_topic,
            bad_id,
            empty_choices,
            difficulty_out_of_range,
        )
    ]


@pytest.mark.parametrize(("name", "mutate"), _mutations(), ids=[n for n, _ in _mutations()])
def test_each_kind_of_mistake_is_rejected(validator: Any, name: str, mutate: Any) -> None:
    data = _course()
    assert validator.is_valid(data)
    mutate(data)
    assert not validator.is_valid(data), name
