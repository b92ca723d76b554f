"""Reading YAML as a tree of nodes that remember their line.

`yaml.compose` (with the C loader when PyYAML has it) gives nodes carrying a
`start_mark`; validation walks them so every problem points at the field at
fault. Nothing here raises on bad input: problems come back as `Problem`s.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from lstm_quiz.bank.problems import Problem

TYPE_CHECKING = False  # typing costs ~10 ms at start-up; the bank must load fast
if TYPE_CHECKING:
    from typing import Any

MappingNode = yaml.MappingNode
SequenceNode = yaml.SequenceNode
ScalarNode = yaml.ScalarNode
Node = yaml.Node

_STR = "tag:yaml.org,2002:str"
_SCALAR_KINDS = {
    _STR: "text",
    "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "empty",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:binary": "binary data",
}
# Every implicit YAML type but text (bool, int, float, null, timestamp, merge,
# value) starts with one of these characters.
_NOT_TEXT_START = frozenset("-+.0123456789~<=yYnNtTfFoO")

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when built


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, with a fast path for plain scalars that can only be text.

    The parser asks the resolver for the tag of every scalar, and most scalars
    of a question file are prose: this skips the resolver's regular expressions
    for them (a quarter of the parse time).
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and value and value[0] not in _NOT_TEXT_START:
            return _STR
        return super().resolve(kind, value, implicit)


_constructor = yaml.constructor.SafeConstructor()


def line_of(node: Node) -> int:
    """The 1-based line where ``node`` starts."""
    return int(node.start_mark.line) + 1


def kind_of(node: Node) -> str:
    """What a node holds, in words: "a list", "text", "an integer"..."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return _SCALAR_KINDS.get(node.tag, f"a value tagged {node.tag}")


def scalar_value(node: Node) -> tuple[bool, Any]:
    """``(True, value)`` for a scalar node of a standard tag, else ``(False, None)``."""
    if node.__class__ is not ScalarNode or node.tag not in _SCALAR_KINDS:
        return False, None
    if node.tag == _STR:  # the common case, without the constructor's overhead
        return True, node.value
    try:
        return True, _constructor.construct_object(node)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return False, None


class Entry:
    """One ``key: value`` pair of a mapping node."""

    __slots__ = ("key", "key_node", "value")

    def __init__(self, key: str, key_node: Node, value: Node) -> None:
        self.key = key
        self.key_node = key_node
        self.value = value


def mapping_entries(node: MappingNode) -> tuple[dict[str, Entry], list[tuple[Node, str]]]:
    """The entries of a mapping by key, and the troubles: duplicate or non-text keys."""
    entries: dict[str, Entry] = {}
    troubles: list[tuple[Node, str]] = []
    for key_node, value_node in node.value:
        ok, key = scalar_value(key_node)
        if not ok or not isinstance(key, str):
            troubles.append((key_node, f"a key is {kind_of(key_node)}, not a field name"))
            continue
        if key in entries:
            troubles.append(
                (
                    key_node,
                    f"field '{key}' appears twice (first on line {line_of(entries[key].key_node)})",
                )
            )
            continue
        entries[key] = Entry(key, key_node, value_node)
    return entries, troubles


def read_yaml(path: Path) -> tuple[Node | None, list[Problem]]:
    """The root node of the YAML file at ``path`` (None when empty or broken), and problems."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(path, 1, f"cannot read the file: {error.strerror or error}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(path, line, "the file is not UTF-8 text", "save it as UTF-8")]
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> tuple[Node | None, list[Problem]]:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, path)]
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        return None, [
            Problem(
                path,
                line,
                f"character {error.character!r} is not allowed in YAML",
                "printable text",
            )
        ]
    except yaml.YAMLError as error:  # any other parser complaint, without a mark
        return None, [Problem(path, 1, f"YAML error: {error}", "valid YAML")]
    except RecursionError:
        return None, [Problem(path, 1, "YAML nested too deeply", "a question file")]
    return root, []


def _syntax_problem(error: yaml.MarkedYAMLError, path: Path) -> Problem:
    """The problem's line, and the line where the construct it breaks began.

    An unclosed quote or bracket is found only at the end of the file: then
    the line where it was opened is the one to fix.
    """
    problem_line = error.problem_mark.line + 1 if error.problem_mark is not None else None
    context_line = error.context_mark.line + 1 if error.context_mark is not None else None
    problem = (error.problem or "").strip()
    message = f"YAML syntax error: {problem}" if problem else "YAML syntax error"
    if error.context and context_line is not None and context_line != problem_line:
        message += f" {error.context.strip()} that starts on line {context_line}"
    elif error.context:
        message += f" {error.context.strip()}"
    at_end = problem_line is None or "end of stream" in problem
    line = (
        context_line if at_end and context_line is not None else problem_line or context_line or 1
    )
    return Problem(
        path, line, message, "valid YAML: check quotes, brackets, colons and indentation"
    )
