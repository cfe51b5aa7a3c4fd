"""Reading a project's content: every record file read and validated, then the checks across records.

`load_content` takes the files of content/ as they are; a `reader` can stand in for the default one
(the build engine's reads from its cache and in worker processes), so this module knows nothing of
caches or processes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from generator.content.checks import claim_references, run_checks
from generator.content.entries import Content, Entry, PageEntry
from generator.content.fields import slug_problem
from generator.content.files import read_bytes
from generator.content.language import check_language
from generator.content.models import Article, Claim, Person, Record, Site
from generator.content.positions import Positions
from generator.content.records import read_page, read_record
from generator.content.themechecks import inspect_theme_files
from generator.content.yamlfile import LazyPositions
from generator.core.diagnostics import Diagnostic, error, has_errors, sort_diagnostics, warning
from generator.core.project import Project
from generator.core.values import digest, printable, slugify

RECORD_KINDS: dict[str, type[Record]] = {"people": Person, "articles": Article, "claims": Claim}
TOP_LEVEL = {"site.yaml", "pages", *RECORD_KINDS}
RecordFile = tuple[str, Path, str, str]  # folder, path, id, path shown in diagnostics


class RecordRead(NamedTuple):
    """One record file, read: the model (None when invalid), where its values are, the raw data of an
    invalid record (the reference checks still read it), the diagnostics, the digest of its bytes ("" when
    unreadable) and its (size, mtime) when read."""

    record: Record | None
    positions: Positions | LazyPositions | None
    data: Any
    problems: list[Diagnostic]
    source: str = ""
    stamp: tuple[int, int] | None = None


Reader = Callable[[list[RecordFile]], list[RecordRead]]
# (shown path, folder, digest) -> (model, diagnostics) of an earlier reading of the same bytes, or None.
Known = Callable[[str, str, str], "tuple[Record, list[Diagnostic]] | None"]


def load_content(
    project: Project, clock: datetime | None = None, reader: Reader | None = None
) -> tuple[Content | None, list[Diagnostic]]:
    """Read and validate every record; `Content` is None when any error was found."""
    clock = clock or datetime.now(UTC)
    diagnostics: list[Diagnostic] = []
    site = _load_site(project, diagnostics)
    if site is not None:
        diagnostics.extend(check_language(project, site))
    loaded: dict[str, dict[str, Entry]] = {folder: {} for folder in RECORD_KINDS}
    invalid_claims: list[tuple[str, Any, dict]] = []
    files = [
        (folder, path, record_id, rel)
        for folder in RECORD_KINDS
        for path, record_id, rel in _record_files(project, folder, ".yaml", diagnostics)
    ]
    for (folder, _path, record_id, rel), read in zip(files, (reader or read_files)(files)):
        diagnostics.extend(read.problems)
        if read.record is not None:
            assert read.positions is not None  # a valid record comes with its positions
            loaded[folder][record_id] = Entry(record_id, rel, read.record, read.positions, read.source)
        elif folder == "claims" and isinstance(read.data, dict):
            invalid_claims.append((rel, read.positions, read.data))
    pages: dict[str, PageEntry] = {}
    for path, page_id, rel in _record_files(project, "pages", ".md", diagnostics):
        raw, problems = read_bytes(path, rel)
        if raw is None:
            diagnostics.extend(problems)
            continue
        page, positions, body, body_line, problems = read_page(raw, rel)
        diagnostics.extend(problems)
        if page is not None:
            assert positions is not None  # a valid page comes with its positions
            pages[page_id] = PageEntry(page_id, rel, page, positions, body=body, body_line=body_line)
    for name in sorted(p.name for p in project.content_dir.iterdir()):
        if name not in TOP_LEVEL and not name.startswith("."):
            hint = "rename it to site.yaml" if name == "site.yml" else "records go in people/, articles/, claims/ or pages/"
            shown = printable(name, None)
            diagnostics.append(
                warning(f"content/{shown}", 1, 1, "unexpected-file", f"'{shown}' is not part of a project and is ignored", hint)
            )
    if site is None:
        return None, sort_diagnostics(diagnostics)
    theme_files, problems = inspect_theme_files(project.root, site)
    diagnostics.extend(problems)
    content = Content(site, loaded["people"], loaded["articles"], loaded["claims"], pages, theme_files)
    diagnostics.extend(run_checks(content, clock))
    for rel, positions, data in invalid_claims:  # so one run reports a bad date and a dangling id together
        diagnostics.extend(claim_references(content, rel, positions, data))
    diagnostics = sort_diagnostics(diagnostics)
    return (None if has_errors(diagnostics) else content), diagnostics


def read_files(files: list[RecordFile]) -> list[RecordRead]:
    """The default reader: each file read and validated now, in order."""
    return [read_file(folder, path, rel) for folder, path, _, rel in files]


def read_file(folder: str, path: Path, rel: str, known: Known | None = None) -> RecordRead:
    """Read and validate one record file of `folder`. A valid record keeps no positions (they are read
    again from the file if a later check needs a line); an invalid one keeps them and its data.
    `known` may give the outcome of an earlier reading of the same bytes, which is then not validated."""
    try:
        stat = path.stat()
        stamp: tuple[int, int] | None = (stat.st_size, stat.st_mtime_ns)
    except OSError:
        stamp = None
    raw, problems = read_bytes(path, rel)
    if raw is None:
        return RecordRead(None, None, None, problems)
    key = digest(raw)
    earlier = known(rel, folder, key) if known is not None else None
    if earlier is not None:
        return RecordRead(earlier[0], LazyPositions(path), None, earlier[1], key, stamp)
    record, doc, problems = read_record(raw, rel, RECORD_KINDS[folder])
    if record is None:
        return RecordRead(None, doc.positions if doc else None, doc.data if doc else None, problems, key)
    return RecordRead(record, LazyPositions(path), None, problems, key, stamp)


def _load_site(project: Project, diagnostics: list[Diagnostic]) -> Entry[Site] | None:
    path = project.site_file
    if not path.is_file():
        diagnostics.append(
            error(
                "content/site.yaml",
                1,
                1,
                "missing-file",
                "content/site.yaml is missing",
                "create it with the site's title, base_url, language and rating scale",
            )
        )
        return None
    raw, problems = read_bytes(path, "content/site.yaml")
    site, doc, problems = read_record(raw, "content/site.yaml", Site) if raw is not None else (None, None, problems)
    diagnostics.extend(problems)
    if site is None:
        return None
    assert raw is not None and doc is not None  # a valid site.yaml was read and parsed
    return Entry("site", "content/site.yaml", site, doc.positions, digest(raw))


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
        if item.is_symlink() or not item.is_file(
            follow_symlinks=False
        ):  # symlinks could lead out of the project; FIFOs would block
            diagnostics.append(
                warning(
                    rel,
                    1,
                    1,
                    "unexpected-file",
                    f"'{printable(path.name)}' is ignored: only {suffix} files directly in {folder}/ are read",
                )
            )
            continue
        if path.suffix == ".yml" and suffix == ".yaml":
            diagnostics.append(
                error(
                    rel,
                    1,
                    1,
                    "wrong-extension",
                    f"'{printable(path.name)}' has the extension .yml",
                    f"rename it to {path.stem}.yaml",
                )
            )
            continue
        if path.suffix != suffix:
            diagnostics.append(
                warning(rel, 1, 1, "unexpected-file", f"'{printable(path.name)}' is ignored: {folder}/ holds only {suffix} files")
            )
            continue
        problem = slug_problem(path.stem)
        if problem:
            suggestion = slugify(path.stem)
            if slug_problem(suggestion):  # empty, or a device name such as 'con'
                suggestion = f"{suggestion}-info" if suggestion else "a-descriptive-name"
            diagnostics.append(
                error(
                    rel,
                    1,
                    1,
                    "bad-id",
                    f"file name '{printable(path.stem)}' is not a valid id: {problem}",
                    f"rename it to {suggestion}{suffix}",
                )
            )
            continue
        found.append((path, path.stem, rel))
    return found
