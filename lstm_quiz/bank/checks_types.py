"""The checks of each question type's own fields: choices, true/false, tolerance, key points."""

from __future__ import annotations

from lstm_quiz.bank.checks_base import CheckerBase, one_of
from lstm_quiz.bank.models import (
    CHOICE_FIELDS,
    LANGS,
    MAX_CHOICES,
    MAX_KEY_POINTS,
    MIN_CHOICES,
    MIN_KEY_POINTS,
    Choice,
    Text,
)
from lstm_quiz.bank.yamlnodes import Entry, Node, SequenceNode, kind_of, scalar_value


class TypeChecks(CheckerBase):
    def choices(self, entry: Entry, qtype: str) -> tuple[Choice, ...]:
        node, key = entry.value, entry.key_node
        if not isinstance(node, SequenceNode):
            self.problem(
                node,
                f"'choices' is {kind_of(node)}",
                f"a list of {MIN_CHOICES} to {MAX_CHOICES} choices",
            )
            return ()
        items = node.value
        if not items:
            self.problem(key, "'choices' is empty", f"{MIN_CHOICES} to {MAX_CHOICES} choices")
            return ()
        if not MIN_CHOICES <= len(items) <= MAX_CHOICES:
            self.problem(key, f"{len(items)} choices", f"{MIN_CHOICES} to {MAX_CHOICES} choices")
        choices: list[Choice] = []
        all_ok = True
        seen: dict[tuple[str, str], int] = {}
        for number, item in enumerate(items, start=1):
            choice = self.choice(item, number)
            if choice is None:
                all_ok = False
                continue
            choices.append(choice)
            for lang in LANGS:
                text_key = (lang, " ".join(choice.text.get(lang).split()).casefold())
                if text_key in seen:
                    self.problem(
                        item,
                        f"choice {number} has the same {lang} text as choice {seen[text_key]}",
                        "distinct choices",
                    )
                else:
                    seen[text_key] = number
        if all_ok:
            correct = sum(c.correct for c in choices)
            if qtype == "single" and correct != 1:
                self.problem(
                    key,
                    f"a single-choice question with {correct} correct choices",
                    "exactly one choice with 'correct: true'; use type multiple for more",
                )
            elif qtype == "multiple" and correct == 0:
                self.problem(
                    key,
                    "a multiple-choice question with no correct choice",
                    "at least one choice with 'correct: true'",
                )
        return tuple(choices)

    def choice(self, node: Node, number: int) -> Choice | None:
        what = f"choice {number}"
        entries = self.mapping(node, what, "a mapping with en, zh and optionally correct, why")
        if entries is None:
            return None
        ok = True
        for key, entry in entries.items():
            if key not in CHOICE_FIELDS:
                self.problem(
                    entry.key_node,
                    f"unknown field '{key}' in {what}",
                    one_of(key, CHOICE_FIELDS, "choice fields"),
                )
                ok = False
        texts: dict[str, str] = {}
        for lang in LANGS:
            if lang not in entries:
                self.problem(node, f"{what} has no '{lang}' text", "both en and zh")
                ok = False
                continue
            value = self.text_scalar(entries[lang].value, f"{what} ({lang})")
            if value is None:
                ok = False
            else:
                texts[lang] = value
        correct = False
        if "correct" in entries:
            value_node = entries["correct"].value
            is_scalar, value = scalar_value(value_node)
            if is_scalar and isinstance(value, bool):
                correct = value
            else:
                self.problem(
                    value_node, f"'correct' of {what} is {kind_of(value_node)}", "true or false"
                )
                ok = False
        why = None
        if "why" in entries:
            why = self.text(entries["why"].value, f"why of {what}", entries["why"].key_node)
            ok = ok and why is not None
        if not ok:
            return None
        return Choice(Text(en=texts["en"], zh=texts["zh"]), correct, why)

    def true_false(self, node: Node) -> bool | None:
        ok, value = scalar_value(node)
        if ok and isinstance(value, bool):
            return value
        self.problem(node, f"'answer' is {kind_of(node)}", "true or false")
        return None

    def tolerance(self, entry: Entry | None) -> float:
        if entry is None:
            return 0.0
        value = self.number(entry.value, "'tolerance'")
        if value is None:
            return 0.0
        if value < 0:
            self.problem(
                entry.value, f"tolerance {value:g} is negative", "an absolute tolerance >= 0"
            )
            return 0.0
        return value

    def key_points(self, entry: Entry) -> tuple[Text, ...]:
        node, key = entry.value, entry.key_node
        if not isinstance(node, SequenceNode):
            self.problem(
                node,
                f"'key_points' is {kind_of(node)}",
                f"a list of {MIN_KEY_POINTS} to {MAX_KEY_POINTS} {{en, zh}} texts",
            )
            return ()
        if not MIN_KEY_POINTS <= len(node.value) <= MAX_KEY_POINTS:
            self.problem(
                key,
                f"{len(node.value)} key points",
                f"{MIN_KEY_POINTS} to {MAX_KEY_POINTS} key points",
            )
        points = [self.text(item, f"key point {n}") for n, item in enumerate(node.value, start=1)]
        return tuple(p for p in points if p is not None)

    def shuffle(self, entry: Entry | None) -> bool:
        """``shuffle: false`` keeps the choices in file order (default: shuffled when shown)."""
        if entry is None:
            return True
        ok, value = scalar_value(entry.value)
        if ok and isinstance(value, bool):
            return value
        self.problem(
            entry.value,
            f"'shuffle' is {kind_of(entry.value)}",
            "true or false (false keeps the choices in the order written)",
        )
        return True
