"""The commented skeleton a new record starts from: generator/tasks/skeletons/<kind>.yaml filled in with
the answers, and the line of each value left for the editor to fill.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

import yaml

from generator.content.models import PAGE_ROLES, Site
from generator.core.resources import skeletons_folder

# Each skeleton (generator/tasks/skeletons/) reads like the file it becomes. A value left empty ("", [],
# or a block scalar with no text under it) is for the editor to fill; the validator says which.

EMPTY_RE = re.compile(r"^(\s*)(?:- )?(\w+): (?:\"\"|\[\]|>-|\|)$")


def render(kind: str, answers: dict, site: Site, now: datetime, articles: Sequence[str]) -> tuple[str, dict[int, str]]:
    """The skeleton's text for a new `kind` record of `site`, made at `now` (`articles`: the ids of the
    project's articles, for an example), and the line and name of each value left empty."""
    values = {
        name: yaml_scalar(answers.get(name))
        for name in ("title", "claimant", "verdict", "authors", "publisher", "published", "name")
    }
    optional = {
        "article": articles[0] if articles else "medcom-berita-2021-04-16",
        "url": "https://example.com/article",
        "description": "Siapa kami dan cara kami bekerja." if kind == "page" else "Presiden Amerika Serikat",
    }
    for name, example in optional.items():
        value = answers.get(name)
        values[name] = f"{name}: {yaml_scalar(value)}" if value else f"# {name}: {example}"
    if answers.get("article"):
        values["article"] += "\n# Order of the claim within that article (1 = first):\n# article_position: 1"
    today = now.date().isoformat()
    text = (
        (skeletons_folder() / f"{kind}.yaml")
        .read_text(encoding="utf-8")
        .format(
            **values,
            claim_date=answers.get("claim_date") or today,
            today=today,
            now=now.isoformat(),
            scale=", ".join(v.id for v in site.scale),
            tags=", ".join(site.tags) or "none yet",
            language=site.language,
            person_kind=answers.get("person_kind") or "person",
            role=answers.get("role") or "other",
            roles=", ".join(PAGE_ROLES),
        )
    )
    header = f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
    text = ("---\n" + header + text) if kind == "page" else header + text
    lines = text.split("\n")
    empty: dict[int, str] = {}
    parent = ""
    for number, line in enumerate(lines, 1):
        if line and not line[0].isspace() and not line.startswith("#"):
            parent = line.split(":", 1)[0]
        match = EMPTY_RE.match(line)
        if match:
            empty[number] = f"{parent}[0].{match.group(2)}" if match.group(1) else match.group(2)
    if kind == "page":
        empty[len(lines) - 1] = "page text"
    return text, empty


def yaml_scalar(value) -> str:
    """A value as YAML that reads back as the same value: plain when safe, else double-quoted."""
    if value is None:
        return '""'
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**6)
    if dumped[:1] in ("'", '"') or dumped.count("\n") > 2:
        dumped = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_style='"')
    return dumped.removesuffix("\n...\n").rstrip("\n")
