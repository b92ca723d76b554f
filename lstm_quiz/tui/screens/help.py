"""`?`: every key of the screen underneath and of the app, in the learner's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from lstm_quiz.session.screen_words import KEY_NAMES
from lstm_quiz.session.texts import text
from lstm_quiz.tui.localized import LocalizedBindings

KEY_WIDTH = 12


class HelpScreen(LocalizedBindings, ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 2;
    }
    HelpScreen .help-section { text-style: bold; color: $text-primary; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,question_mark", "close", "Close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        lang = str(getattr(self.app, "lang", "en"))
        own, everywhere = self._keys()
        with VerticalScroll(id="help-body"):
            yield Static(Content.styled(text(lang, "help_title"), "bold"), id="help-title")
            yield Static(text(lang, "help_screen_keys"), classes="help-section")
            yield Static(self._lines(own), id="help-screen-keys")
            yield Static(text(lang, "help_app_keys"), classes="help-section")
            yield Static(self._lines(everywhere), id="help-app-keys")
            yield Static(
                Content.styled("\n" + "\n".join(self._notes(lang)), "$text-muted"),
                id="help-notes",
            )

    def _notes(self, lang: str) -> list[str]:
        # The palette line only where there is a palette (the exercise app has none).
        palette = [text(lang, "help_palette")] if self.app.ENABLE_COMMAND_PALETTE else []
        return [*palette, text(lang, "help_close")]

    def _keys(self) -> tuple[list[ActiveBinding], list[ActiveBinding]]:
        """The keys of the screen (and its focused widget), then those of the app."""
        own: list[ActiveBinding] = []
        everywhere: list[ActiveBinding] = []
        seen: set[str] = set()
        for active in self.under.active_bindings.values():
            binding = active.binding
            # Textual's own keys (scrolling, focus, copy) are left out: they are no
            # practice command, and they have no name in the learner's language.
            if binding.action in seen or binding.action not in KEY_NAMES["en"]:
                continue
            seen.add(binding.action)
            (everywhere if active.node is self.app else own).append(active)
        return own, everywhere

    def _lines(self, keys: list[ActiveBinding]) -> Content:
        # Every key bound to the action ("enter,escape"), as the app names keys.
        lines: list[Content] = []
        for active in keys:
            binding = active.binding
            names = [
                self.app.get_key_display(Binding(key, binding.action))
                for key in _keys_of(self.under, binding.action, binding.key)
            ]
            lines.append(
                Content.assemble(
                    (" ".join(names).ljust(KEY_WIDTH), "bold $text-accent"),
                    " ",
                    binding.description,
                )
            )
        return Content("\n").join(lines)

    def action_close(self) -> None:
        self.dismiss()


def _keys_of(screen: Screen[object], action: str, first: str) -> list[str]:
    """Every key bound to `action` on the screen's chain (the footer shows only the first)."""
    keys = [first]
    for _node, bindings in screen._modal_binding_chain:
        for key, binding in bindings:
            if binding.action == action and key not in keys:
                keys.append(key)
    return keys
