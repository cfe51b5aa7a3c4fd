"""`factcheck build`: validate, plan, render, write. Orchestration only.

Never prints or exits; the CLI shows the returned diagnostics and picks the exit code.
"""

from __future__ import annotations

import errno
import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from generator.core.diagnostics import Diagnostic, error, has_errors, sort_diagnostics
from generator.core.project import Project
from generator.engine.options import BuildCancelled, BuildOptions, BuildResult, Stopwatch, crashed  # noqa: F401 - part of this API


def render_site(
    project: Project | None,
    content,
    options: BuildOptions,
    writer,
    watch: Stopwatch | None = None,
    notes: dict | None = None,
    pages=None,
) -> list[Diagnostic]:
    """Plan and render every route into `writer` (a SiteWriter), then the files beside the pages;
    template failures come back as diagnostics. Pages whose fingerprint matches the previous build
    (or a page in `pages`, the cache's PageStore) are taken over instead of being rendered again."""
    from generator.engine.cache import Store, paused_gc
    from generator.engine.pipeline import Documents, ThemeKeys, render_routes
    from generator.engine.workers import worker_count
    from generator.plan.planner import plan_site
    from generator.render.theme import collect_static, make_environment

    watch = watch or Stopwatch()
    _prerender_markdown(project, content, options)
    watch.lap("markdown")
    with paused_gc():  # thousands of routes, all kept: the collector would only walk them again and again
        routes = plan_site(content, options)
    env = make_environment(project, content.site.model.language)
    gc.freeze()  # so do the routes (see frozen_gc)
    watch.lap("plan")
    cache_dir = project.cache_dir if project is not None and options.cache else None
    documents = Documents(Store(cache_dir, "search-documents", ("outputs", "engine.cache"))) if cache_dir is not None else None
    problems = render_routes(
        env,
        routes,
        ThemeKeys(project, env),
        writer,
        project,
        worker_count(),
        options.progress,
        options.cancelled,
        pages,
        documents,
    )
    watch.lap("render")
    pages = {route.output_path for route in routes}
    for path, data in collect_static(project).items():
        if path in pages:
            problems.append(error(f"templates/{path}", 1, 1, "output-collision", f"'{path}' is also a generated page"))
        else:
            writer.put(path, data)
    if not problems:  # open data, share images, then the search index over the finished pages
        from generator.engine.extras import add_extras

        problems.extend(
            add_extras(content, options, writer, cache_dir, watch.lap, notes, documents.found if documents is not None else None)
        )
        if documents is not None:
            documents.store.save()
    return sort_diagnostics(problems)


def _prerender_markdown(project: Project | None, content, options: BuildOptions) -> None:
    """The analyses dominate a build: take them from the cache, render the rest in parallel, up front."""
    from generator.engine.cache import Store
    from generator.engine.markdown import prerender
    from generator.engine.workers import worker_count
    from generator.plan.views import markdown_jobs

    store = Store(
        project.cache_dir if project is not None and options.cache else None, "markdown", ("plan.markdown", "engine.cache")
    )
    prerender(markdown_jobs(content.public_claims(options.clock, options.drafts)), store, worker_count())
    store.save()


@contextmanager
def frozen_gc() -> Iterator[None]:
    """Objects frozen during a build (records, routes: alive until it ends) are skipped by the garbage
    collector, which otherwise walks them again and again, and forked workers do not touch (and so copy)
    their memory. Unfrozen at the end, so a long-running preview can free them."""
    try:
        yield
    finally:
        gc.unfreeze()


def _check_base_url(url: str | None) -> Diagnostic | None:
    """--base-url ends up in every canonical link, feed and the robots file: only a plain http(s) address."""
    if url is None:
        return None
    parts = urlsplit(url)
    if (
        parts.scheme in ("http", "https")
        and parts.netloc
        and url.isprintable()
        and not any(c.isspace() for c in url)
        and not parts.query
        and not parts.fragment
        and '"' not in url
        and "<" not in url
    ):
        return None
    return error(
        "--base-url",
        1,
        1,
        "base-url",
        f"'{url}' is not a plain http(s) address like https://example.org/",
        "give the public address of the site, without spaces, query or fragment",
    )


def build_site(project: Project, options: BuildOptions) -> BuildResult:
    """Validate the content, then render the site and swap it into the output folder.

    The output folder is locked for the whole build, so a second build into it fails at once; any
    failure (content, templates, a full disk, a kill) leaves the previous site as it was.
    """
    from generator.write.lock import output_lock
    from generator.write.writer import OutputError

    started = time.perf_counter()
    clock = options.clock or datetime.now(UTC)  # the only place "now" is read
    options = replace(options, clock=clock)
    bad_base = _check_base_url(options.base_url)
    if bad_base:
        return BuildResult([bad_base], False, None, seconds=time.perf_counter() - started)
    if options.only is not None:  # a few pages in memory: no output folder, so no lock
        from generator.engine.inmemory import build_in_memory

        return build_in_memory(project, options)
    output = project.check_output(options.output or project.default_output)
    try:
        with output_lock(output), frozen_gc():
            return _build_locked(project, options, output, started)
    except BuildCancelled:
        return BuildResult([], False, None, seconds=time.perf_counter() - started, cancelled=True)
    except (OSError, OutputError) as exc:
        return BuildResult([output_problem(project, output, exc)], False, None, seconds=time.perf_counter() - started)


def _build_locked(project: Project, options: BuildOptions, output: Path, started: float) -> BuildResult:
    from generator.engine import fastpath
    from generator.engine.outputrecord import forget_record, load_record, save_record, spare_path
    from generator.engine.pagestore import PageStore
    from generator.write.writer import OutputError, SiteWriter

    assert options.clock is not None  # build_site sets it
    key = (options.drafts, options.base_url, options.strict)
    fast = options.cache and options.since is None  # the fast path compares files on disk
    if fast:
        inputs = fastpath.input_state(project)  # before anything is read, so edits during the build count
        last = fastpath.unchanged(project, key, output, options.clock, options.drafts, inputs)
        if last is not None:
            return BuildResult(list(last.diagnostics), True, output, 0, last.files, 0, time.perf_counter() - started, changed=())
    fastpath.forget(project)  # from here on the output may change: the old manifest no longer describes it
    from generator.engine.intake import take_in  # imported here: the fast path above needs none of it

    watch = Stopwatch(options.cancelled)
    intake = take_in(project, options) or take_in(project, replace(options, since=None))
    assert intake is not None  # without `since`, take_in reads content/ and always answers
    content, diagnostics = intake.content, intake.diagnostics
    watch.lap("load")
    gc.freeze()  # the records live until the end (see frozen_gc)
    if content is None or has_errors(diagnostics, options.strict):
        return BuildResult(diagnostics, False, None, seconds=time.perf_counter() - started)
    previous = load_record(project.cache_dir, output) if options.cache else {}
    try:
        writer = SiteWriter(output, previous, spare_path(project.cache_dir, output) if options.cache else None)
    except (OSError, OutputError) as exc:
        diagnostics = sort_diagnostics([*diagnostics, output_problem(project, output, exc)])
        return BuildResult(diagnostics, False, None, seconds=time.perf_counter() - started)
    pages = PageStore(project.cache_dir / "pages") if options.cache else None
    try:
        watch.lap("output folder")  # the last build's record, the recycled site, the page store's index
        notes: dict = {}
        problems = render_site(project, content, options, writer, watch, notes, pages)
        if problems:
            writer.abort()
            return BuildResult(sort_diagnostics([*diagnostics, *problems]), False, None, seconds=time.perf_counter() - started)
        watch.check("commit")
        watch.cancelled = None  # from the swap on, the build completes
        if options.cache:  # the swap below replaces the files the record describes (--no-cache leaves the cache alone:
            forget_record(project.cache_dir, output)  # a file it keeps keeps its stat, so the record stays true)
        stats = writer.commit()
    except (OSError, OutputError) as exc:
        writer.abort()
        diagnostics = sort_diagnostics([*diagnostics, output_problem(project, output, exc)])
        return BuildResult(diagnostics, False, None, seconds=time.perf_counter() - started)
    except BaseException:
        writer.abort()
        raise
    if options.cache:
        save_record(project.cache_dir, output, writer.files)
    if pages is not None:
        pages.save()
    if fast and not notes.get("search_stale"):  # a stale index is not what a build would write
        schedule = tuple((e.id, content.moment(e.model.published).timestamp(), e.model.draft) for e in content.claims.values())
        fastpath.record(
            project, key, output, inputs, schedule, options.clock, options.drafts, stats.written + stats.unchanged, diagnostics
        )
    watch.lap("write")
    return BuildResult(
        diagnostics,
        True,
        output,
        stats.written,
        stats.unchanged,
        stats.removed,
        time.perf_counter() - started,
        watch.laps,
        watch.peaks,
        notes.get("search_stale", False),
        changed=tuple(writer.changed),
        snapshot=intake.snapshot,
    )


_WRITE_ERRORS = {  # errno -> what happened, in words
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


def output_problem(project: Project, output: Path, exc: Exception) -> Diagnostic:
    """A failure to lock or write the output folder as a diagnostic: what happened, in plain words."""
    from generator.write.lock import OutputBusy

    where = project.relative(output)
    if isinstance(exc, OutputBusy):
        return error(where, 1, 1, "output-busy", str(exc), "only one build can write a folder at a time")
    if isinstance(exc, OSError):
        what = _WRITE_ERRORS.get(exc.errno or 0, "the site could not be written")
        detail = exc.strerror or str(exc)
        return error(
            where,
            1,
            1,
            "write-failed",
            f"{what}: {detail} (while writing {where}); the previous site was left as it was",
            "fix the cause and build again",
        )
    return error(where, 1, 1, "output-error", f"{exc}; the previous site was left as it was")
