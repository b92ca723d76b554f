"""The validator: every problem, at the line of the field at fault, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from lstm_quiz import paths
from lstm_quiz.bank.loader import check_paths, question_files
from lstm_quiz.bank.models import Text
from lstm_quiz.bank.problems import Problem
from lstm_quiz.bank.validate import check_file
from lstm_quiz.bank.vocabulary import VocabularyBuilder

DATA = Path(__file__).resolve().parents[1] / "data" / "bank"
EXPECT = re.compile(r"#\s*expect:\s*(.+?)\s*$")


def expectations(folder: Path) -> dict[tuple[Path, int], list[str]]:
    """``# expect: a || b`` comments of every file of ``folder``, by (file, line)."""
    found: dict[tuple[Path, int], list[str]] = {}
    for path in sorted(folder.glob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = EXPECT.search(line)
            if match:
                found[(path, number)] = [part.strip() for part in match.group(1).split("||")]
    return found


def located(problems: list[Problem]) -> dict[tuple[Path, int], list[str]]:
    by_line: dict[tuple[Path, int], list[str]] = {}
    for problem in problems:
        by_line.setdefault((problem.path, problem.line), []).append(str(problem))
    return by_line


@pytest.mark.parametrize("folder", ["broken", "syntax"])
def test_every_expected_problem_is_reported_at_its_line_and_nothing_else(folder: str) -> None:
    report = check_paths([DATA / folder])
    expected = expectations(DATA / folder)
    got = located(report.problems)
    assert expected, "the test data lost its # expect: comments"
    assert set(got) == set(expected), (
        f"lines with problems {sorted(k[1] for k in got)} != expected {sorted(k[1] for k in expected)}\n"
        + "\n".join(str(p) for p in report.problems)
    )
    for key, fragments in expected.items():
        messages = got[key]
        assert len(messages) == len(fragments), f"line {key[1]}: {messages} vs {fragments}"
        for fragment in fragments:
            assert any(fragment in m for m in messages), (
                f"line {key[1]}: {fragment!r} not in {messages}"
            )


def test_problems_read_path_line_question_what_expected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA.parents[2])  # paths are shown relative to the current folder
    report = check_paths([DATA / "broken"])
    pattern = re.compile(r"^[^:]+\.yaml:\d+: (question ('[^']+'|#\d+): )?.+ \(.+\)$")
    for problem in report.problems:
        assert pattern.match(str(problem)), str(problem)
    assert (
        "tests/data/bank/broken/lstm_architecture.yaml:9: question 'broken-single-two-correct': "
        "difficulty 4 is out of range (1 easy, 2 medium or 3 hard)"
    ) in [str(p).replace("\\", "/") for p in report.problems]


def test_a_duplicate_id_names_both_places() -> None:
    report = check_paths([DATA / "broken"])
    [duplicate] = [p for p in report.problems if "already used" in p.message]
    assert duplicate.question == "question 'broken-duplicate'"
    assert duplicate.path.name == "lstm_architecture.yaml"
    assert "gru_variants.yaml:3" in duplicate.message


def test_questions_with_problems_are_left_out_and_good_ones_kept() -> None:
    report = check_paths([DATA / "broken"])
    # The only valid question is broken-duplicate in gru_variants.yaml, and
    # its id is reused by the other file: that one is left out.
    assert [q.id for q in report.questions] == ["broken-duplicate"]
    assert report.questions[0].path.name == "gru_variants.yaml"
    assert report.entries == 12


@pytest.mark.parametrize(
    "path",
    [*question_files(paths.shipped_bank_dir()), paths.shipped_bank_dir() / "topics.yaml"],
    ids=lambda p: p.name,
)
def test_shipped_bank_file_is_valid(path: Path) -> None:
    """Every shipped file, whatever files exist at the time: none is skipped."""
    report = check_paths([path])
    assert report.problems == [], "\n".join(str(p) for p in report.problems)


def test_the_whole_shipped_bank_is_valid_and_not_empty() -> None:
    report = check_paths([paths.shipped_bank_dir()])
    assert report.problems == [], "\n".join(str(p) for p in report.problems)
    assert len(report.questions) >= 100
    assert len(report.files) == len(question_files(paths.shipped_bank_dir()))


def _vocabulary():  # type: ignore[no-untyped-def]
    builder = VocabularyBuilder()
    builder.add_file(paths.shipped_bank_dir() / "topics.yaml")
    return builder.build()


def _check(tmp_path: Path, body: str, topic: str = "lstm_architecture"):  # type: ignore[no-untyped-def]
    path = tmp_path / f"{topic}.yaml"
    path.write_text(f"topic: {topic}\nquestions:\n{body}", encoding="utf-8")
    return check_file(path, _vocabulary())


QUESTION = """\
  - id: t-one
    type: {type}
    difficulty: 2
    tags: [lstm]
    source: "A source"
    prompt: {{en: "Q?", zh: "问？"}}
    explanation: {{en: "E.", zh: "解。"}}
{extra}"""


def test_a_valid_question_of_each_type_builds_typed_models(tmp_path: Path) -> None:
    result = _check(
        tmp_path,
        (DATA / "course" / "course_extras.yaml")
        .read_text()
        .split("questions:\n", 1)[1]
        .replace("week-1", "gates"),
    )
    # course_extras is not a shipped topic, but the questions themselves are valid.
    assert [q.type for q in result.questions] == [
        "single",
        "multiple",
        "true_false",
        "numeric",
        "open",
    ]
    single, multiple, true_false, numeric, open_ = result.questions
    assert single.correct_indices == {1}
    assert single.choices[0].why == Text(
        "The output gate scales tanh(c_t) into h_t.", "输出门把 tanh(c_t) 缩放为 h_t。"
    )
    assert multiple.correct_indices == {0, 2}
    assert true_false.answer is True
    assert numeric.answer == 12.0 and numeric.tolerance == 0.5
    assert numeric.unit == Text("matrices", "个矩阵")
    assert numeric.tags == ()
    assert open_.model_answer is not None and len(open_.key_points) == 2
    assert single.line == 3 and single.topic == "lstm_architecture"


@pytest.mark.parametrize(
    ("qtype", "extra", "fragment"),
    [
        ("numeric", "    answer: .nan\n", "'answer' is nan (a finite number)"),
        ("numeric", "    answer: true\n", "'answer' is true/false (a number)"),
        ("numeric", "    answer: 3\n    tolerance: abc\n", "'tolerance' is text (a number)"),
        ("true_false", "    answer: 1\n", "'answer' is an integer (true or false)"),
        ("true_false", "", "missing field 'answer' (answer: true or answer: false)"),
        (
            "numeric",
            "",
            "missing field 'answer' (answer: <number>, or variables: and answer_formula:)",
        ),
        (
            "open",
            "    model_answer: {en: a, zh: b}\n    key_points: [{en: a, zh: b}]\n    unit: {en: a, zh: b}\n",
            "field 'unit' is not used by open questions",
        ),
        (
            "single",
            "    choices: {en: a, zh: b}\n",
            "'choices' is a mapping (a list of 2 to 8 choices)",
        ),
        (
            "single",
            "    choices:\n      - {en: a, zh: b, correct: true}\n",
            "1 choices (2 to 8 choices)",
        ),
        (
            "multiple",
            "    choices: [{en: a, zh: b, correct: true}, {en: c, zh: b}]\n",
            "choice 2 has the same zh text as choice 1",
        ),
        (
            "multiple",
            "    choices: [{en: a, zh: b, correct: true}, {en: c, zh: d, right: true}]\n",
            "unknown field 'right' in choice 2",
        ),
        (
            "open",
            "    model_answer: {en: a, zh: b}\n    key_points: [a]\n",
            "key point 1 is text (a mapping with en and zh texts)",
        ),
    ],
)
def test_type_specific_problems(tmp_path: Path, qtype: str, extra: str, fragment: str) -> None:
    result = _check(tmp_path, QUESTION.format(type=qtype, extra=extra))
    messages = [str(p) for p in result.problems]
    assert any(fragment in m for m in messages), messages
    assert result.questions == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "the file is empty"),
        ("- a\n- b\n", "the file is a list"),
        ("topic: lstm_architecture\n", "missing field 'questions'"),
        ("topic: lstm_architecture\nquestions: []\n", "'questions' is empty"),
        ("topic: lstm_architecture\nquestions: nope\n", "'questions' is text"),
        ("questions:\n  - x\n", "missing field 'topic' (topic: lstm_architecture)"),
        ("topic: [a]\nquestions:\n  - x\n", "'topic' is a list"),
        (
            "? [a, b]\n: c\ntopic: lstm_architecture\nquestions: [x]\n",
            "a key is a list, not a field name",
        ),
        ("topic: !!python/object:os.system x\nquestions: [x]\n", "'topic' is a value tagged"),
    ],
)
def test_file_level_problems(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "lstm_architecture.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_file(path, _vocabulary())
    assert any(fragment in str(p) for p in result.problems), [str(p) for p in result.problems]


def test_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "lstm_architecture.yaml"
    path.write_bytes(b"topic: lstm_architecture\nquestions:\n  - id: \xff\xfe\n")
    [problem] = check_file(path, _vocabulary()).problems
    assert problem.line == 3 and "not UTF-8" in problem.message


def test_control_character_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "lstm_architecture.yaml"
    path.write_text("topic: lstm_architecture\nquestions:\n  - id: a\x07b\n", encoding="utf-8")
    [problem] = check_file(path, _vocabulary()).problems
    assert problem.line == 3 and "not allowed in YAML" in problem.message


def test_yes_and_no_are_booleans_as_in_yaml_1_1(tmp_path: Path) -> None:
    result = _check(tmp_path, QUESTION.format(type="true_false", extra="    answer: no\n"))
    assert result.problems == []
    assert result.questions[0].answer is False


def test_an_exponent_with_a_dot_is_a_number(tmp_path: Path) -> None:
    result = _check(
        tmp_path,
        QUESTION.format(type="numeric", extra="    answer: 1.0e-3\n    tolerance: 1.0e-5\n"),
    )
    assert result.problems == []
    assert result.questions[0].answer == pytest.approx(1e-3)


@pytest.mark.parametrize("path", question_files(paths.shipped_bank_dir()), ids=lambda p: p.name)
def test_shipped_files_parse_with_the_pure_python_loader_too(path: Path) -> None:
    """The validator uses libyaml, which accepts a few things PyYAML's own
    parser rejects (e.g. `{en: Why?, zh: ...}`); a PyYAML without libyaml
    must read the shipped bank as well."""
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
