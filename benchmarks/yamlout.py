"""A tiny YAML writer for the records we generate: fast, and byte-stable across runs.

Prose is always double-quoted (JSON string syntax is valid YAML), so no text can turn
into a boolean, number or date. Slugs, URLs and dates are written plain, as editors do.
The Markdown analysis is a literal block.
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_COMMENT = "# yaml-language-server: $schema={up}schemas/{kind}.schema.json\n"


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class Plain(str):
    """A value written without quotes: slugs, URLs, dates, date-times."""


class Block(str):
    """A value written as a literal block scalar (`|-`)."""


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Plain):
        return str(value)
    if isinstance(value, str):
        return quote(value)
    raise TypeError(f"cannot write {type(value).__name__}")


def _emit(lines: list[str], data: dict[str, Any], indent: str, first_prefix: str | None = None) -> None:
    pending = first_prefix
    for key, value in data.items():
        if value is None or (isinstance(value, list) and not value):
            continue
        prefix, pending = (pending, None) if pending is not None else (indent, None)
        if isinstance(value, Block):
            lines.append(f"{prefix}{key}: |-")
            inner = indent + "  "
            lines.extend(inner + line if line else "" for line in value.split("\n"))
        elif isinstance(value, dict):
            lines.append(f"{prefix}{key}:")
            _emit(lines, value, indent + "  ")
        elif isinstance(value, list):
            lines.append(f"{prefix}{key}:")
            for item in value:
                if isinstance(item, dict):
                    _emit(lines, item, indent + "    ", first_prefix=indent + "  - ")
                else:
                    lines.append(f"{indent}  - {scalar(item)}")
        else:
            lines.append(f"{prefix}{key}: {scalar(value)}")


def dump(data: dict[str, Any], kind: str | None = None, up: str = "../../") -> str:
    """One record as YAML text; `kind` adds the editor's schema comment on the first line."""
    lines: list[str] = []
    _emit(lines, data, "")
    head = SCHEMA_COMMENT.format(up=up, kind=kind) if kind else ""
    return head + "\n".join(lines) + "\n"
