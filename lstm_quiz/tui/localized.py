"""The app's furniture in the learner's language: key names, refused input, question names.

Textual takes a key's description from the class's BINDINGS, fixed at import.
`LocalizedBindings` renames them when the footer (or the help screen) asks a
screen for its active bindings, by the binding's action, in the app's
current language: the footer follows a language switch on its next refresh.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding

from lstm_quiz.bank.answers import AnswerInputError
from lstm_quiz.bank.models import Question
from lstm_quiz.session.report import without_placeholders
from lstm_quiz.session.screen_words import key_name
from lstm_quiz.session.texts import text

# A question named in a toast: its first words, never its internal id.
NAME_WORDS = 6
NAME_CHARS = 40


class LocalizedBindings:
    """Mix into a Screen (before it): its footer names keys in the app's language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        lang = str(getattr(self.app, "lang", "en"))  # type: ignore[attr-defined]
        return {
            key: active._replace(
                binding=replace(
                    active.binding,
                    description=key_name(lang, active.binding.action, active.binding.description),
                )
            )
            for key, active in bindings.items()
        }


def input_error(lang: str, error: AnswerInputError) -> str:
    """A refused answer's hint in `lang` (its English message when it has no key)."""
    if error.key is None:
        return str(error)
    return text(lang, error.key, **error.values)


def question_name(question: Question, lang: str) -> str:
    """“Which update does torch.nn.RNN…”: the prompt's first words, quoted, for a toast."""
    prompt = question.prompt.get("zh" if lang == "zh" else "en")
    words = " ".join(without_placeholders(question, _plain(prompt)).split())
    if lang == "zh" and " " not in words[:NAME_CHARS]:
        short = words[:18]
    else:
        short = " ".join(words.split(" ")[:NAME_WORDS])
        if len(short) > NAME_CHARS:
            short = short[:NAME_CHARS].rstrip()
    if len(short) < len(words):
        short = short.rstrip(" ,.;:，。；：") + "…"
    return f"“{short}”"


def _plain(markdown: str) -> str:
    """The prompt's text without code blocks nor Markdown marks."""
    lines: list[str] = []
    in_fence = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        if not in_fence:
            lines.append(line)
    return " ".join(lines).replace("`", "").replace("**", "").replace("*", "")
