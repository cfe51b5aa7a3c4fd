"""The first stage of every build: what changed, and the records after it.

A build that starts from nothing reads content/ (through the cache). A build that starts from a
`Snapshot` (the records an earlier build of this process left, as the live preview keeps them) takes
those as they are, or, when it is told which files changed and they are claim files, reads only those
files again and runs the checks of those claims. Every kind of build goes through `take_in`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from generator.content.checks import check_claims, claim_references
from generator.content.entries import Content, Entry
from generator.content.fields import slug_problem
from generator.content.loading import read_files
from generator.core.diagnostics import Diagnostic, sort_diagnostics
from generator.core.project import Project
from generator.engine.options import BuildOptions, Snapshot

CLAIM_FILE = re.compile(r"content/claims/([^/]+)\.yaml")
THEME_PREFIX = "templates/"


@dataclass(frozen=True)
class Intake:
    """The records a build works on, and what it knows of the change that led to them."""

    content: Content | None
    diagnostics: list[Diagnostic]
    snapshot: Snapshot | None  # where a later build of this process can start
    claims: tuple[str, ...] | None = None  # the edited claims, when only claim files changed
    theme: tuple[str, ...] = ()  # the edited files of the project's templates/, when only those changed


def take_in(project: Project, options: BuildOptions) -> Intake | None:
    """The records for this build; None when `options.changed` cannot be taken in from `options.since`
    (a removed file, site.yaml, a person...), and the build must read content/ again."""
    since, changed = options.since, sorted(set(options.changed or ()))
    if since is None:
        from generator.engine.records import load_records  # imported here: the no-change fast path needs none of it

        content, diagnostics = load_records(project, options.clock, cache=options.cache)
        return Intake(content, diagnostics, Snapshot(content, tuple(diagnostics)) if content is not None else None)
    if not changed:
        return Intake(since.content, list(since.diagnostics), since)
    files = claim_files(project, changed)
    if files is not None:
        return _reread_claims(since, files, options)
    theme = theme_files(changed)
    if theme is not None and not set(theme) & theme_images(since.content):
        return Intake(since.content, list(since.diagnostics), replace(since, env=None), theme=tuple(theme))
    return None


def _reread_claims(since: Snapshot, files: list[tuple[str, Path, str]], options: BuildOptions) -> Intake:
    """The snapshot's records with these claim files read again; their checks run, the rest is kept."""
    claims = dict(since.content.claims)
    found: list[Diagnostic] = []
    parsed, invalid = [], []
    for (claim_id, _path, rel), read in zip(files, read_files([("claims", path, cid, rel) for cid, path, rel in files])):
        found.extend(read.problems)
        if read.record is not None:
            assert read.positions is not None  # a valid record comes with its positions
            claims[claim_id] = Entry(claim_id, rel, read.record, read.positions, read.source)
            parsed.append(claim_id)
        else:  # the last good version stays in memory (and on the page) until the file is fixed
            invalid.append((rel, read.positions, read.data))
    content = replace(since.content, claims=claims)
    assert options.clock is not None  # build_site sets it
    found += check_claims(content, parsed, options.clock)
    for rel, positions, data in invalid:  # as load_content does: a bad date and a dangling id, in one go
        if isinstance(data, dict):
            assert positions is not None  # data comes with the document it was read from
            found.extend(claim_references(content, rel, positions, data))
    edited = {rel for _, _, rel in files}
    diagnostics = sort_diagnostics([*(d for d in since.diagnostics if d.path not in edited), *found])
    # Routes depend on the records: they are planned again when next needed. The templates did not change.
    snapshot = Snapshot(content, tuple(diagnostics), since.env)
    return Intake(content, diagnostics, snapshot, claims=tuple(claim_id for claim_id, _, _ in files))


def theme_files(changed: list[str]) -> list[str] | None:
    """The edited files of the project's theme, or None unless the batch touched templates/ only
    (hidden files, such as an editor's temporary copies, are left out)."""
    if not changed or not all(rel.startswith(THEME_PREFIX) for rel in changed):
        return None
    files = [rel for rel in changed if not any(part.startswith(".") for part in rel.split("/"))]
    return files or None


def theme_images(content: Content) -> set[str]:
    """The logo and favicon named in site.yaml: an edit of one is checked and measured again, with the records."""
    theme = content.site.model.theme
    return {file for file in (theme.logo.file if theme.logo else None, theme.favicon) if file is not None}


def claim_files(project: Project, changed: list[str]) -> list[tuple[str, Path, str]] | None:
    """(id, path, shown path) of each edited claim file, or None unless the batch touched claim files only.

    Files the loader skips (hidden ones, like an editor's temporary copy) are skipped here too, and so is
    anything that is gone again (vim's test file '4913', a backup); a removed claim needs a full reading."""
    files = []
    for rel in changed:
        folder, _, name = rel.rpartition("/")
        if folder != "content/claims":
            return None
        path = project.content_dir / "claims" / name
        match = CLAIM_FILE.fullmatch(rel)
        if name.startswith(".") or (match is None and not os.path.lexists(path)):
            continue
        if match is None or slug_problem(match[1]) or path.is_symlink() or not path.is_file():
            return None  # a stray file, a bad name, a link or a removed claim: a full reading reports or drops it
        files.append((match[1], path, rel))
    return files or None
