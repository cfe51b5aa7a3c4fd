"""Plan and write an import: map ratings, find or create people, validate, never overwrite.

Never prompts or prints: an unknown rating is put to the `ask` callback (once per rating text),
and everything that happened comes back as an ImportReport for the command line to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from generator.content.fields import slug_problem
from generator.core.project import Project
from generator.core.values import slugify
from generator.tasks.importer.convert import convert, rating_label, review_id
from generator.tasks.importer.csvrows import ColumnError, parse_columns
from generator.tasks.importer.ratings import Ask, MapError, Ratings, rating_number
from generator.tasks.importer.shape import claim_text, dump, settle
from generator.tasks.importer.sources import Found, SourceError, read_path
from generator.tasks.scaffold import ScaffoldError, read_context


class ImportUsageError(Exception):
    """A bad --map or --column, a project without a valid site.yaml, a file that cannot be read (exit 2)."""


@dataclass
class ImportReport:
    written: list[str] = field(default_factory=list)  # project-relative paths of new claims
    drafts: list[tuple[str, list[str]]] = field(default_factory=list)  # (path, fields to fill, with their lines)
    people: list[str] = field(default_factory=list)  # new person files
    not_imported: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)

    @property
    def ok(self) -> bool:
        return not self.not_imported


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


def read_all(paths: list[Path], columns: list[str]) -> tuple[list[Found], list[tuple[str, str]]]:
    """Everything the files and folders named hold; a file that cannot be read is a usage error."""
    try:
        mapping = parse_columns(columns)
    except ColumnError as exc:
        raise ImportUsageError(str(exc)) from None
    found: list[Found] = []
    empty: list[tuple[str, str]] = []
    for path in paths:
        try:
            reviews, pages = read_path(path, mapping)
        except SourceError as exc:
            raise ImportUsageError(str(exc)) from None
        found += reviews
        empty += pages
    return found, empty


def import_files(
    project: Project,
    paths: list[Path],
    maps: list[str],
    ask: Ask | None,
    columns: list[str] | None = None,
    clock: datetime | None = None,
) -> ImportReport:
    try:
        context = read_context(project, clock or datetime.now(UTC))
        ratings = Ratings(context.site.scale, maps, ask)
    except ScaffoldError as exc:
        raise ImportUsageError(str(exc)) from None
    except MapError as exc:
        raise ImportUsageError(str(exc)) from None
    found, empty = read_all(paths, columns or [])
    report = ImportReport(not_imported=empty)
    people = People(
        project.content_dir / "people", {" ".join(p.name.split()).casefold(): pid for pid, p in context.people.items()}
    )
    claims_dir = project.content_dir / "claims"
    taken: set[str] = set()
    for item in found:
        verdict, why = ratings.verdict(rating_label(item.review), rating_number(item.review))
        if verdict is None:
            report.not_imported.append((item.origin, why))
            continue
        rid = review_id(item.review)
        if slug_problem(rid):
            rid = f"claim-{rid}"[:60].rstrip("-")
        base, n = rid, 1
        while rid in taken:  # two items of this import with the same id: the later one is numbered
            n += 1
            rid = f"{base}-{n}"
        taken.add(rid)
        target = claims_dir / f"{rid}.yaml"
        relative = project.relative(target)
        if target.exists():
            report.not_imported.append(
                (item.origin, f"{relative} exists already; it is never overwritten (move it away to import this item again)")
            )
            continue
        converted = convert(item.review, verdict, people.id_for, item.page_body)
        settle(converted, context.site.language, context.now.tzinfo or UTC)
        header = [f"Imported by factcheck import from {item.path.name}{item.where}."]
        if converted.to_fill:
            header.append("Draft: fill in " + ", ".join(converted.to_fill) + ", then remove 'draft: true'.")
        claims_dir.mkdir(parents=True, exist_ok=True)
        text, to_fill = claim_text(converted, header)
        try:
            with target.open("x", encoding="utf-8", newline="\n") as out:  # "x": fails rather than replace a file
                out.write(text)
        except FileExistsError:  # written by someone else since the check above
            report.not_imported.append((item.origin, f"{relative} appeared while importing; it is never overwritten"))
            continue
        report.written.append(relative)
        if to_fill:
            report.drafts.append((relative, to_fill))
    for pid, person in people.new.items():
        target = project.content_dir / "people" / f"{pid}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as out:
            out.write(dump(person, ["Created by factcheck import."]))
        report.people.append(project.relative(target))
    return report
