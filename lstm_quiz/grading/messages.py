"""Learner-facing grader texts as templates, rendered in English or Chinese.

A ``Text`` holds an English template (``str.format`` fields), its parameters
and, for the engine's own texts, a Chinese template. Parameters are values
(names, shapes, numbers, the learner's text) and appear unchanged in both
languages; a parameter that is itself a ``Text`` or ``Join`` is rendered in
the same language.

An exercise's texts (test docstrings, ``context=`` strings, diagnoses) carry
no Chinese of their own: a ``Renderer`` looks their English template up in
the exercise's catalog, ``exercises/NAME/messages.zh.yaml``. A text with no
Chinese falls back to English and is recorded in ``Renderer.missing``, so a
test can tell a translated verdict from one that fell back.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")
CATALOG_FILE = "messages.zh.yaml"


@dataclass(frozen=True)
class Text:
    """One learner-facing text: a template and the values it is filled with."""

    en: str  # the English template; for an exercise's text also its key in the catalog
    params: Mapping[str, Any] = field(default_factory=dict)
    zh: str | None = None  # None: the exercise's catalog gives the Chinese

    def __str__(self) -> str:
        return Renderer("en").render(self)

    def __bool__(self) -> bool:
        return bool(self.en)


@dataclass(frozen=True)
class Join:
    """Texts or values joined into one list ("a, b and c" / "a、b 和 c")."""

    items: tuple[Any, ...]
    sep: tuple[str, str] = (", ", "、")  # (en, zh)
    last: tuple[str, str] | None = None  # the separator before the last item, if different


def text(en: str, zh: str | None = None, /, **params: Any) -> Text:
    """A text with its parameters: ``text("h has shape {shape}", shape=(2, 3))``."""
    return Text(en, params, zh)


def verbatim(value: object) -> Text:
    """A text that reads the same in every language: sizes, values ("N=2, D=3, H=4")."""
    return Text("{value}", {"value": str(value)}, "{value}")


def joined(items: tuple[Text | str, ...], sep: tuple[str, str] = (" ", "")) -> Text:
    """Several texts as one, e.g. sentences: joined by a space in English, by nothing in Chinese."""
    return Text("{items}", {"items": Join(tuple(as_text(i) for i in items), sep)}, "{items}")


def as_text(value: Text | str) -> Text:
    """A plain string is an exercise text with no parameters (looked up in the catalog)."""
    return value if isinstance(value, Text) else Text(value)


def fields(template: str) -> list[tuple[str, str]]:
    """The (name, format spec) of every replacement field of a template, in order."""
    return [
        (name, spec or "")
        for _, name, spec, _ in string.Formatter().parse(template)
        if name is not None
    ]


class Renderer:
    """Renders texts in one language, with one exercise's catalog for its own texts."""

    def __init__(self, lang: Lang, catalog: Mapping[str, str] | None = None) -> None:
        self.lang: Lang = lang
        self.catalog = catalog or {}
        self.missing: list[str] = []  # English templates that had no Chinese

    def render(self, value: Text | str | None) -> str:
        if value is None:
            return ""
        return self._render(as_text(value)) if value else ""

    def _template(self, item: Text) -> str:
        if self.lang == "en":
            return item.en
        zh = item.zh if item.zh is not None else self.catalog.get(item.en)
        if zh is None:
            if item.en not in self.missing:
                self.missing.append(item.en)
            return item.en
        return zh

    def _render(self, item: Text) -> str:
        template = self._template(item)
        if not item.params:
            return template  # a text without parameters is literal: "labels in {0, 1}"
        values = {name: self._value(value) for name, value in item.params.items()}
        if self.lang == "zh" and template != item.en:
            template = _tight_spaces(template, values)
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            # A translation whose fields do not match its English (test_messages checks
            # the shipped ones): the English, recorded as untranslated, not a crash.
            if template == item.en:
                raise
            self.missing.append(item.en)
            return item.en.format(**values)

    def _value(self, value: Any) -> Any:
        if isinstance(value, Text):
            return self._render(value)
        if isinstance(value, Join):
            zh = self.lang == "zh"
            items = [str(self._value(v)) for v in value.items]
            sep = value.sep[zh]
            if value.last is None or len(items) < 2:
                return sep.join(items)
            return sep.join(items[:-1]) + value.last[zh] + items[-1]
        return value


def load_catalog(exercise_dir: Path) -> dict[str, str]:
    """An exercise's English-to-Chinese catalog; {} when it has none (its texts stay English)."""
    import yaml

    path = exercise_dir / CATALOG_FILE
    if not path.is_file():
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser: ~10x faster
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping from English text to Chinese")
    return {str(k): str(v) for k, v in data.items()}


def both(value: Text | str | None, catalog: Mapping[str, str]) -> tuple[str, str, list[str]]:
    """(English, Chinese, the templates that had no Chinese) of one text."""
    zh = Renderer("zh", catalog)
    return Renderer("en").render(value), zh.render(value), zh.missing


_HAN = "\u3400-\u9fff\uf900-\ufaff"
_CJK = _HAN + "\u3000-\u303f\uff00-\uffef"  # and full-width punctuation: "）", "，"
_FIELD_AFTER_SPACE = re.compile(rf"(?<=[{_HAN}]) \{{(\w+)([^{{}}]*)\}}")
_FIELD_BEFORE_SPACE = re.compile(rf"\{{(\w+)([^{{}}]*)\}} (?=[{_HAN}])")


def _tight_spaces(template: str, values: Mapping[str, Any]) -> str:
    """Chinese puts no space between Han characters: "你的 {what}" reads "你的 (h, c) 等于"
    when the value is code, but "你的数组等于" when it is Chinese. Only the template's own
    spaces go; the values (the learner's text among them) are never touched."""

    def starts_han(name: str) -> bool:
        return bool(re.match(rf"[{_CJK}]", str(values.get(name, ""))))

    def ends_han(name: str) -> bool:
        return bool(re.search(rf"[{_CJK}]$", str(values.get(name, ""))))

    template = _FIELD_AFTER_SPACE.sub(
        lambda m: m.group(0)[1:] if starts_han(m.group(1)) else m.group(0), template
    )
    return _FIELD_BEFORE_SPACE.sub(
        lambda m: m.group(0)[:-1] if ends_han(m.group(1)) else m.group(0), template
    )
