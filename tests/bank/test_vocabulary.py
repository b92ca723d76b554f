"""topics.yaml files: merged, each problem located."""

from __future__ import annotations

from pathlib import Path

from lstm_quiz import paths
from lstm_quiz.bank.vocabulary import VocabularyBuilder


def build(*files: Path) -> VocabularyBuilder:
    builder = VocabularyBuilder()
    for f in files:
        builder.add_file(f)
    return builder


def test_the_shipped_vocabulary_is_clean() -> None:
    builder = build(paths.shipped_bank_dir() / "topics.yaml")
    assert builder.problems == []
    vocabulary = builder.build()
    assert "lstm_architecture" in vocabulary.topics
    assert vocabulary.topics["lstm_architecture"].title.en == "LSTM architecture"
    assert "forget-gate" in vocabulary.tags


def test_redefining_a_topic_names_the_first_definition(tmp_path: Path) -> None:
    mine = tmp_path / "topics.yaml"
    mine.write_text("topics:\n  lstm_architecture: {en: Mine, zh: 我的}\ntags: [lstm, extra-tag]\n")
    builder = build(paths.shipped_bank_dir() / "topics.yaml", mine)
    [problem] = builder.problems
    assert problem.path == mine and problem.line == 2
    assert "already defined at" in problem.message and "question_bank" in problem.message
    assert "extra-tag" in builder.build().tags  # tags may repeat shipped ones


def test_shapes_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "topics.yaml"
    bad.write_text(
        "topics:\n"
        "  Bad-Topic: {en: a, zh: b}\n"
        "  ok_topic: just text\n"
        "  other: {en: a, zh: b, fr: c}\n"
        "tags: nope\n"
        "extra: 1\n"
    )
    lines = sorted((p.line, p.message) for p in build(bad).problems)
    assert [line for line, _ in lines] == [2, 3, 4, 5, 6]
    assert "topic id 'Bad-Topic' is not allowed" in lines[0][1]
    assert "'tags' is text" in lines[3][1]
    assert "unknown field 'extra'" in lines[4][1]


def test_empty_and_broken_files(tmp_path: Path) -> None:
    empty = tmp_path / "topics.yaml"
    empty.write_text("")
    assert "empty" in build(empty).problems[0].message
    empty.write_text("topics: [\n")
    assert "YAML syntax error" in build(empty).problems[0].message
