"""`lstm-quiz exercise list` groups the exercises by track, in the order a candidate takes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lstm_quiz.cli import main

HEADINGS = {"en": ["NumPy from scratch", "PyTorch", "Applications"], "zh": ["NumPy 从零实现", "PyTorch 实现", "应用"]}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_list_has_one_heading_per_track_before_its_exercises(
    tmp_path: Path, capsys, lang: str
) -> None:
    assert main(["exercise", "list", "--lang", lang, "--data-dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    headings = [line for line in lines if line in HEADINGS[lang]]
    assert headings == HEADINGS[lang]
    section = {}
    current = ""
    for line in lines[1:]:
        if line in HEADINGS[lang]:
            current = line
        elif line.strip():
            section[line.split()[0]] = current
    numpy, torch, apps = HEADINGS[lang]
    assert section["stable_sigmoid"] == section["lstm_backward"] == numpy
    assert section["lstm_module"] == section["train_classifier"] == torch
    assert section["attention_pooling"] == section["beam_search"] == apps
    ids = [line.split()[0] for line in lines[1:] if line.strip() and line not in HEADINGS[lang]]
    assert ids.index("lstm_backward") < ids.index("lstm_module") < ids.index("attention_pooling")


def test_json_list_says_each_exercise_s_track_in_catalogue_order(tmp_path: Path, capsys) -> None:
    assert main(["exercise", "list", "--json", "--data-dir", str(tmp_path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    tracks = [row["track"] for row in rows]
    assert tracks == sorted(tracks, key=["numpy", "pytorch", "applications"].index)
    by_id = {row["id"]: row for row in rows}
    assert by_id["lstm_module"]["track"] == "pytorch"
    assert by_id["lstm_module"]["track_label"] == "PyTorch"
    assert by_id["ctc_greedy_decode"]["track"] == "applications"
