"""A build that renders a few pages in memory and writes nothing: the live preview's answer to an edit.

It runs the engine's stages on a snapshot of the records: `take_in` reads the edited claim files again,
the planner plans only the edited claims' pages (or, after a template edit, takes the routes planned
for these records once), and `render_routes` renders them exactly as the full build will. Whatever it
cannot show exactly (a claim leaving the site, a template that does not compile) it leaves to the full
build, with `needs_full` set.
"""

from __future__ import annotations

import time
from dataclasses import replace

from generator.core.diagnostics import has_errors
from generator.core.project import Project
from generator.engine.cache import paused_gc
from generator.engine.intake import Intake, take_in
from generator.engine.options import BuildOptions, BuildResult, Snapshot
from generator.engine.pipeline import RENDER_ERRORS, render_routes
from generator.plan.planner import plan_claim_pages, plan_site
from generator.plan.routes import Route
from generator.render.theme import collect_static, make_environment

STATIC_PREFIX = "templates/static/"


class MemoryWriter:
    """Where `render_routes` puts pages when nothing is written: the bytes of each page, by output path.
    Nothing is taken over from an earlier build, so no fingerprint is needed."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}

    def reuse(self, path: str, key: str | None) -> None:
        return None

    def write(self, path: str, data: bytes, key: str | None = None) -> tuple[str, bytes, bool]:
        return path, data, True

    def note(self, outcome: tuple[str, bytes, bool]) -> None:
        self.pages[outcome[0]] = outcome[1]


def build_in_memory(project: Project, options: BuildOptions) -> BuildResult:
    """The pages of `options.changed` claims, or after a template edit the pages `options.only` names."""
    started = time.perf_counter()
    with paused_gc():  # the preview holds every record: a full collection would cost more than the page
        intake = take_in(project, options) if options.since is not None else None
        if intake is None or (intake.claims is None and not intake.theme):
            return BuildResult(needs_full=True, seconds=time.perf_counter() - started)
        assert intake.content is not None and intake.snapshot is not None  # taken in from options.since
        try:
            env = intake.snapshot.env or make_environment(project, intake.content.site.model.language)
        except RENDER_ERRORS:
            return BuildResult(needs_full=True, seconds=time.perf_counter() - started)
        snapshot = replace(intake.snapshot, env=env)
        if has_errors(intake.diagnostics):  # the content is wrong: the page shows that, not the edit
            return BuildResult(intake.diagnostics, False, snapshot=snapshot, seconds=time.perf_counter() - started)
        chosen = _routes(intake, snapshot, options)
        if chosen is None:
            return BuildResult(needs_full=True, seconds=time.perf_counter() - started)
        routes, snapshot = chosen
        writer = MemoryWriter()
        if render_routes(env, routes, None, writer, project):
            return BuildResult(needs_full=True, seconds=time.perf_counter() - started)  # the full build names the template's line
        static = [rel for rel in intake.theme if rel.startswith(STATIC_PREFIX)]
        if static:
            theme_files = collect_static(project)
            for rel in static:
                path = "static/" + rel[len(STATIC_PREFIX) :]
                if path not in theme_files:
                    return BuildResult(needs_full=True, seconds=time.perf_counter() - started)  # removed: the full build drops it
                writer.pages[path] = theme_files[path]
    return BuildResult(
        intake.diagnostics,
        True,
        None,
        written=len(writer.pages),
        seconds=time.perf_counter() - started,
        pages=writer.pages,
        reload_all=bool(static),
        snapshot=snapshot,
    )


def _routes(intake: Intake, snapshot: Snapshot, options: BuildOptions) -> tuple[list[Route], Snapshot] | None:
    """The routes to render, and the snapshot with the routes it planned; None when an edited claim
    leaves the site (every list changes, and its page goes)."""
    content = intake.content
    assert content is not None and options.clock is not None  # see build_in_memory; build_site sets the clock
    if intake.claims is not None:
        if any(not content.is_public(content.claims[i].model, options.clock, options.drafts) for i in intake.claims):
            return None
        return plan_claim_pages(content, options, intake.claims), snapshot
    routes = snapshot.routes
    if routes is None:  # once per version of the records: routes do not depend on templates
        routes = {route.output_path: route for route in plan_site(content, options)}
        snapshot = replace(snapshot, routes=routes)
    shown = [routes[path] for path in options.only or () if path in routes and path.endswith(".html")]
    return shown, snapshot


def prepare(project: Project, snapshot: Snapshot, options: BuildOptions) -> Snapshot:
    """`snapshot` ready for the first edit: its Jinja environment made, and one fact-check page rendered
    and thrown away, so templates are compiled and Markdown, JSON-LD and share code are warm (the first
    edit's page took 0.5-0.8 s at 10,000 claims without this, later ones 0.1-0.3 s)."""
    content = snapshot.content
    env = snapshot.env or make_environment(project, content.site.model.language)
    shown = next(
        (i for i in sorted(content.claims) if content.is_public(content.claims[i].model, options.clock, options.drafts)), None
    )
    with paused_gc():
        render_routes(env, plan_claim_pages(content, options, [shown] if shown else []), None, MemoryWriter(), project)
    return replace(snapshot, env=env)
