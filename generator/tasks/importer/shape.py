"""The file an imported record is written as: what does not validate taken out and left to fill, safe YAML.

A draft gets an empty value for each field to fill, where the model puts it, so `factcheck
validate` points at the line to write, as it does for a record started by `factcheck new`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo
from typing import Any

import yaml
from pydantic import ValidationError

from generator.content.models import Claim
from generator.core.values import printable
from generator.tasks.importer.convert import Converted

LISTS = ("authors", "sources", "appearances", "same_as")  # filled in as [] rather than ""
DROPPABLE = ("language", "updated", "appearances", "same_as")  # optional: left out when the original's is unusable


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe emitter (no tags; it quotes whatever would read back as something else), writing a
    text of several lines as a `|` block as editors write an analysis; the emitter itself falls back
    to quoting a text a block cannot hold (trailing spaces, tabs, control characters)."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def dump(data: dict[str, Any], header: list[str]) -> str:
    """The record as safe YAML, after a comment header."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return "".join(f"# {printable(line, 200)}\n" for line in header) + body


def _moment(value: date | datetime, zone: tzinfo) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time(0, 0), tzinfo=zone)


def settle(converted: Converted, site_language: str, zone: tzinfo) -> None:
    """Drop what does not validate from an imported record and list it to fill (the record is then a draft)."""
    data = converted.data
    if data.get("language") == site_language:
        del data["language"]
    try:
        claim = Claim.model_validate(data)
    except ValidationError as exc:
        bad = list(dict.fromkeys(str(e["loc"][0]) for e in exc.errors() if e["loc"] and e["type"] != "missing"))
    else:
        if claim.updated is not None and _moment(claim.updated, zone) < _moment(claim.published, zone):
            del data["updated"]  # validation refuses an update before publication, whatever the original said
        return
    dropped = [name for name in bad if name in DROPPABLE]
    if dropped:  # optional fields the original filled with something unusable: left out, and checked again
        for name in dropped:
            data.pop(name, None)
        return settle(converted, site_language, zone)
    for name in bad:  # kept as imported, for the editor to correct
        if name not in converted.to_fill:
            converted.to_fill.append(name)
    data["draft"] = True


def claim_text(converted: Converted, header: list[str]) -> tuple[str, list[str]]:
    """The YAML of an imported record, and each field still to fill with its line: 'claimant (line 5)'."""
    data = dict(converted.data)
    for name in converted.to_fill:
        data.setdefault(name, [] if name in LISTS else "")
    order = list(Claim.model_fields)
    data = {key: data[key] for key in sorted(data, key=lambda key: order.index(key) if key in order else len(order))}
    text = dump(data, header)
    lines = {m.group(1): n for n, line in enumerate(text.splitlines(), 1) if (m := re.match(r"([a-z_]+):", line))}
    return text, [f"{name} (line {lines[name]})" if name in lines else name for name in converted.to_fill]
