"""Plan and write an import: map ratings, find or create people, validate, never overwrite.

Never prompts or prints: an unknown rating is put to the `ask` callback (once per rating text),
and everything that happened comes back as an ImportReport for the command line to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from generator.content.fields import slug_problem
from generator.content.models import Claim
from generator.core.project import Project
from generator.core.values import printable, slugify
from generator.tasks.importer.convert import Converted, convert, rating_label, review_id
from generator.tasks.importer.sources import Found, read_path
from generator.tasks.scaffold import ScaffoldError, read_context

Ask = Callable[[str, list[str]], "str | None"]  # (rating text, verdict ids) -> a verdict id, or None to skip


class ImportUsageError(Exception):
    """A bad --map, a project without a valid site.yaml, a file that cannot be read (exit 2)."""


@dataclass
class ImportReport:
    written: list[str] = field(default_factory=list)  # project-relative paths of new claims
    drafts: list[tuple[str, list[str]]] = field(default_factory=list)  # (path, fields to fill)
    people: list[str] = field(default_factory=list)  # new person files
    not_imported: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)

    @property
    def ok(self) -> bool:
        return not self.not_imported


def parse_maps(pairs: list[str], verdicts: list[str]) -> dict[str, str]:
    """--map "Keliru=salah" options as {rating text (case-folded): verdict id}."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        label, sep, verdict = pair.rpartition("=")
        label, verdict = label.strip(), verdict.strip()
        if not sep or not label:
            raise ImportUsageError(f"--map '{printable(pair)}' is not of the form 'RATING=VERDICT', e.g. 'Keliru=salah'")
        if verdict not in verdicts:
            raise ImportUsageError(
                f"--map '{printable(pair)}': '{printable(verdict)}' is not on the scale; use one of: {', '.join(verdicts)}"
            )
        mapping[label.casefold()] = verdict
    return mapping


class People:
    """The project's people by name; new ones get a slug of their name that no file holds yet."""

    def __init__(self, folder: Path, existing: dict[str, str]):
        self.folder, self.by_name = folder, dict(existing)  # case-folded name -> id
        self.new: dict[str, dict[str, str]] = {}

    def id_for(self, name: str, kind: str) -> str:
        key = " ".join(name.split()).casefold()
        if key in self.by_name:
            return self.by_name[key]
        base = slugify(name) or "person"
        if slug_problem(base):
            base = f"person-{base}"[:60].rstrip("-")
        candidate, n = base, 1
        while (self.folder / f"{candidate}.yaml").exists() or candidate in self.new:
            n += 1
            candidate = f"{base}-{n}"
        self.by_name[key] = candidate
        self.new[candidate] = {"name": name, "kind": kind}
        return candidate


def dump(data: dict[str, Any], header: list[str]) -> str:
    """Safe YAML (no tags, every value a plain scalar or list), after a comment header."""
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return "".join(f"# {printable(line, 200)}\n" for line in header) + body


def settle(converted: Converted, site_language: str) -> None:
    """Drop what does not validate from an imported record and list it to fill (the record is then a draft)."""
    data = converted.data
    if data.get("language") == site_language:
        del data["language"]
    try:
        Claim.model_validate(data)
        return
    except ValidationError as exc:
        bad = list(dict.fromkeys(str(e["loc"][0]) for e in exc.errors() if e["loc"] and e["type"] != "missing"))
    for name in bad:
        if name in ("language", "updated", "appearances", "same_as") or name in converted.to_fill:
            data.pop(name, None)
        if name not in converted.to_fill:
            converted.to_fill.append(name)
    data["draft"] = True


def import_files(
    project: Project, paths: list[Path], maps: list[str], ask: Ask | None, clock: datetime | None = None
) -> ImportReport:
    try:
        context = read_context(project, clock or datetime.now(UTC))
    except ScaffoldError as exc:
        raise ImportUsageError(str(exc)) from None
    verdicts = [v.id for v in context.site.scale]
    known = {v.label.casefold(): v.id for v in context.site.scale} | {v: v for v in verdicts}
    known |= parse_maps(maps, verdicts)
    found: list[Found] = []
    for path in paths:
        try:
            found.extend(read_path(path))
        except Exception as exc:
            raise ImportUsageError(str(exc)) from None

    people = People(
        project.content_dir / "people", {" ".join(p.name.split()).casefold(): pid for pid, p in context.people.items()}
    )
    claims_dir = project.content_dir / "claims"
    report, taken, refused = ImportReport(), set[str](), set[str]()
    for item in found:
        label = rating_label(item.review)
        if not label:
            report.not_imported.append((item.origin, "has no rating (reviewRating.alternateName) to map onto the scale"))
            continue
        key = label.casefold()
        if key not in known and key not in refused and ask is not None:
            answer = ask(label, verdicts)
            if answer:
                known[key] = answer
            else:
                refused.add(key)
        if key not in known:
            how = "skipped when asked" if key in refused else f'matches no verdict; map it with --map "{label}=VERDICT"'
            report.not_imported.append((item.origin, f"rating '{printable(label)}' {how} (verdicts: {', '.join(verdicts)})"))
            continue
        rid = review_id(item.review)
        if slug_problem(rid):
            rid = f"claim-{rid}"[:60].rstrip("-")
        base, n = rid, 1
        while rid in taken:
            n += 1
            rid = f"{base}-{n}"
        taken.add(rid)
        target = claims_dir / f"{rid}.yaml"
        relative = project.relative(target)
        if target.exists():
            report.not_imported.append(
                (item.origin, f"{relative} exists already; it is never overwritten (move it away to import again)")
            )
            continue
        converted = convert(item.review, known[key], people.id_for, item.page_body)
        settle(converted, context.site.language)
        header = [f"Imported by factcheck import from {item.origin}."]
        if converted.to_fill:
            header.append("Draft: fill in " + ", ".join(converted.to_fill) + ", then remove 'draft: true'.")
        claims_dir.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as out:  # "x": fails rather than replace a file
            out.write(dump(converted.data, header))
        report.written.append(relative)
        if converted.to_fill:
            report.drafts.append((relative, converted.to_fill))
    for pid, person in people.new.items():
        target = project.content_dir / "people" / f"{pid}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as out:
            out.write(dump(person, ["Created by factcheck import."]))
        report.people.append(project.relative(target))
    return report
