"""The loaded content of a project: validated records, each beside its file and line map.

`load_content` reads and validates every file; later stages get a frozen `Content`
and never touch the disk or YAML again.
"""

from __future__ import annotations

import os
import re
import time as systime
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any, Generic, Mapping, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.engine.cache import Store, digest, paused_gc
from generator.core.diagnostics import Diagnostic, error, has_errors, sort_diagnostics, warning
from generator.content.models import MAX_SLUG_LENGTH, Article, Claim, Page, Person, Record, Site, slug_problem
from generator.core.project import Project
from generator.content.records import read_page, read_record
from generator.engine.workers import map_chunks, worker_count
from generator.content.yamlfile import LazyPositions, Positions, printable, read_bytes

M = TypeVar("M", bound=Record)


@dataclass(frozen=True)
class Entry(Generic[M]):
    """One record: its id (the file name), its project-relative path, the model and its positions."""

    id: str
    path: str
    model: M
    positions: Positions = field(repr=False, compare=False)
    # Digest of the file's bytes, for keys of output made from the record; "" when unknown (then no key).
    source: str = field(default="", repr=False, compare=False)

    def where(self, *key_path: str | int) -> tuple[int, int]:
        """Line and column of a value inside this record, for diagnostics."""
        return self.positions.value_at(key_path)


@dataclass(frozen=True)
class PageEntry(Entry[Page]):
    body: str = ""
    body_line: int = 1  # line in the file where the Markdown body starts


@dataclass(frozen=True)
class Content:
    site: Entry[Site]
    people: Mapping[str, Entry[Person]]
    articles: Mapping[str, Entry[Article]]
    claims: Mapping[str, Entry[Claim]]  # every claim, drafts and scheduled ones included
    pages: Mapping[str, PageEntry]

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.site.model.timezone)
        except (ZoneInfoNotFoundError, ValueError):  # reported by checks.check_site
            return ZoneInfo("UTC")

    def moment(self, value: datetime | date) -> datetime:
        """A `published`/`updated` value as an aware date-time (a bare date is midnight in the site's zone)."""
        if isinstance(value, datetime):
            return value
        return datetime.combine(value, time(0, 0), tzinfo=self.zone)

    def utc_stamp(self, value: datetime | date) -> str:
        """A `published`/`updated`/correction date as the UTC stamp feeds, sitemaps and exports use."""
        return self.moment(value).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def last_modified(self, claim: Claim) -> datetime:
        """When the fact-check last changed for readers: its update or its latest correction, whichever is later."""
        moments = [self.moment(claim.published)]
        if claim.updated is not None:
            moments.append(self.moment(claim.updated))
        moments += [self.moment(c.date) for c in claim.corrections]
        return max(moments)

    def is_public(self, claim: Claim, clock: datetime, drafts: bool = False) -> bool:
        """A claim is published when it is not a draft and its `published` moment is not after `clock`."""
        if drafts:
            return True
        return not claim.draft and self.moment(claim.published) <= clock

    def public_claims(self, clock: datetime, drafts: bool = False) -> list[Entry[Claim]]:
        """Claims to publish, newest first, ties broken by id so the order is stable.

        Sorted by timestamp: comparing time-zone-aware date-times asks each for its offset at every
        comparison, which made this a tenth of a second at 10,000 claims."""
        now = clock.timestamp()
        chosen = []
        for entry in self.claims.values():
            claim = entry.model
            stamp = self.moment(claim.published).timestamp()
            if drafts or (not claim.draft and stamp <= now):
                chosen.append((-stamp, entry.id, entry))
        chosen.sort()  # ids are unique, so entries themselves are never compared
        return [entry for _, _, entry in chosen]


# ------------------------------------------------------------------ loading

RECORD_CODE = ("engine.cache", "content.models", "content.records", "content.yamlfile", "content.yamlquick", "core.diagnostics")  # the code a cached record depends on
RECORD_KINDS = {"people": Person, "articles": Article, "claims": Claim}
TOP_LEVEL = {"site.yaml", "pages", *RECORD_KINDS}


def load_content(project: Project, clock: datetime | None = None, use_cache: bool = False) -> tuple[Content | None, list[Diagnostic]]:
    """Read and validate every record; `Content` is None when any error was found.

    With `use_cache`, records whose bytes did not change since the last run are taken from
    .factcheck-cache/ instead of being parsed and validated again.
    """
    from generator.content.checks import claim_references, run_checks  # checks need Content; import here to avoid a cycle

    clock = clock or datetime.now(timezone.utc)
    store = Store(project.cache_dir if use_cache else None, "records", RECORD_CODE)
    diagnostics: list[Diagnostic] = []
    site = _load_site(project, diagnostics)
    loaded: dict[str, dict[str, Entry]] = {}
    invalid_claims: list[tuple[str, Positions, dict]] = []
    files = [(folder, path, record_id, rel) for folder in RECORD_KINDS
             for path, record_id, rel in _record_files(project, folder, ".yaml", diagnostics)]
    with paused_gc():  # thousands of records, all kept: the collector would only walk them again and again
        results = _read_records(store, files)
    for (folder, path, record_id, rel), (record, positions, data, problems, source) in zip(files, results):
        diagnostics.extend(problems)
        if record is not None:
            loaded.setdefault(folder, {})[record_id] = Entry(record_id, rel, record, positions, source)
        elif folder == "claims" and isinstance(data, dict):
            invalid_claims.append((rel, positions, data))
    for folder in RECORD_KINDS:
        loaded.setdefault(folder, {})
    store.save()
    pages: dict[str, PageEntry] = {}
    for path, page_id, rel in _record_files(project, "pages", ".md", diagnostics):
        raw, problems = read_bytes(path, rel)
        if raw is None:
            diagnostics.extend(problems)
            continue
        page, positions, body, body_line, problems = read_page(raw, rel)
        diagnostics.extend(problems)
        if page is not None:
            pages[page_id] = PageEntry(page_id, rel, page, positions, body=body, body_line=body_line)
    for name in sorted(p.name for p in project.content_dir.iterdir()):
        if name not in TOP_LEVEL and not name.startswith("."):
            hint = "rename it to site.yaml" if name == "site.yml" else "records go in people/, articles/, claims/ or pages/"
            shown = printable(name, None)
            diagnostics.append(warning(f"content/{shown}", 1, 1, "unexpected-file", f"'{shown}' is not part of a project and is ignored", hint))
    if site is None:
        return None, sort_diagnostics(diagnostics)
    content = Content(site, loaded["people"], loaded["articles"], loaded["claims"], pages)
    diagnostics.extend(run_checks(content, clock))
    for rel, positions, data in invalid_claims:  # so one run reports a bad date and a dangling id together
        diagnostics.extend(claim_references(content, rel, positions, data))
    diagnostics = sort_diagnostics(diagnostics)
    return (None if has_errors(diagnostics) else content), diagnostics


PARALLEL_FILES = 400  # files to parse before worker processes pay for themselves
_store: Store | None = None  # the cache as the workers see it: inherited through fork, never pickled


def _read_records(store: Store, files: list[tuple[str, Path, str, str]]) -> list[tuple[Record | None, Any, Any, list[Diagnostic], str]]:
    """(model, positions, raw data when invalid, diagnostics, digest of the bytes) per file, in order: from the cache when the
    file's size and mtime (or, failing that, its bytes) match, else parsed, in worker processes when many."""
    global _store
    results: list[Any] = [None] * len(files)
    misses = []
    now = systime.time()
    for index, (folder, path, _, rel) in enumerate(files):
        cached = store.get(rel)
        try:
            stat = path.stat()
        except OSError:
            stat = None
        # A file changed within the same clock tick could keep its size and mtime: hash recent files.
        if (cached and stat is not None and now - stat.st_mtime > 2 and cached[3] == folder
                and cached[:2] == (stat.st_size, stat.st_mtime_ns)):
            results[index] = (cached[4], LazyPositions(path), None, cached[5], cached[2])
        else:
            misses.append((index, folder, path, rel))
    store.data  # loaded before any fork, so workers can reuse entries whose bytes match
    _store = store
    try:
        parsed = map_chunks(_parse_files, [(folder, path, rel) for _, folder, path, rel in misses],
                            worker_count(), PARALLEL_FILES)
    finally:
        _store = None
    for (index, folder, path, rel), (record, positions, data, problems, stamp, key) in zip(misses, parsed):
        if record is not None and stamp is not None:
            store.put(rel, (*stamp, key, folder, record, problems))
        results[index] = (record, LazyPositions(path) if record is not None else positions, data, problems, key or "")
    return results


def parse_record_files(folder: str, files: list[tuple[str, Path, str]]) -> list[tuple[Record | None, Any, Any, list[Diagnostic], str]]:
    """(model, positions, raw data when invalid, diagnostics, digest of the bytes) for a few (id, path, shown path) files of one
    folder, read now, without the cache: the live preview's way to take in an edit."""
    return [(*result[:4], result[5] or "") for result in _parse_files([(folder, path, rel) for _, path, rel in files])]


def _parse_files(jobs: list[tuple[str, Path, str]]) -> list[tuple]:
    """Read and validate record files: (model, positions, data, diagnostics, (size, mtime), digest) each.
    Invalid records keep their positions and data, which later checks need; valid ones need neither."""
    out = []
    for folder, path, rel in jobs:
        try:
            stat = path.stat()
            stamp = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            stamp = None
        raw, problems = read_bytes(path, rel)
        if raw is None:
            out.append((None, None, None, problems, None, None))
            continue
        key = digest(raw)
        cached = _store.get(key=rel) if _store is not None else None
        if cached and cached[2] == key and cached[3] == folder:
            out.append((cached[4], None, None, cached[5], stamp, key))
            continue
        record, doc, problems = read_record(raw, rel, RECORD_KINDS[folder])
        if record is None:
            out.append((None, doc.positions if doc else None, doc.data if doc else None, problems, None, None))
        else:
            out.append((record, None, None, problems, stamp, key))
    return out


def _load_site(project: Project, diagnostics: list[Diagnostic]) -> Entry[Site] | None:
    path = project.site_file
    if not path.is_file():
        diagnostics.append(error("content/site.yaml", 1, 1, "missing-file", "content/site.yaml is missing",
                                 "create it with the site's title, base_url, language and rating scale"))
        return None
    raw, problems = read_bytes(path, "content/site.yaml")
    site, doc, problems = read_record(raw, "content/site.yaml", Site) if raw is not None else (None, None, problems)
    diagnostics.extend(problems)
    return Entry("site", "content/site.yaml", site, doc.positions, digest(raw)) if site is not None else None


def _record_files(project: Project, folder: str, suffix: str, diagnostics: list[Diagnostic]) -> list[tuple[Path, str, str]]:
    """The record files of one folder as (path, id, path shown in diagnostics), sorted by name;
    wrong names and stray files become diagnostics."""
    directory = project.content_dir / folder
    if not directory.is_dir():
        return []
    found = []
    # Not project.relative(path): it resolves symlinks, naming the target instead of this file.
    shown_dir = project.relative(directory)
    with os.scandir(directory) as listing:  # scandir knows file types without a stat per file
        items = sorted(listing, key=lambda item: item.name)
    for item in items:
        path = Path(item.path)
        rel = printable(f"{shown_dir}/{item.name}", None)  # a name may hold any byte but '/'
        if item.name.startswith("."):
            continue
        if item.is_symlink() or not item.is_file(follow_symlinks=False):  # symlinks could lead out of the project; FIFOs would block
            diagnostics.append(warning(rel, 1, 1, "unexpected-file",
                                       f"'{printable(path.name)}' is ignored: only {suffix} files directly in {folder}/ are read"))
            continue
        if path.suffix == ".yml" and suffix == ".yaml":
            diagnostics.append(error(rel, 1, 1, "wrong-extension", f"'{printable(path.name)}' has the extension .yml",
                                     f"rename it to {path.stem}.yaml"))
            continue
        if path.suffix != suffix:
            diagnostics.append(warning(rel, 1, 1, "unexpected-file",
                                       f"'{printable(path.name)}' is ignored: {folder}/ holds only {suffix} files"))
            continue
        problem = slug_problem(path.stem)
        if problem:
            suggestion = slugify(path.stem)
            if slug_problem(suggestion):  # empty, or a device name such as 'con'
                suggestion = f"{suggestion}-info" if suggestion else "a-descriptive-name"
            diagnostics.append(error(rel, 1, 1, "bad-id", f"file name '{printable(path.stem)}' is not a valid id: {problem}",
                                     f"rename it to {suggestion}{suffix}"))
            continue
        found.append((path, path.stem, rel))
    return found


def slugify(text: str) -> str:
    """A best-effort slug for hints: 'Joe Biden' -> 'joe-biden'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG_LENGTH].rstrip("-")
