"""The loader: merging folders, id clashes, and no traceback whatever the input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lstm_quiz import paths
from lstm_quiz.bank.loader import bank_dirs, check_paths, load_bank, question_files
from lstm_quiz.bank.problems import BankError
from lstm_quiz.errors import UsageError

DATA = Path(__file__).resolve().parents[1] / "data" / "bank"
COURSE = DATA / "course"


@pytest.fixture(autouse=True)
def no_bank_path_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.ENV_BANK_PATH, raising=False)


def test_load_bank_is_the_shipped_bank() -> None:
    bank = load_bank()
    shipped = question_files(paths.shipped_bank_dir())
    assert len(bank) >= 100
    assert list(bank.files) == shipped
    assert {q.topic for q in bank} <= set(bank.topics)
    assert len(bank.by_id) == len(bank)


def test_a_bank_folder_adds_its_questions_topics_and_tags() -> None:
    shipped = load_bank()
    merged = load_bank([str(COURSE)])
    assert len(merged) == len(shipped) + 5
    assert "course_extras" in merged.topics
    assert "week-1" in merged.vocabulary.tags
    assert merged.by_id["course-single"].path == COURSE / "course_extras.yaml"


def test_bank_folders_come_from_the_environment_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.ENV_BANK_PATH, str(COURSE))
    assert bank_dirs(None)[-1] == COURSE
    assert "course-open" in load_bank().by_id


def test_an_id_clash_with_the_shipped_bank_names_both_files(tmp_path: Path) -> None:
    taken = load_bank().questions[0]
    folder = tmp_path / "mine"
    shutil.copytree(COURSE, folder)
    course_file = folder / "course_extras.yaml"
    course_file.write_text(
        course_file.read_text(encoding="utf-8").replace("id: course-single", f"id: {taken.id}"),
        encoding="utf-8",
    )
    with pytest.raises(BankError) as caught:
        load_bank([str(folder)])
    [problem] = caught.value.problems
    assert problem.path == course_file
    assert f"{taken.path.name}:{taken.line}" in problem.message
    assert f"question '{taken.id}'" in str(problem)
    assert "1 problem" in caught.value.message


def test_checking_a_folder_reports_a_clash_with_its_context_but_not_the_contexts_problems(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "mine"
    shutil.copytree(COURSE, folder)
    report = check_paths([folder], context=[paths.shipped_bank_dir(), DATA / "broken"])
    assert report.problems == []
    assert len(report.questions) == 5
    assert report.files == [folder / "course_extras.yaml"]


def test_a_shipped_file_checked_by_name_does_not_clash_with_itself() -> None:
    [first] = question_files(paths.shipped_bank_dir())[:1]
    report = check_paths([first], context=bank_dirs(None))
    assert report.problems == []


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not found"):
        load_bank([str(tmp_path / "nope")])


def test_question_files_skip_topics_hidden_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "topics.yaml").write_text("tags: []\n")
    (tmp_path / "a.yaml").write_text("")
    (tmp_path / "b.yml").write_text("")
    (tmp_path / "notes.md").write_text("")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.yaml").write_text("")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.yaml").write_text("")
    assert [p.relative_to(tmp_path).as_posix() for p in question_files(tmp_path)] == [
        "a.yaml",
        "b.yml",
        "sub/d.yaml",
    ]


# ------------------------------------------------------------- robustness
# The loader never raises on bad input: it either loads cleanly or returns
# problems, each located in the file at a line that exists.

VALID_TEXT = (COURSE / "course_extras.yaml").read_text(encoding="utf-8")
VALID_DATA = yaml.safe_load(VALID_TEXT)
FIELDS = sorted({key for question in VALID_DATA["questions"] for key in question})
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=3),
    st.just({"en": "x"}),
    st.just([{"en": "a", "zh": "b"}]),
)


def _assert_clean_or_located(folder: Path) -> None:
    report = check_paths([folder])
    path = folder / "course_extras.yaml"
    line_count = max(1, len(path.read_bytes().splitlines()) + 1)
    for problem in report.problems:
        assert problem.path in (path, folder / "topics.yaml")
        assert 1 <= problem.line <= line_count, str(problem)
        assert str(problem)  # formats
    if not report.problems:
        assert len(report.questions) == report.entries


def _write(folder: Path, text: str | bytes) -> None:
    folder.mkdir(exist_ok=True)
    shutil.copy(COURSE / "topics.yaml", folder / "topics.yaml")
    target = folder / "course_extras.yaml"
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")


PROPERTY = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(
    index=st.integers(0, len(VALID_DATA["questions"]) - 1),
    field=st.sampled_from(FIELDS),
    action=st.sampled_from(["delete", "retype", "rename"]),
    value=ODD_VALUES,
    new_name=st.text(min_size=1, max_size=10),
)
def test_mutated_fields_load_cleanly_or_give_located_problems(
    tmp_path: Path, index: int, field: str, action: str, value: object, new_name: str
) -> None:
    data = yaml.safe_load(VALID_TEXT)
    question = data["questions"][index]
    if field in question:
        if action == "delete":
            del question[field]
        elif action == "retype":
            question[field] = value
        else:
            question[new_name] = question.pop(field)
    _write(tmp_path / "bank", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    _assert_clean_or_located(tmp_path / "bank")


@PROPERTY
@given(data=st.data())
def test_corrupted_yaml_text_gives_located_problems(tmp_path: Path, data: st.DataObject) -> None:
    text = VALID_TEXT
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(text)))
        kind = data.draw(st.sampled_from(["delete", "insert", "truncate"]))
        if kind == "delete":
            text = text[:position] + text[position + data.draw(st.integers(1, 20)) :]
        elif kind == "insert":
            junk = data.draw(
                st.sampled_from(
                    [
                        ":",
                        "-",
                        "[",
                        "{",
                        '"',
                        "'",
                        "&a",
                        "*a",
                        "\t",
                        "!!",
                        "%",
                        "@",
                        "`",
                        "\n  ",
                        "\x00",
                        "? ",
                    ]
                )
            )
            text = text[:position] + junk + text[position:]
        else:
            text = text[:position]
    _write(tmp_path / "bank", text)
    _assert_clean_or_located(tmp_path / "bank")


@PROPERTY
@given(blob=st.binary(max_size=300))
def test_random_bytes_give_located_problems(tmp_path: Path, blob: bytes) -> None:
    _write(tmp_path / "bank", blob)
    _assert_clean_or_located(tmp_path / "bank")


@PROPERTY
@given(
    doc=st.recursive(
        ODD_VALUES,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(
                st.sampled_from(["topic", "questions", "id", "type", "en", "zh", *FIELDS]),
                children,
                max_size=5,
            ),
        ),
        max_leaves=20,
    )
)
def test_arbitrary_yaml_documents_give_located_problems(tmp_path: Path, doc: object) -> None:
    _write(tmp_path / "bank", yaml.safe_dump(doc, allow_unicode=True))
    _assert_clean_or_located(tmp_path / "bank")


@pytest.mark.parametrize(
    "text",
    [
        "a: &a [*a]\n",  # a recursive alias
        "topic: course_extras\nquestions: &q [*q]\n",
        "topic: course_extras\nquestions:\n  - &x {id: a, type: open, prompt: *x}\n",
        "x: " + "[" * 5000 + "]" * 5000 + "\n",  # deep nesting
        "- " * 3000 + "a\n",
        "topic: course_extras\nquestions:\n  - {<<: {id: merged}, type: true_false}\n",
    ],
    ids=["recursive", "recursive-questions", "self-prompt", "deep-flow", "deep-block", "merge-key"],
)
def test_pathological_yaml_gives_located_problems(tmp_path: Path, text: str) -> None:
    _write(tmp_path / "bank", text)
    _assert_clean_or_located(tmp_path / "bank")
