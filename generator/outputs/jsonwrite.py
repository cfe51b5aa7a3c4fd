"""JSON as `json.dumps(value, ensure_ascii=False, indent=2)` writes it, byte for byte, in about half the
time, and documents whose last member is a list of pre-encoded items, written whole or as they come.

The open-data files are made of it: each record is encoded once and spliced into every file that lists
it. Knows JSON only.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _string  # the C function json.dumps uses without ensure_ascii
from typing import Any, BinaryIO


def encode(value: Any, indent: str = "\n") -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, byte for byte, in half the time: with an indent,
    the json module encodes in pure Python piece by piece; this joins whole lists and objects at once."""
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return json.dumps(value)  # NaN and the infinities as the json module writes them
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(isinstance(k, str) for k in value):
            return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", indent)  # keys it would convert
        return "{" + inner + ("," + inner).join([_string(k) + ": " + encode(v, inner) for k, v in value.items()]) + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join([encode(v, inner) for v in value]) + indent + "]"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def with_last(head: dict[str, Any], key: str, encoded: str | list[str]) -> bytes:
    """`head` plus a last member `key` whose value is already encoded: one object (at depth 1) or a list
    of objects (at depth 2). The bytes equal `encode` of the whole and a newline; each record is encoded
    once, not per file. JSON text never holds a raw line break, so re-indenting is a plain replace."""
    empty: list[Any] | dict[str, Any] = [] if isinstance(encoded, list) else {}
    text = encode({**head, key: empty})
    closing = f'"{key}": {json.dumps(empty)}\n}}'
    if encoded:
        if isinstance(encoded, list):
            value = "[\n    " + ",\n    ".join(item.replace("\n", "\n    ") for item in encoded) + "\n  ]"
        else:
            value = encoded.replace("\n", "\n  ")
        text = text[: -len(closing)] + f'"{key}": {value}\n}}'
    return (text + "\n").encode("utf-8")


class ListStream:
    """Writes `with_last(head, key, items)` to `out` one item at a time, for a known number of items."""

    def __init__(self, out: BinaryIO, head: dict[str, Any], key: str, count: int):
        self.out = out
        self.count = count
        self.first = True
        if count == 0:
            out.write(with_last(head, key, []))
            return
        text = encode({**head, key: []})
        out.write(text[: -len(f'"{key}": []\n}}')].encode("utf-8") + f'"{key}": [\n    '.encode())

    def add(self, encoded: str) -> None:
        self.out.write(("" if self.first else ",\n    ").encode("utf-8") + encoded.replace("\n", "\n    ").encode("utf-8"))
        self.first = False

    def close(self) -> None:
        if self.count:
            self.out.write(b"\n  ]\n}\n")
