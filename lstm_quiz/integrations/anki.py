"""`lstm-quiz bank export --anki FILE.apkg`: the question bank as an Anki deck.

One note per question: the front is the prompt (with its choices lettered),
the back the answer, the explanation and the source. Each topic is a sub-deck
`lstm-quiz::<topic title>`; the bank's tags become Anki tags.

Anki recognises a note it has seen by its guid, so guids come from the
question id (and the language of the export) and the model and deck ids are
fixed: importing a new export after the bank changed updates the notes in
place, keeping their review history, instead of adding copies.
"""

from __future__ import annotations

import hashlib
import os
import random
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from lstm_quiz.bank.models import Bank, Question
from lstm_quiz.integrations import require

LANG_MODES = ("en", "zh", "both")
MODEL_ID = 1_764_208_117  # fixed forever: notes of every export share this note type
MODEL_NAME = "lstm-quiz question"
ROOT_DECK = "lstm-quiz"

CSS = """\
.card { font-family: -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", sans-serif;
        font-size: 18px; text-align: left; line-height: 1.45; }
pre.highlight { font-size: 14px; padding: 8px; border-radius: 4px; overflow-x: auto;
                background: #f6f8fa; color: #1f2328; }
code { font-size: 90%; }
ol.choices { list-style-type: upper-alpha; }
.meta { color: #6e7781; font-size: 13px; margin-top: 1em; }
hr.lang { border: 0; border-top: 1px dashed #afb8c1; margin: 1em 0; }
"""

# The words of the cards that do not come from the bank.
WORDS = {
    "en": {
        "true_false": "True or false?",
        "correct": "Correct",
        "why": "Why each choice",
    },
    "zh": {
        "true_false": "判断对错。",
        "correct": "正确选项",
        "why": "各选项说明",
    },
}


def card_css() -> str:
    """The note type's stylesheet: the card layout and Pygments' colours for code."""
    from pygments.formatters import HtmlFormatter

    return CSS + HtmlFormatter(style="default").get_style_defs("pre.highlight")


def _stable_id(*parts: str) -> int:
    """An id in genanki's recommended range, the same for the same parts on every run."""
    digest = hashlib.blake2b("\0".join(parts).encode(), digest_size=8).digest()
    return (1 << 30) + int.from_bytes(digest, "big") % (1 << 30)


def deck_id(topic: str, lang: str) -> int:
    return _stable_id("deck", topic, lang)


def note_guid(question_id: str, lang: str) -> str:
    genanki = require("genanki", "exporting an Anki deck")
    return str(genanki.guid_for(ROOT_DECK, question_id, lang))


@cache
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    def highlight(code: str, lang: str, _attrs: Any) -> str:
        from pygments import highlight as pygmentize
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import TextLexer, get_lexer_by_name
        from pygments.util import ClassNotFound

        try:
            lexer = get_lexer_by_name(lang or "text")
        except ClassNotFound:
            lexer = TextLexer()
        # Pygments' classes, styled once by the note type's CSS (see card_css);
        # starting with <pre> tells markdown-it to use the block as it is.
        body = pygmentize(code, lexer, HtmlFormatter(nowrap=True))
        return f'<pre class="highlight"><code>{body}</code></pre>\n'

    # html=False: any HTML in the bank's text is shown as text, never interpreted.
    return MarkdownIt("commonmark", {"html": False, "highlight": highlight}).enable("table")


def markdown_html(text: str) -> str:
    return str(_markdown().render(text)).strip()


def _inline(text: str) -> str:
    """Markdown for a short text (a choice): rendered, its outer paragraph removed."""
    html = markdown_html(text.strip())
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def _letter(index: int) -> str:
    return chr(ord("A") + index)


def shown_question(question: Question) -> Question:
    """A templated question with its values drawn once, the same on every export."""
    if not question.is_template:
        return question
    from lstm_quiz.session.presented import present

    return present(question, random.Random(question.id)).question


def front_html(question: Question, lang: str) -> str:
    parts = [markdown_html(question.prompt.get(lang))]  # type: ignore[arg-type]
    if question.type in ("single", "multiple"):
        items = "".join(f"<li>{_inline(c.text.get(lang))}</li>" for c in question.choices)  # type: ignore[arg-type]
        parts.append(f'<ol class="choices">{items}</ol>')
    elif question.type == "true_false":
        parts.append(f"<p><i>{WORDS[lang]['true_false']}</i></p>")
    return "\n".join(parts)


def back_html(question: Question, lang: str) -> str:
    from lstm_quiz.session.format import right_answer_text
    from lstm_quiz.session.texts import text

    words = WORDS[lang]
    parts: list[str] = []
    if question.type in ("single", "multiple"):
        correct = [i for i, c in enumerate(question.choices) if c.correct]
        lines = "".join(
            f"<li><b>{_letter(i)}.</b> {_inline(question.choices[i].text.get(lang))}</li>"  # type: ignore[arg-type]
            for i in correct
        )
        parts.append(f"<p><b>{words['correct']}:</b></p><ul>{lines}</ul>")
        whys = [
            f"<li><b>{_letter(i)}.</b> {_inline(c.why.get(lang))}</li>"  # type: ignore[arg-type]
            for i, c in enumerate(question.choices)
            if c.why is not None
        ]
        if whys:
            parts.append(f"<p>{words['why']}:</p><ul>{''.join(whys)}</ul>")
    elif question.type == "open":
        assert question.model_answer is not None
        parts.append(f"<p><b>{escape(text(lang, 'model_answer'))}</b></p>")
        parts.append(markdown_html(question.model_answer.get(lang)))  # type: ignore[arg-type]
        points = "".join(f"<li>{_inline(p.get(lang))}</li>" for p in question.key_points)  # type: ignore[arg-type]
        parts.append(f"<p><b>{escape(text(lang, 'key_points'))}</b></p><ul>{points}</ul>")
    else:
        answer = escape(right_answer_text(question, lang))
        parts.append(f"<p><b>{escape(text(lang, 'answer_is', answer=answer))}</b></p>")
    parts.append(f"<p><b>{escape(text(lang, 'explanation'))}</b></p>")
    parts.append(markdown_html(question.explanation.get(lang)))  # type: ignore[arg-type]
    parts.append(
        f'<p class="meta">{escape(text(lang, "source", source=question.source))} · {escape(question.id)}</p>'
    )
    return "\n".join(parts)


def _both(render: Any, question: Question, mode: str) -> str:
    langs = ("en", "zh") if mode == "both" else (mode,)
    return '\n<hr class="lang">\n'.join(render(question, lang) for lang in langs)


@dataclass(frozen=True)
class ExportSummary:
    notes: int
    decks: int
    path: Path
    size: int  # bytes


def _model(genanki: Any) -> Any:
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "QuestionId"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}\n<hr id="answer">\n{{Back}}',
            }
        ],
        css=card_css(),
    )


def export_anki(
    bank: Bank, path: Path, lang: str = "en", topics: Iterable[str] | None = None
) -> ExportSummary:
    """Write the questions of ``topics`` (all when None) to ``path`` as an .apkg."""
    genanki = require("genanki", "exporting an Anki deck")
    wanted = set(topics) if topics else None
    model = _model(genanki)
    decks: dict[str, Any] = {}
    notes = 0
    for question in bank:
        if wanted is not None and question.topic not in wanted:
            continue
        if question.topic not in decks:
            topic = bank.topics.get(question.topic)
            title = topic.title.get("zh" if lang == "zh" else "en") if topic else question.topic
            # "::" in a deck name makes a sub-deck; a title holding it must not.
            title = title.replace("::", ":")
            decks[question.topic] = genanki.Deck(
                deck_id(question.topic, lang), f"{ROOT_DECK}::{title}"
            )
        shown = shown_question(question)
        note = genanki.Note(
            model=model,
            fields=[_both(front_html, shown, lang), _both(back_html, shown, lang), question.id],
            tags=[*question.tags, question.topic],
            guid=note_guid(question.id, lang),
        )
        decks[question.topic].add_note(note)
        notes += 1
    _write_deflated(genanki.Package(list(decks.values())), path)
    return ExportSummary(notes, len(decks), path, path.stat().st_size)


def _write_deflated(package: Any, path: Path) -> None:
    """The package as genanki writes it, but deflated (genanki stores the SQLite file
    uncompressed: 2.6 MB for the bank) and in one step (no half-written deck)."""
    import io
    import tempfile
    import zipfile

    stored = io.BytesIO()
    package.write_to_file(stored)
    stored.seek(0)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".deck-", delete=False) as tmp:
        try:
            with (
                zipfile.ZipFile(stored) as source,
                zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target,
            ):
                for entry in source.infolist():
                    target.writestr(entry.filename, source.read(entry))
        except BaseException:
            os.unlink(tmp.name)
            raise
    os.replace(tmp.name, path)
