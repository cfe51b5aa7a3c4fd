"""The live preview's quick path: when an edit touched claim files only, their pages are rendered at
once from the records the last good build left in memory, before the full build catches up.

A full build of a large archive takes seconds even when one record changed (lists, feeds, open data
and the search index all include it); the editor looks at the fact-check they are writing. So the
preview shows that page first, rendered exactly as the full build will render it: same planner, same
templates, same checks for the edited records.

An edit of the project's templates (a designer at work) renders the pages open tabs show, with the
edited templates and the routes planned from the same records, and takes edited static files as
they are. Anything else (a removed file, site.yaml, a claim leaving the site) returns None, and the
caller waits for the full build.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field, replace
from typing import Iterable

import jinja2

from generator.engine.options import BuildOptions
from generator.engine.cache import paused_gc
from generator.content.entries import Content, Entry
from generator.content.loading import read_files
from generator.core.diagnostics import Diagnostic, has_errors, sort_diagnostics
from generator.content.fields import slug_problem
from generator.core.project import Project
from generator.render.theme import make_environment, render_route
from generator.plan.routes import Route

CLAIM_FILE = re.compile(r"content/claims/([^/]+)\.yaml")
THEME_PREFIX = "templates/"
STATIC_PREFIX = "templates/static/"


@dataclass(frozen=True)
class Snapshot:
    """What a quick update starts from: the records and diagnostics of the last good build, with the
    quick updates since applied, and the Jinja environment of that build's templates (made on first use)."""

    content: Content
    diagnostics: tuple[Diagnostic, ...]
    env: jinja2.Environment | None = field(default=None, compare=False)
    routes: dict[str, Route] | None = field(default=None, compare=False)  # every route by output path, once a template edit needed them


@dataclass(frozen=True)
class QuickUpdate:
    snapshot: Snapshot  # the next quick update starts from this one
    pages: dict[str, bytes]  # output path -> page; empty when the content has errors
    diagnostics: list[Diagnostic]  # of the whole site, as a full build would report them
    ok: bool
    seconds: float
    reload_all: bool = False  # a static file changed: every open page shows it


def quick_update(project: Project, snapshot: Snapshot, changed: Iterable[str], options: BuildOptions,
                 watched: Iterable[str] = ()) -> QuickUpdate | None:
    """The pages of the edited claims (`changed`: project-relative paths), or after a template edit the
    pages open tabs show (`watched`: output paths); None when the change needs a full build.
    `options.clock` must be set; drafts and base_url are the preview's."""
    started = time.perf_counter()
    changed = sorted(set(changed))
    files = _claim_files(project, changed)
    theme = None if files is not None else _theme_files(changed)
    if files is None and theme is None:
        return None
    with paused_gc():  # the preview holds every record: a full collection would cost more than the page
        if files is not None:
            return _update(project, snapshot, files, options, started)
        return _theme_update(project, snapshot, theme, options, list(watched), started)


def _update(project: Project, snapshot: Snapshot, files, options: BuildOptions, started: float) -> QuickUpdate | None:
    from generator.content.checks import check_claims, claim_references
    from generator.engine.pipeline import RENDER_ERRORS
    from generator.plan.planner import plan_claim_pages

    content = snapshot.content
    claims = dict(content.claims)
    found: list[Diagnostic] = []
    parsed, invalid = [], []
    reads = read_files([("claims", path, claim_id, rel) for claim_id, path, rel in files])
    for (claim_id, path, rel), read in zip(files, reads):
        found.extend(read.problems)
        if read.record is not None:
            claims[claim_id] = Entry(claim_id, rel, read.record, read.positions, read.source)
            parsed.append(claim_id)
        else:  # the last good version stays in memory (and on the page) until the file is fixed
            invalid.append((rel, read.positions, read.data))
    content = replace(content, claims=claims)
    found += check_claims(content, parsed, options.clock)
    for rel, positions, data in invalid:  # as load_content does: a bad date and a dangling id, in one go
        if isinstance(data, dict):
            found.extend(claim_references(content, rel, positions, data))
    ids = [claim_id for claim_id, _, _ in files]
    edited = {rel for _, _, rel in files}
    diagnostics = sort_diagnostics([*(d for d in snapshot.diagnostics if d.path not in edited), *found])
    env = snapshot.env or make_environment(project, content.site.model.language)
    following = Snapshot(content, tuple(diagnostics), env)
    if has_errors(diagnostics):
        return QuickUpdate(following, {}, diagnostics, False, time.perf_counter() - started)
    if any(not content.is_public(claims[i].model, options.clock, options.drafts) for i in ids):
        return None  # the claim leaves the site: every list changes, and its page goes
    pages = {}
    for route in plan_claim_pages(content, options, ids):
        try:
            pages[route.output_path] = render_route(env, route)
        except RENDER_ERRORS:
            return None  # the full build reports it, with the template's file and line
    return QuickUpdate(following, pages, diagnostics, True, time.perf_counter() - started)


def _theme_update(project: Project, snapshot: Snapshot, changed: list[str], options: BuildOptions,
                  watched: list[str], started: float) -> QuickUpdate | None:
    from generator.engine.pipeline import RENDER_ERRORS
    from generator.render.theme import collect_static
    from generator.plan.planner import plan_site

    content = snapshot.content
    try:
        env = make_environment(project, content.site.model.language)  # reads the edited templates
    except RENDER_ERRORS:
        return None
    if has_errors(snapshot.diagnostics):  # the content is still wrong: the page shows that, not the theme
        return QuickUpdate(replace(snapshot, env=env), {}, list(snapshot.diagnostics), False, time.perf_counter() - started)
    routes = snapshot.routes
    if routes is None:  # once per content version: routes do not depend on templates
        routes = {route.output_path: route for route in plan_site(content, options)}
    files: dict[str, bytes] = {}
    for path in watched:
        route = routes.get(path)
        if route is None or not path.endswith(".html"):
            continue
        try:
            files[path] = render_route(env, route)
        except RENDER_ERRORS:
            return None  # the full build reports it, with the template's file and line
    static = [rel for rel in changed if rel.startswith(STATIC_PREFIX)]
    if static:
        theme_files = collect_static(project)
        for rel in static:
            path = "static/" + rel[len(STATIC_PREFIX):]
            if path not in theme_files:
                return None  # removed: the full build drops it
            files[path] = theme_files[path]
    following = replace(snapshot, env=env, routes=routes)
    return QuickUpdate(following, files, list(snapshot.diagnostics), True, time.perf_counter() - started,
                       reload_all=bool(static))


def prepared(project: Project, snapshot: Snapshot, options: BuildOptions) -> Snapshot:
    """`snapshot` ready for the first edit: its Jinja environment made, and one fact-check page rendered
    and thrown away, so templates are compiled and Markdown, JSON-LD and share code are warm (the first
    edit's page took 0.5-0.8 s at 10,000 claims without this, later ones 0.1-0.3 s)."""
    from generator.plan.planner import plan_claim_pages

    env = snapshot.env or make_environment(project, snapshot.content.site.model.language)
    content = snapshot.content
    shown = next((i for i in sorted(content.claims) if content.is_public(content.claims[i].model, options.clock, options.drafts)), None)
    with paused_gc():
        for route in plan_claim_pages(content, options, [shown] if shown else []):
            render_route(env, route)
    return replace(snapshot, env=env)


def _theme_files(changed: list[str]) -> list[str] | None:
    """The edited files of the project's theme, or None unless the batch touched templates/ only
    (hidden files, such as an editor's temporary copies, are left out)."""
    if not changed or not all(rel.startswith(THEME_PREFIX) for rel in changed):
        return None
    files = [rel for rel in changed if not any(part.startswith(".") for part in rel.split("/"))]
    return files or None


def _claim_files(project: Project, changed: Iterable[str]):
    """(id, path, shown path) of each edited claim file, or None unless the batch touched claim files only.

    Files the loader skips (hidden ones, like an editor's temporary copy) are skipped here too, and so is
    anything that is gone again (vim's test file '4913', a backup); a removed claim needs the full build."""
    files = []
    for rel in sorted(set(changed)):
        folder, _, name = rel.rpartition("/")
        if folder != "content/claims":
            return None
        path = project.content_dir / "claims" / name
        match = CLAIM_FILE.fullmatch(rel)
        if name.startswith(".") or (match is None and not os.path.lexists(path)):
            continue
        if match is None or slug_problem(match[1]) or path.is_symlink() or not path.is_file():
            return None  # a stray file, a bad name, a link or a removed claim: the full build reports or drops it
        files.append((match[1], path, rel))
    return files or None
