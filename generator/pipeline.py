"""Render many routes to bytes, in worker processes when that pays.

Workers are forked after the routes and the Jinja environment exist, so nothing but page bytes
crosses a process boundary; pages come back in route order whatever the number of workers.
"""

from __future__ import annotations

from typing import Callable

import jinja2

from generator.diagnostics import Diagnostic
from generator.project import Project
from generator.routes import Route
from generator.workers import can_fork, worker_pool

PARALLEL_THRESHOLD = 400  # pages; below this a second process costs more than it saves
CHUNKS_PER_WORKER = 8  # small enough for a live progress bar, large enough to keep pipes busy

RENDER_ERRORS = (jinja2.TemplateError, TypeError, ValueError, AttributeError, LookupError, ArithmeticError)

# Set in the parent just before forking; the children read it instead of receiving it pickled.
_job: tuple[jinja2.Environment, list[Route], Project | None] | None = None


def render_routes(env: jinja2.Environment, routes: list[Route], project: Project | None, workers: int = 1,
                  progress: Callable[[int, int], None] | None = None) -> tuple[list[bytes | None], list[Diagnostic]]:
    """Every route rendered to bytes (None where the template failed), and the failures as diagnostics."""
    global _job
    total = len(routes)
    if workers <= 1 or total < PARALLEL_THRESHOLD or not can_fork():
        _job = (env, routes, project)
        try:
            pages, problems = _render_range((0, total), progress)
        finally:
            _job = None
        return pages, problems
    size = max(1, -(-total // (workers * CHUNKS_PER_WORKER)))
    ranges = [(start, min(start + size, total)) for start in range(0, total, size)]
    pages: list[bytes | None] = []
    problems: list[Diagnostic] = []
    _job = (env, routes, project)
    try:
        with worker_pool(workers) as pool:
            for chunk_pages, chunk_problems in pool.map(_render_range, ranges):
                pages.extend(chunk_pages)
                problems.extend(chunk_problems)
                if progress is not None:
                    progress(len(pages), total)
    finally:
        _job = None
    return pages, problems


def _render_range(bounds: tuple[int, int], progress: Callable[[int, int], None] | None = None) -> tuple[list[bytes | None], list[Diagnostic]]:
    from generator.render import render_route, template_diagnostic

    assert _job is not None
    env, routes, project = _job
    pages: list[bytes | None] = []
    problems: list[Diagnostic] = []
    start, stop = bounds
    for index in range(start, stop):
        try:
            pages.append(render_route(env, routes[index]))
        except RENDER_ERRORS as exc:
            pages.append(None)
            problems.append(template_diagnostic(exc, routes[index], project))
        if progress is not None:
            progress(index + 1, len(routes))
    return pages, problems
