"""`lstm-quiz bank ...` through the real entry point, and import hygiene."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_quiz import paths
from lstm_quiz.bank.loader import check_paths, load_bank
from lstm_quiz.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "bank"


@pytest.fixture(autouse=True)
def no_bank_path_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.ENV_BANK_PATH, raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_the_shipped_bank(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "bank", "validate")
    bank = load_bank()
    assert code == 0, out + err
    assert out == f"{len(bank)} questions in {len(bank.files)} files: OK\n"


def test_validate_with_a_bank_folder_counts_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bank", "validate", "--bank", str(DATA / "course"))
    assert code == 0
    assert out.startswith(f"{len(load_bank()) + 5} questions in ")


def test_validate_a_broken_folder_prints_every_problem_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "bank", "validate", str(DATA / "broken"))
    report = check_paths([DATA / "broken"])
    assert code == 1
    assert out.splitlines() == [str(p) for p in report.problems]
    assert f"{len(report.problems)} problems in 12 questions in 2 files" in err


def test_validate_one_good_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bank", "validate", str(DATA / "course" / "course_extras.yaml"))
    assert (code, out) == (0, "5 questions in 1 file: OK\n")


def test_validate_a_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "bank", "validate", "no/such/folder")
    assert code == 2
    assert err == "lstm-quiz: error: question file or folder not found: no/such/folder\n"


def test_new_prints_a_template_that_validates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for qtype in ("single", "multiple", "true_false", "numeric", "open"):
        code, out, _ = run(capsys, "bank", "new", "--topic", "lstm_architecture", "--type", qtype)
        assert code == 0 and out.startswith("  - id: lstm-architecture-new-")
        target = tmp_path / qtype / "lstm_architecture.yaml"
        target.parent.mkdir()
        target.write_text(f"topic: lstm_architecture\nquestions:\n{out}", encoding="utf-8")
        report = check_paths([target])
        assert report.problems == [], [str(p) for p in report.problems]
        assert [q.type for q in report.questions] == [qtype]


def test_new_to_a_file_appends_with_fresh_ids(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "course" / "lstm_architecture.yaml"
    for qtype in ("open", "open", "numeric"):
        code, _, err = run(
            capsys,
            "bank",
            "new",
            "--topic",
            "lstm_architecture",
            "--type",
            qtype,
            "--to",
            str(target),
        )
        assert code == 0 and str(target) in err
    report = check_paths([target])
    assert report.problems == []
    assert [q.id for q in report.questions] == [
        "lstm-architecture-new-open",
        "lstm-architecture-new-open-2",
        "lstm-architecture-new-numeric",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--topic", "lstm_architectur", "--type", "open"], "did you mean 'lstm_architecture'"),
        (["--topic", "lstm_architecture", "--type", "open", "--id", "Bad Id"], "is not allowed"),
    ],
)
def test_new_rejects_bad_input(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "bank", "new", *argv)
    assert code == 2 and message in err


def test_new_rejects_an_id_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    taken = load_bank().questions[0].id
    code, _, err = run(
        capsys, "bank", "new", "--topic", "lstm_architecture", "--type", "open", "--id", taken
    )
    assert code == 2 and "already used" in err


def test_new_topic_from_a_bank_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "bank",
        "new",
        "--topic",
        "course_extras",
        "--type",
        "single",
        "--bank",
        str(DATA / "course"),
    )
    assert code == 0 and "id: course-extras-new-single" in out


def test_schema_is_json_with_the_vocabulary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bank", "schema", "--bank", str(DATA / "course"))
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "course_extras" in schema["properties"]["topic"]["enum"]
    assert "lstm_architecture" in schema["properties"]["topic"]["enum"]
    assert "week-1" in schema["definitions"]["question"]["properties"]["tags"]["items"]["enum"]


def test_stats_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bank", "stats", "--json", "--bank", str(DATA / "course"))
    stats = json.loads(out)
    bank = load_bank([str(DATA / "course")])
    assert code == 0
    assert stats["questions"] == len(bank)
    assert stats["by_topic"]["course_extras"] == 5
    assert sum(stats["by_type"].values()) == len(bank)
    assert sum(stats["by_difficulty"].values()) == len(bank)
    assert stats["by_language"] == {"en": len(bank), "zh": len(bank)}
    code, out, _ = run(capsys, "bank", "stats")
    assert code == 0
    assert "by topic:" in out and "numeric:" in out and "read this code" in out


def test_stats_refuses_a_broken_bank(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "bank", "stats", "--bank", str(DATA / "broken"))
    assert code == 1
    assert "problems:" in err and "lstm_architecture.yaml:9:" in err


def test_bank_without_an_action_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["bank"])
    assert caught.value.code == 2


def test_importing_the_bank_loads_no_ui_and_no_torch() -> None:
    code = (
        "import sys\n"
        "import lstm_quiz.bank.loader, lstm_quiz.bank.select, lstm_quiz.bank.answers\n"
        "import lstm_quiz.bank.schema, lstm_quiz.bank.stats, lstm_quiz.bank.template\n"
        "import lstm_quiz.session.plain_words\n"
        "from lstm_quiz.bank.loader import load_bank\n"
        "load_bank()\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    modules = set(result.stdout.split())
    assert "lstm_quiz.bank.loader" in modules
    for heavy in ("textual", "rich", "torch", "numpy", "pydantic"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy


def test_the_bank_command_module_imports_only_the_standard_library() -> None:
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import lstm_quiz.commands.bank, lstm_quiz.commands.practice\n"
        "print(' '.join(sorted(set(sys.modules) - before)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    new = set(result.stdout.split())
    assert not any(m.startswith("lstm_quiz.bank") or m == "yaml" for m in new), new
