"""The topic and tag vocabulary: `topics.yaml` files, merged.

The shipped `question_bank/topics.yaml` defines the shipped topics and tags;
an instructor's folder may carry its own `topics.yaml` that adds more.

    topics:
      lstm_architecture: {en: LSTM architecture, zh: LSTM 结构}
    tags: [lstm, gates]
    learn_order: [lstm_architecture]   # optional: the order new questions are learnt in
"""

from __future__ import annotations

import re

from lstm_quiz.bank.models import (
    LANGS,
    TAG_PATTERN,
    TOPIC_PATTERN,
    Text,
    Topic,
    Vocabulary,
)
from lstm_quiz.bank.problems import Problem
from lstm_quiz.bank.yamlnodes import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    kind_of,
    line_of,
    mapping_entries,
    read_yaml,
    scalar_value,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_TOPIC_RE = re.compile(TOPIC_PATTERN)
_TAG_RE = re.compile(TAG_PATTERN)


class VocabularyBuilder:
    """Merges topics.yaml files, remembering where each topic was defined."""

    def __init__(self) -> None:
        self.topics: dict[str, Topic] = {}
        self.tags: set[str] = set()
        self.defined_at: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.files: list[Path] = []
        self.learn_order: list[str] = []

    def add_file(self, path: Path) -> None:
        self.files.append(path)
        root, problems = read_yaml(path)
        self.problems += problems
        if root is None:
            if not problems:
                self._problem(path, 1, "the file is empty", "'topics:' and 'tags:'")
            return
        if not isinstance(root, MappingNode):
            self._problem(
                path,
                line_of(root),
                f"the file holds {kind_of(root)}",
                "a mapping with 'topics:' and 'tags:'",
            )
            return
        entries, troubles = mapping_entries(root)
        for node, message in troubles:
            self._problem(path, line_of(node), message)
        for key, entry in entries.items():
            if key not in ("topics", "tags", "learn_order"):
                self._problem(
                    path,
                    line_of(entry.key_node),
                    f"unknown field '{key}'",
                    "'topics', 'tags' and 'learn_order'",
                )
        if "topics" in entries:
            self._add_topics(path, entries["topics"].value)
        if "tags" in entries:
            self._add_tags(path, entries["tags"].value)
        if "learn_order" in entries:
            self._add_learn_order(path, entries["learn_order"].value)

    def _add_learn_order(self, path: Path, node: Node) -> None:
        if not isinstance(node, SequenceNode):
            self._problem(
                path, line_of(node), f"'learn_order' is {kind_of(node)}", "a list of topic ids"
            )
            return
        for item in node.value:
            ok, topic = scalar_value(item)
            if not ok or not isinstance(topic, str) or not _TOPIC_RE.match(topic):
                self._problem(
                    path, line_of(item), f"a learn_order entry is {kind_of(item)}", "a topic id"
                )
            elif topic in self.learn_order:
                self._problem(
                    path,
                    line_of(item),
                    f"topic '{topic}' is listed twice in learn_order",
                    "each topic once",
                )
            else:
                self.learn_order.append(topic)

    def _add_topics(self, path: Path, node: Node) -> None:
        if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
            return
        if not isinstance(node, MappingNode):
            self._problem(
                path,
                line_of(node),
                f"'topics' is {kind_of(node)}",
                "a mapping of topic id to {en, zh} title",
            )
            return
        entries, troubles = mapping_entries(node)
        for trouble_node, message in troubles:
            self._problem(path, line_of(trouble_node), message)
        for topic_id, entry in entries.items():
            line = line_of(entry.key_node)
            if not _TOPIC_RE.match(topic_id):
                self._problem(
                    path,
                    line,
                    f"topic id '{topic_id}' is not allowed",
                    "lowercase letters, digits and _",
                )
                continue
            title = self._title(path, topic_id, entry.value)
            if title is None:
                continue
            if topic_id in self.topics:
                self._problem(
                    path, line, f"topic '{topic_id}' is already defined at {self.defined_at[topic_id]}",
                    "each topic defined once",
                )  # fmt: skip
                continue
            self.topics[topic_id] = Topic(topic_id, title)
            self.defined_at[topic_id] = f"{path}:{line}"

    def _title(self, path: Path, topic_id: str, node: Node) -> Text | None:
        if not isinstance(node, MappingNode):
            self._problem(
                path,
                line_of(node),
                f"the title of topic '{topic_id}' is {kind_of(node)}",
                "{en: ..., zh: ...}",
            )
            return None
        entries, troubles = mapping_entries(node)
        for trouble_node, message in troubles:
            self._problem(path, line_of(trouble_node), message)
        texts: dict[str, str] = {}
        for key, entry in entries.items():
            if key not in LANGS:
                self._problem(
                    path,
                    line_of(entry.key_node),
                    f"unknown field '{key}' in the title of topic '{topic_id}'",
                    "en and zh",
                )
                continue
            ok, value = scalar_value(entry.value)
            if not ok or not isinstance(value, str) or not value.strip():
                self._problem(
                    path,
                    line_of(entry.value),
                    f"the {key} title of topic '{topic_id}' is {kind_of(entry.value)}",
                    "non-empty text",
                )
                continue
            texts[key] = value.strip()
        missing = [lang for lang in LANGS if lang not in texts and lang not in entries]
        for lang in missing:
            self._problem(
                path, line_of(node), f"topic '{topic_id}' has no {lang} title", "both en and zh"
            )
        if len(texts) != len(LANGS):
            return None
        return Text(en=texts["en"], zh=texts["zh"])

    def _add_tags(self, path: Path, node: Node) -> None:
        if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
            return
        if not isinstance(node, SequenceNode):
            self._problem(path, line_of(node), f"'tags' is {kind_of(node)}", "a list of tags")
            return
        for item in node.value:
            ok, tag = scalar_value(item)
            if not ok or not isinstance(tag, str):
                self._problem(path, line_of(item), f"a tag is {kind_of(item)}", "text")
            elif not _TAG_RE.match(tag):
                self._problem(
                    path,
                    line_of(item),
                    f"tag '{tag}' is not allowed",
                    "lowercase letters, digits and -",
                )
            else:
                self.tags.add(tag)

    def _problem(self, path: Path, line: int, message: str, expected: str | None = None) -> None:
        self.problems.append(Problem(path, line, message, expected))

    def build(self) -> Vocabulary:
        return Vocabulary(
            topics=dict(self.topics), tags=frozenset(self.tags), learn_order=tuple(self.learn_order)
        )
