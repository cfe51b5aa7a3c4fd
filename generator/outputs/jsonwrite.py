"""The open data's JSON: values encoded as `json.dumps(value, ensure_ascii=False, indent=2)` writes them,
and documents whose last member is a list of pre-encoded items, written whole or as they come.

Each record is encoded once and spliced into every file that lists it. The encoding is orjson's, which
writes the same bytes as the json module for the values open data holds (text, whole numbers, true,
false, null, lists and objects with text keys; tests/outputs/test_opendata.py checks) in a fifth of
the time. Knows JSON only.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

import orjson


def encode(value: Any) -> str:
    """`value` as `json.dumps(value, ensure_ascii=False, indent=2)` writes it."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")


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
