"""Grader texts as templates: en/zh pairs with the same fields, per-exercise catalogs, fallback."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from lstm_quiz.grading.diagnose import sentence
from lstm_quiz.grading.engine_texts import ENGINE, engine
from lstm_quiz.grading.expect import GradingFailure, expect_array_like, expect_tuple
from lstm_quiz.grading.messages import (
    CATALOG_FILE,
    Join,
    Renderer,
    Text,
    both,
    fields,
    load_catalog,
    text,
    verbatim,
)
from lstm_quiz.grading.plugin import load_module

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
# The exercises whose texts have Chinese (the others fall back to English until theirs is added).
TRANSLATED = [
    "lstm_cell",
    "lstm_forward",
    "masked_lstm_forward",
    "bilstm_forward",
    "lstm_cell_backward",
    "gru_cell",
    "clip_grad_norm",
    "attention_pooling",
    "stable_sigmoid",
    "lstm_module",
    "train_classifier",
    "beam_search",
    "ctc_greedy_decode",
    "make_windows",
    "text_pipeline",
    "lstm_backward",
    "stacked_lstm_forward",
    "cnn_lstm_forward",
    "seq2seq_greedy",
    "tbptt_train",
]
CATALOGS = sorted(EXERCISES.glob(f"*/{CATALOG_FILE}"))
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("key", sorted(ENGINE))
def test_engine_templates_have_the_same_fields_in_both_languages(key: str) -> None:
    en, zh = ENGINE[key]
    assert sorted(fields(en)) == sorted(fields(zh)), key
    # Chinese unless the template is only fields and punctuation ("{function}()").
    words = re.sub(r"\{[^}]*\}", "", en)
    assert CJK.search(zh) or key.startswith("verb.") or not re.search(r"[A-Za-z]{3,}", words), key


@pytest.mark.parametrize("path", CATALOGS, ids=[p.parent.name for p in CATALOGS])
def test_catalog_entries_have_the_same_fields_and_are_chinese(path: Path) -> None:
    catalog = load_catalog(path.parent)
    assert catalog, f"{path} is empty"
    for en, zh in catalog.items():
        assert sorted(fields(en)) == sorted(fields(zh)), en
        words = re.sub(r"\{[^}]*\}", "", en)
        if re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}", words):  # a phrase, not just N=3, D=4
            assert CJK.search(zh), f"{en!r} is not translated: {zh!r}"


def test_every_shipped_exercise_has_a_catalog_and_is_checked_in_chinese() -> None:
    shipped = {p.parent.name for p in EXERCISES.glob("*/exercise.yaml")}
    assert {p.parent.name for p in CATALOGS} == shipped
    assert set(TRANSLATED) == shipped  # test_zh_verdicts grades each one's mistakes in zh


def _docstrings(suite: Path) -> list[str]:
    tree = ast.parse(suite.read_text(encoding="utf-8"))
    return [
        ast.get_docstring(node, clean=True).strip().splitlines()[0].strip()  # type: ignore[union-attr]
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and node.name.startswith("test_")
        and ast.get_docstring(node)
    ]


@pytest.mark.parametrize("name", TRANSLATED)
def test_every_description_and_known_mistake_has_chinese(name: str) -> None:
    """Test docstrings and every signature's description, including mistakes no file makes."""
    folder = EXERCISES / name
    catalog = load_catalog(folder)
    renderer = Renderer("zh", catalog)
    for description in _docstrings(folder / f"test_{name}.py"):
        renderer.render(description)
    if (folder / "signatures.py").is_file():
        signatures = load_module(folder / "signatures.py")
        # SIGNATURES, or several lists (text_pipeline: VOCAB_SIGNATURES, ENCODE_SIGNATURES)
        for name in [n for n in vars(signatures) if n.endswith("SIGNATURES")]:
            for description, _ in getattr(signatures, name):
                renderer.render(description)
    assert renderer.missing == []


def test_a_text_without_chinese_falls_back_to_english_and_is_recorded() -> None:
    renderer = Renderer("zh", {"h equals": "h 等于"})
    said = renderer.render(sentence("h equals", ["a new mistake nobody translated"]))
    assert said == "你的 h 等于一个已知错误的结果：a new mistake nobody translated。"
    assert renderer.missing == ["a new mistake nobody translated"]
    # English never records anything.
    english = Renderer("en")
    assert english.render(sentence("h equals", ["x"])) == (
        "Your h equals the result of a known mistake: x."
    )
    assert english.missing == []


def test_a_translation_with_wrong_fields_falls_back_instead_of_crashing() -> None:
    renderer = Renderer("zh", {"{n} steps": "{m} 步"})
    assert renderer.render(text("{n} steps", n=3)) == "3 steps"
    assert renderer.missing == ["{n} steps"]


def test_values_are_identical_in_both_languages() -> None:
    with pytest.raises(GradingFailure) as caught:
        expect_array_like([[1.0, 2.0]], (2, 4), "h_T", context=verbatim("N=2, D=3, H=4"))
    en, zh, missing = both(caught.value.text, {})
    assert en == (
        "h_T should be a numpy.ndarray, got a list; wrap it with np.array(...) or compute with "
        "NumPy arrays throughout (N=2, D=3, H=4)"
    )
    assert zh.startswith("h_T 应为 numpy.ndarray，实际得到 list；")
    assert zh.endswith("（N=2, D=3, H=4）")
    assert missing == []


def test_a_text_without_parameters_is_literal() -> None:
    # A docstring with braces is not a template.
    assert Renderer("zh", {}).render("labels in {0, 1}") == "labels in {0, 1}"
    assert Renderer("zh", {"labels in {0, 1}": "标签取 {0, 1}"}).render("labels in {0, 1}") == (
        "标签取 {0, 1}"
    )


def test_lists_join_per_language() -> None:
    names = Join(("dx", "dW_ih", "db_hh"), last=(" and ", " 和 "))
    message = Text("{names} are wrong", {"names": names}, "{names} 不对")
    assert Renderer("en").render(message) == "dx, dW_ih and db_hh are wrong"
    assert Renderer("zh").render(message) == "dx、dW_ih 和 db_hh 不对"


def test_structure_failures_render_in_chinese() -> None:
    with pytest.raises(GradingFailure) as caught:
        expect_tuple((1, 2, 3), ["h", "c"])
    assert Renderer("zh").render(caught.value.text) == "应返回含 2 项的元组 (h, c)，实际有 3 项"
    assert caught.value.message == "expected a tuple (h, c) of 2 items, got 3 items"


def test_engine_text_keeps_format_specs_in_both_languages() -> None:
    failure = engine("call.timeout", what=engine("call.function", function="lstm_cell"), seconds=2)
    assert Renderer("en").render(failure) == (
        "lstm_cell() did not finish within 2.0 s (an endless loop?)"
    )
    assert Renderer("zh").render(failure) == "lstm_cell() 未在 2.0 秒内完成（死循环？）"


def test_chinese_puts_no_space_between_han_characters_but_keeps_it_before_code() -> None:
    zh = Renderer("zh")
    template = "你的 {what}一个已知错误的结果。"
    assert zh.render(Text("Your {what} a mistake.", {"what": "数组等于"}, template)) == (
        "你的数组等于一个已知错误的结果。"
    )
    assert zh.render(Text("Your {what} a mistake.", {"what": "(h, c) 等于"}, template)) == (
        "你的 (h, c) 等于一个已知错误的结果。"
    )
    # the learner's own text is never respaced
    learner = Text("got {x}", {"x": verbatim("你好 世界")}, "得到 {x}")
    assert zh.render(learner) == "得到你好 世界"
    # a Chinese value that ends in full-width punctuation before a Han word
    differs = Text("{name} differs", {"name": "h（第 1 个片段）"}, "{name} 与参考结果不一致")
    assert zh.render(differs) == "h（第 1 个片段）与参考结果不一致"
