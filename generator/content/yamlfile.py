"""Read one YAML document safely, keeping the line and column of every key and value.

PyYAML composes the node tree (its C parser when available); we build the Python
values ourselves so that duplicate keys, alias bombs and deep nesting become
diagnostics instead of silent data loss or exhausted memory.

Nearly every file is valid, and the positions of a valid document are seldom read. So
`parse_yaml` first tries a quick reading (yamlquick) that records no positions and gives up at the
first thing out of the ordinary; the document's positions are then worked out only if
asked for. Whatever the quick reading gives up on is read again by the full builder,
which alone writes diagnostics: a file gets the same values and the same diagnostics
either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast

import yaml

from generator.content.files import decode, read_bytes
from generator.content.positions import KeyPath, Positions, Scalar
from generator.content.yamlquick import CONSTRUCT_ERRORS, MAX_DEPTH, MAX_NODES, UNUSUAL, Loader, quick_load
from generator.core.diagnostics import Diagnostic, error
from generator.core.values import printable


@dataclass
class Document:
    data: Any
    positions: Positions | LazyPositions


class _Refused(Exception):
    def __init__(self, line: int, column: int, code: str, message: str, hint: str = ""):
        super().__init__(message)
        self.line, self.column, self.code, self.message, self.hint = line, column, code, message, hint


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one YAML document into plain values and positions, or return diagnostics."""
    data = quick_load(text)
    if data is not UNUSUAL:
        return Document(data, LazyPositions(text=text, name=path, line_offset=line_offset)), []
    return parse_with_positions(text, path, line_offset)


def parse_with_positions(text: str, path: str, line_offset: int = 0) -> tuple[Document | None, list[Diagnostic]]:
    """`parse_yaml` without the quick reading: positions recorded at once, every problem diagnosed."""
    loader = Loader(text)
    try:
        if loader.check_node():
            node = loader.get_node()
            if loader.check_node():
                extra = loader.get_node()
                assert extra is not None  # check_node said there is one
                return None, [
                    error(
                        path,
                        extra.start_mark.line + 1 + line_offset,
                        1,
                        "multiple-documents",
                        "a record file holds exactly one YAML document",
                        "remove the extra '---' line or move the second record to its own file",
                    )
                ]
        else:
            node = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [error(path, line + line_offset, column, "yaml-syntax", _describe_yaml_error(exc), _yaml_hint(exc))]
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no mark
        return None, [error(path, 1 + line_offset, 1, "yaml-syntax", str(exc).splitlines()[0])]
    except RecursionError:
        return None, [error(path, 1 + line_offset, 1, "too-deep", f"nesting is deeper than {MAX_DEPTH} levels")]
    finally:
        loader.dispose()

    positions = Positions(line_offset=line_offset)
    if node is None:
        return Document(None, positions), []
    builder = _Builder(loader, positions, text)
    try:
        data = builder.build(node, (), 0)
    except _Refused as exc:
        return None, [error(path, exc.line + line_offset, exc.column, exc.code, exc.message, exc.hint)]
    if builder.duplicates:
        return None, [
            error(path, line + line_offset, column, "duplicate-key", message, hint)
            for line, column, message, hint in builder.duplicates
        ]
    return Document(data, positions), []


_STR_TAG = "tag:yaml.org,2002:str"
# The tags PyYAML's safe loader resolves plain values to; 'merge' and 'value' only come from the
# implicit resolver ('<<', '='), and merge keys are refused on their own below.
_ALLOWED_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge", "value")
)


_ALIAS_USE = re.compile(r"(?:^|[\s\[{,:-])\*[^\s*]", re.MULTILINE)


class _Builder:
    """Turns composed nodes into Python values, recording positions on the way."""

    def __init__(self, loader: Any, positions: Positions, text: str = ""):
        self.loader = loader
        self.text = text
        self.positions = positions
        self.count = 0
        self.duplicates: list[tuple[int, int, str, str]] = []

    def build(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        self.count += 1
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if self.count > MAX_NODES:
            raise _Refused(
                line,
                column,
                "too-many-values",
                *self._too_many_values(),
            )
        if depth > MAX_DEPTH:
            raise _Refused(
                line,
                column,
                "too-deep",
                f"nesting is deeper than {MAX_DEPTH} levels",
                "flatten the structure; records need only a few levels",
            )
        if node.tag not in _ALLOWED_TAGS:
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(
                line,
                column,
                "yaml-tag",
                f"YAML tags such as '{printable(shown)}' are not supported in records",
                "remove the tag and write the value itself; put text that starts with '!' in quotes",
            )
        self.positions.values.setdefault(path, (line, column))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(cast(yaml.ScalarNode, node), path)  # the composer makes no other kind of node

    def _too_many_values(self) -> tuple[str, str]:
        """Name the real cause: aliases that repeat blocks, or simply a very long file."""
        if _ALIAS_USE.search(self.text):  # only on the error path, so the scan costs nothing usually
            return (
                f"the file expands to more than {MAX_NODES:,} values because '*alias' references repeat blocks",
                "write the repeated blocks out once, without '*alias' references",
            )
        return (
            f"the file holds more than {MAX_NODES:,} values; a record file is limited to that many",
            "split the list into several files or shorten it",
        )

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict:
        result: dict = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                    "merge-key",
                    "merge keys ('<<') are not supported in records",
                    "write the keys out in full",
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(
                    key_node.start_mark.line + 1, key_node.start_mark.column + 1, "key-type", "a key must be plain text", ""
                )
            key = key_node.value  # keys stay text: 'no:' or '2021:' are names, not booleans or numbers
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in first_seen:
                self.duplicates.append(
                    (
                        *key_pos,
                        f"key '{printable(key)}' appears twice; the first is on line {first_seen[key] + self.positions.line_offset}",
                        "keep one of them: YAML would silently use the last",
                    )
                )
                continue
            first_seen[key] = key_pos[0]
            self.positions.keys[path + (key,)] = key_pos
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        self.positions.scalars[path] = Scalar(node.value, node.style or None)
        if node.tag == _STR_TAG:  # most values: skip the constructor's dispatch
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except CONSTRUCT_ERRORS:
            # An impossible date such as 2021-02-30 stays text; the model then names it.
            return node.value


def _describe_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    text = "; ".join(parts) if parts else "invalid YAML"
    return text[0].upper() + text[1:] if text else text


def _yaml_hint(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").lower()
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted, e.g. title: \"Biden: ...\""
    if "found undefined alias" in problem:
        return "define the anchor (&name) before using *name, or quote the text"
    if "could not find expected ':'" in problem:
        return "each line needs 'key: value'; check the indentation and quotes above"
    return ""


def is_yaml11_trap(value: Any, scalar: Scalar | None) -> bool:
    """True when YAML turned unquoted text into a boolean, number or date behind the editor's back."""
    if scalar is None or scalar.style is not None:
        return False
    return isinstance(value, (bool, int, float, date)) or (value is None and scalar.text not in ("", "~", "null"))


class LazyPositions:
    """The positions of a document that parsed cleanly: worked out only if a later check needs a line,
    from its text (kept by `parse_yaml`) or else read again from its file (a record taken from the cache).

    Keeping every record's positions in memory would cost more than the records themselves.
    """

    def __init__(self, path: Path | None = None, *, text: str | None = None, name: str = "", line_offset: int = 0):
        self._path = path
        self._text = text
        self._name = name
        self._line_offset = line_offset
        self._loaded: Positions | None = None

    def _positions(self) -> Positions:
        if self._loaded is None:
            text = self._text
            if text is None and self._path is not None:
                self._name = self._name or self._path.name
                raw, _ = read_bytes(self._path, self._name)
                text, _ = decode(raw, self._name) if raw is not None else (None, [])
            doc = parse_with_positions(text, self._name, self._line_offset)[0] if text is not None else None
            positions = doc.positions if doc is not None else Positions(line_offset=self._line_offset)
            assert isinstance(positions, Positions)  # parse_with_positions records them at once
            self._loaded = positions
            self._text = None  # the positions replace it
        return self._loaded

    def value_at(self, path: KeyPath) -> tuple[int, int]:
        return self._positions().value_at(path)

    def key_at(self, path: KeyPath) -> tuple[int, int]:
        return self._positions().key_at(path)

    def scalar_at(self, path: KeyPath) -> Scalar | None:
        return self._positions().scalar_at(path)
