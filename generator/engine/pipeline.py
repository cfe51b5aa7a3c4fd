"""Render routes into the staging folder, in worker processes when that pays, skipping pages whose
fingerprint says they would come out as the previous build left them.

Workers are forked after the routes, the Jinja environment and the writer exist, so only small
outcomes cross a process boundary, never pages; outcomes come back in route order whatever the
number of workers.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

import jinja2

from generator.core.diagnostics import Diagnostic
from generator.core.project import Project
from generator.core.resources import builtin_theme, locale_folder
from generator.engine.cache import Store
from generator.engine.pagestore import PageStore
from generator.engine.workers import can_fork, worker_pool
from generator.plan.routes import LazyContext, Route
from generator.write.writer import SiteWriter

PARALLEL_THRESHOLD = 400  # pages; below this a second process costs more than it saves
CHUNKS_PER_WORKER = 8  # small enough for a live progress bar, large enough to keep pipes busy

RENDER_ERRORS = (jinja2.TemplateError, TypeError, ValueError, AttributeError, LookupError, ArithmeticError)

# Set in the parent just before forking; the children read it instead of receiving it pickled.
_job: (
    tuple[jinja2.Environment, list[Route], ThemeKeys | None, PageWriter, Project | None, PageStore | None, Documents | None]
    | None
) = None


class ThemeKeys:
    """What besides a route's context shapes its page: the generator's code, its libraries and
    translations (the project's locale/ included), and the template files the route's template uses (itself, what it extends, includes
    and imports, and `_macros.html`, whose `card` every list renders). So editing tag.html re-renders
    the topic pages only. A template naming another by a variable could use any: it gets every file."""

    def __init__(self, project: Project | None, env: jinja2.Environment):
        from generator.engine.cache import code_version

        self.env = env
        self.roots = [builtin_theme()] + ([project.templates_dir] if project is not None else [])
        base = hashlib.blake2b(f"{code_version()}/{jinja2.__version__}".encode(), digest_size=16)
        _hash_folder(base, locale_folder(), b"locale")
        if project is not None and project.locale_dir.is_dir():  # the project's own catalogues
            _hash_folder(base, project.locale_dir, b"project-locale")
        self.base = base
        self._keys: dict[str, bytes] = {}
        self._read: dict[str, tuple[str, str, list[str | None]]] = {}  # name -> source, origin, templates it names

    def __call__(self, template: str) -> bytes:
        key = self._keys.get(template)
        if key is None:
            digest = self.base.copy()
            names = self._closure(template)
            if names is None:  # some template is chosen at run time: every template file counts
                for number, root in enumerate(self.roots):
                    _hash_folder(digest, root, b"%d" % number)
            else:
                for name in sorted(names):
                    source, origin, _ = self._template(name)
                    digest.update(b"\0%s\0%s\0" % (name.encode(), origin.encode()))
                    digest.update(source.encode())
            key = self._keys[template] = digest.digest()
        return key

    def _closure(self, template: str) -> set[str] | None:
        seen: set[str] = set()
        todo = [template, "_macros.html"]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            named = self._template(name)[2]
            if None in named:
                return None
            todo.extend(named)  # type: ignore[arg-type]
        return seen

    def _template(self, name: str) -> tuple[str, str, list[str | None]]:
        """A template's source, the theme folder it comes from, and the templates it names (None: one
        chosen at run time); read and parsed once, since most templates share base.html and the macros."""
        found = self._read.get(name)
        if found is None:
            from jinja2 import meta

            source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
            # Parsed with its names, so a syntax error is reported at the template's file and line.
            named = list(meta.find_referenced_templates(self.env.parse(source, name, filename)))
            found = self._read[name] = (source, self._where(filename), named)
        return found

    def _where(self, filename: str | None) -> str:
        """Which theme folder a template came from, without this machine's paths (keys travel with the cache)."""
        path = Path(filename or "")
        for number, root in enumerate(self.roots):
            try:
                return f"{number}:{path.resolve().relative_to(root.resolve()).as_posix()}"
            except ValueError:
                continue
        return path.name


def _hash_folder(digest, folder: Path, label: bytes) -> None:
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            full = Path(root, name)
            digest.update(b"\0%s:%s\0" % (label, os.fsencode(full.relative_to(folder))))
            digest.update(full.read_bytes())


def route_key(route: Route, theme: bytes) -> str:
    """A route's fingerprint: its template and context, with the theme (`ThemeKeys` of its template).
    Equal fingerprint, equal page.

    Values shared by every route (the site's menu and scale) are hashed once per process, by identity."""
    digest = hashlib.blake2b(theme, digest_size=16)
    digest.update(route.template.encode())
    for name, value in route.context.items():
        if name in SHARED_CONTEXT:
            shared = _shared.get(id(value))
            if shared is None or shared[0] is not value:
                shared = _shared[id(value)] = (value, hashlib.blake2b(_flat_pickle(value), digest_size=16).digest())
            part = shared[1]
        else:
            part = _flat_pickle(value)
        digest.update(b"\0%s\0" % name.encode())
        digest.update(part)
    return digest.hexdigest()


_shared: dict[int, tuple[object, bytes]] = {}


def _flat_pickle(value: object) -> bytes:
    """Pickle bytes that depend on the value alone: without the memo, an object met twice is written
    twice, so whether two equal strings happen to be one object (parsed vs. cached) changes nothing."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, 5)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


SHARED_CONTEXT = frozenset({"site", "drafts"})  # the same objects in every route (see routes._Planner.common)


Outcome = tuple[str, Any, bool]  # path, what the writer keeps of the file (a Written, or in memory the page), changed


class PageWriter(Protocol):
    """What `render_routes` asks of every writer: a SiteWriter, or one that takes nothing over (the build
    in memory's), which then comes without theme keys, page store or documents."""

    def reuse(self, path: str, key: str | None) -> Outcome | None: ...
    def write(self, path: str, data: bytes, key: str | None = None) -> Outcome: ...
    def note(self, outcome: Outcome) -> None: ...


@dataclass
class Documents:
    """What Pagefind reads of each page (`search.document_digest`), gathered while rendering: from the
    page itself when it is rendered, else from `store` by the page's fingerprint. A build whose pages
    say the same to Pagefind then finds its index without reading 10,000 pages back."""

    store: Store
    found: dict[str, str] = field(default_factory=dict)  # output path -> digest


def render_routes(
    env: jinja2.Environment,
    routes: list[Route],
    theme: ThemeKeys | None,
    writer: PageWriter,
    project: Project | None,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    pages: PageStore | None = None,
    documents: Documents | None = None,
) -> list[Diagnostic]:
    """Render (or take over) every route into `writer`; template failures come back as diagnostics.
    `theme` gives each template's ThemeKeys: with the route's context, it makes the route's fingerprint
    (None: no fingerprints, for a writer that takes nothing over, as a build in memory).
    A page is taken over from the previous site, else from `pages` (the cache's store), else rendered.
    `cancelled` is asked after each batch of pages; True stops the work with BuildCancelled.
    With `documents`, what Pagefind reads of each page is noted there as a digest, where known."""
    from generator.engine.options import BuildCancelled

    global _job
    if documents is not None:
        documents.store.data  # noqa: B018 - loaded before the workers fork, so they read it too
    total = len(routes)
    problems: list[Diagnostic] = []
    _shared.clear()  # values of an earlier build in this process (the live preview): never needed again
    try:  # here, so forked workers inherit the keys instead of each reading the theme again
        if theme is not None:
            for template in sorted({route.template for route in routes}):
                theme(template)
    except RENDER_ERRORS:
        pass  # reported for each route that uses the broken template, by _render_range
    _job = (env, routes, theme, writer, project, pages, documents)
    try:
        if workers <= 1 or total < PARALLEL_THRESHOLD or not can_fork():
            results = [_render_range((0, total), progress)]
        else:
            size = max(1, -(-total // (workers * CHUNKS_PER_WORKER)))
            ranges = [(start, min(start + size, total)) for start in range(0, total, size)]
            with worker_pool(workers) as pool:
                results = []
                done = 0
                for result in pool.map(_render_range, ranges):
                    if cancelled is not None and cancelled():
                        pool.shutdown(wait=False, cancel_futures=True)  # batches not yet started are dropped
                        raise BuildCancelled("render")
                    results.append(result)
                    done += len(result[0]) + len(result[1])  # pages, and routes that failed
                    if progress is not None:
                        progress(min(done, total), total)
    finally:
        _job = None
    for outcomes, chunk_problems, digests in results:
        for outcome in outcomes:
            writer.note(outcome)
        if pages is not None:  # which comes with a SiteWriter, whose staged files it links
            staging = cast(SiteWriter, writer).staging
            pages.remember((w.key, str(staging / path), w.size, w.mtime_ns, w.inode) for path, w, _ in outcomes)
        problems.extend(chunk_problems)
        if documents is not None:
            for path, key, found, fresh in digests:
                documents.found[path] = found
                if fresh:
                    documents.store.put(key, found)
                else:
                    documents.store.keep([key])
    return problems


def _render_range(
    bounds: tuple[int, int], progress: Callable[[int, int], None] | None = None
) -> tuple[list[Outcome], list[Diagnostic], list[tuple[str, str, str, bool]]]:
    """Pages, problems, and (path, fingerprint, document digest, made now) for `Documents`."""
    from generator.outputs.search import document_digest
    from generator.render.theme import render_route, template_diagnostic

    assert _job is not None
    env, routes, theme, writer, project, pages, documents = _job
    site_writer = cast(SiteWriter, writer)  # used only with a page store, which comes only with a SiteWriter
    outcomes: list[Outcome] = []
    problems: list[Diagnostic] = []
    digests: list[tuple[str, str, str, bool]] = []
    start, stop = bounds
    for index in range(start, stop):
        route = routes[index]
        path = route.output_path
        try:
            key = route_key(route, theme(route.template)) if theme is not None else None
            outcome = writer.reuse(path, key)
            # The page store and the documents know pages by fingerprint: they come only with theme keys.
            if outcome is None and key is not None and pages is not None and (stored := pages.get(key)) is not None:
                outcome = site_writer.link(path, stored, key)
            if outcome is None:
                page = render_route(env, route)
                outcome = writer.write(path, page, key)
                if key is not None and pages is not None:
                    pages.add(key, site_writer.staging / path)
                if key is not None and documents is not None:
                    digests.append((path, key, document_digest(path, page), True))
            elif key is not None and documents is not None and (known := documents.store.get(key)) is not None:
                digests.append((path, key, known, False))
        except RENDER_ERRORS as exc:
            problems.append(template_diagnostic(exc, route, project))
            continue
        finally:
            if isinstance(route.context, LazyContext):
                route.context.release()
        outcomes.append(outcome)
        if progress is not None:
            progress(index + 1, len(routes))
    return outcomes, problems, digests
