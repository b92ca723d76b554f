"""The exercise screen's keys: short names in the learner's language, a footer that fits 80 columns.

The footer names each key by its action (`screen_words.KEY_NAMES`), in the
attempt's language. Below `WIDE_FROM` columns it leaves out the keys that have
another way in (r: ctrl+s grades too; q: Esc leaves too); `?` (or F1, also in
the editor) lists every key.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding, Binding, BindingType

from lstm_quiz.session.screen_words import key_name

WIDE_FROM = 110  # columns: every key in the footer; the panes side by side
NARROW_HIDDEN = {"grade", "quit_app"}

EXERCISE_BINDINGS: list[BindingType] = [
    Binding("ctrl+s", "save", "Save", priority=True),
    Binding("ctrl+o", "next_pane", "Pane", priority=True),
    Binding("f6", "next_pane", "Pane", show=False, priority=True),
    Binding("e", "edit", "$EDITOR"),
    Binding("r", "grade", "Grade"),
    Binding("h", "hint", "Hint"),
    Binding("g", "give_up", "Give up"),
    Binding("ctrl+r", "reset", "Reset"),
    Binding("escape", "leave", "Back"),
    Binding("q", "quit_app", "Quit"),
    Binding("question_mark", "help", "Help"),
    Binding("f1", "help", "Help", show=False, priority=True),  # also from inside the editor
]


def localized(
    bindings: dict[str, ActiveBinding], lang: str, width: int, *, in_editor: bool
) -> dict[str, ActiveBinding]:
    """`bindings` named in `lang`, the ones with another way in not shown below WIDE_FROM.

    In the editor `?` is typed into the code, so the footer offers F1 for help there.
    """
    shown: dict[str, ActiveBinding] = {}
    for key, active in bindings.items():
        binding = active.binding
        show = active.enabled and binding.show
        show = show and not (width < WIDE_FROM and binding.action in NARROW_HIDDEN)
        if binding.action == "help":
            show = (key == "f1") == in_editor
        description = key_name(lang, binding.action, binding.description)
        shown[key] = active._replace(binding=replace(binding, description=description, show=show))
    return shown
