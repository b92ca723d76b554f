"""`lstm-quiz bank export --anki`: the .apkg opened as Anki would (a zip holding an SQLite db)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("genanki")

from lstm_quiz.bank.loader import load_bank
from lstm_quiz.bank.models import Bank, Question, Text
from lstm_quiz.integrations import MissingExtraError, require
from lstm_quiz.integrations.anki import MODEL_ID, export_anki


def _open(apkg: Path, folder: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(apkg) as archive:
        assert "collection.anki2" in archive.namelist()
        archive.extract("collection.anki2", folder)
    return sqlite3.connect(folder / "collection.anki2")


def _notes(apkg: Path, folder: Path) -> dict[str, dict[str, Any]]:
    """question id -> guid, fields, tags, deck name."""
    folder.mkdir(parents=True, exist_ok=True)
    db = _open(apkg, folder)
    decks = {
        int(k): v["name"]
        for k, v in json.loads(db.execute("select decks from col").fetchone()[0]).items()
    }
    deck_of = dict(db.execute("select nid, did from cards").fetchall())
    notes = {}
    for nid, guid, mid, flds, tags in db.execute("select id, guid, mid, flds, tags from notes"):
        front, back, question_id = flds.split("\x1f")
        notes[question_id] = {
            "guid": guid,
            "model": mid,
            "front": front,
            "back": back,
            "tags": tags.split(),
            "deck": decks[deck_of[nid]],
        }
    db.close()
    return notes


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(scope="module")
def english(bank: Bank, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("anki_en")
    summary = export_anki(bank, folder / "deck.apkg", "en")
    assert summary.notes == len(bank)
    return _notes(folder / "deck.apkg", folder / "db")


def test_one_note_per_question_in_its_topic_deck(bank: Bank, english: dict) -> None:
    assert set(english) == {q.id for q in bank}
    for question in bank:
        note = english[question.id]
        assert note["deck"] == f"lstm-quiz::{bank.topics[question.topic].title.en}"
        assert set(question.tags) <= set(note["tags"])
        assert question.topic in note["tags"]
        assert note["model"] == MODEL_ID


def test_fronts_and_backs(bank: Bank, english: dict) -> None:
    single = next(q for q in bank if q.type == "single" and not q.has_code)
    note = english[single.id]
    assert note["front"].count("<li>") == len(single.choices)
    assert '<ol class="choices">' in note["front"]  # lettered A, B, C by the card's CSS
    right = min(single.correct_indices)
    assert f"<b>{'ABCDEFGH'[right]}.</b>" in note["back"]
    assert single.source.split(",")[0] in note["back"].replace("&amp;", "&")
    true_false = next(q for q in bank if q.type == "true_false")
    expected = "true" if true_false.answer else "false"
    assert f"The answer: {expected}" in english[true_false.id]["back"]
    opened = next(q for q in bank if q.type == "open")
    assert "Key points:" in english[opened.id]["back"]


def test_code_is_highlighted(bank: Bank, english: dict) -> None:
    coded = [q for q in bank if q.has_code]
    assert coded
    for question in coded:
        front = english[question.id]["front"]
        assert '<pre class="highlight"><code>' in front
        if "```python" in question.prompt.en:
            assert '<span class="n">' in front  # Pygments tokens (n: a name)


def test_templated_questions_show_numbers(bank: Bank, english: dict) -> None:
    templates = [q for q in bank if q.is_template]
    for question in templates:
        for variable in question.variables:
            assert "{" + variable.name + "}" not in english[question.id]["front"]


def test_guids_are_stable_across_exports_and_edits(
    bank: Bank, english: dict, tmp_path: Path
) -> None:
    first = bank.questions[0]
    fields = {name: getattr(first, name) for name in Question.__slots__}
    fields["prompt"] = Text(en="An edited prompt <script>alert(1)</script>", zh=first.prompt.zh)
    edited = Bank((Question(**fields), *bank.questions[1:]), bank.vocabulary)
    export_anki(edited, tmp_path / "again.apkg", "en")
    again = _notes(tmp_path / "again.apkg", tmp_path / "db")
    assert {k: v["guid"] for k, v in again.items()} == {k: v["guid"] for k, v in english.items()}
    assert {k: v["deck"] for k, v in again.items()} == {k: v["deck"] for k, v in english.items()}
    front = again[first.id]["front"]
    assert "An edited prompt" in front
    assert "<script>" not in front and "&lt;script&gt;" in front  # bank text is never HTML


def test_both_languages_and_chinese(bank: Bank, english: dict, tmp_path: Path) -> None:
    question = next(q for q in bank if q.type == "single" and not q.is_template)
    export_anki(bank, tmp_path / "both.apkg", "both")
    export_anki(bank, tmp_path / "zh.apkg", "zh")
    both = _notes(tmp_path / "both.apkg", tmp_path / "both")
    chinese = _notes(tmp_path / "zh.apkg", tmp_path / "zh")
    first_words = question.prompt.en.split("\n")[0][:30]
    zh_words = question.prompt.zh.split("\n")[0][:12]
    assert first_words in both[question.id]["front"] and zh_words in both[question.id]["front"]
    assert (
        zh_words in chinese[question.id]["front"]
        and first_words not in chinese[question.id]["front"]
    )
    assert "解析：" in chinese[question.id]["back"]
    assert chinese[question.id]["deck"] == f"lstm-quiz::{bank.topics[question.topic].title.zh}"
    # Each language keeps notes of its own: an English and a Chinese deck can live side by side.
    assert chinese[question.id]["guid"] != english[question.id]["guid"]
    assert len({n["guid"] for n in both.values()}) == len(bank)


def lstm_quiz(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lstm_quiz", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_topic_filter_and_errors(bank: Bank, tmp_path: Path) -> None:
    done = lstm_quiz(
        "bank", "export", "--anki", str(tmp_path / "gru.apkg"), "--topic", "gru_variants"
    )
    assert done.returncode == 0, done.stderr
    count = sum(q.topic == "gru_variants" for q in bank)
    assert done.stdout.startswith(f"wrote {count} notes in 1 decks to ")
    assert len(_notes(tmp_path / "gru.apkg", tmp_path / "db")) == count
    wrong_suffix = lstm_quiz("bank", "export", "--anki", str(tmp_path / "deck.zip"))
    assert wrong_suffix.returncode == 2 and "must end in .apkg" in wrong_suffix.stderr
    unknown = lstm_quiz("bank", "export", "--anki", str(tmp_path / "d.apkg"), "--topic", "gru")
    assert unknown.returncode == 2 and "unknown topic 'gru'" in unknown.stderr
    assert "Traceback" not in wrong_suffix.stderr + unknown.stderr


def test_missing_genanki_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "genanki", None)  # import genanki now raises ImportError
    with pytest.raises(MissingExtraError, match=r"pip install 'lstm-quiz\[anki\]'"):
        require("genanki", "exporting an Anki deck")


def test_the_deck_is_compressed_and_replaces_the_file_whole(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    path.write_text("an older export")
    summary = export_anki(bank, path, "both")
    with zipfile.ZipFile(path) as archive:
        entry = archive.getinfo("collection.anki2")
        assert entry.compress_type == zipfile.ZIP_DEFLATED
        assert archive.testzip() is None
    assert summary.size == path.stat().st_size < entry.file_size / 3
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]  # no temporary left behind
