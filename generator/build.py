"""`factcheck build`: validate, plan, render, write. Orchestration only.

Never prints or exits; the CLI shows the returned diagnostics and picks the exit code.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import jinja2

from generator.content import load_content
from generator.diagnostics import Diagnostic, error, has_errors, sort_diagnostics
from generator.project import Project


@dataclass(frozen=True)
class BuildOptions:
    output: Path | None = None  # default project.default_output (site/)
    drafts: bool = False
    base_url: str | None = None  # overrides site.yaml base_url
    clock: datetime | None = None  # "now"; None = current time
    strict: bool = False  # warnings fail the build
    cache: bool = True  # reuse .factcheck-cache/ (parsed records, rendered Markdown); output is identical either way
    # Called as progress(done, total) while pages render; the CLI draws a bar from it. Never prints here.
    progress: Callable[[int, int], None] | None = field(default=None, compare=False, repr=False)


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = False
    output: Path | None = None
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    seconds: float = 0.0


def render_files(project: Project | None, content, options: BuildOptions) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """Plan and render every route to bytes; template failures come back as diagnostics."""
    from generator.render import collect_static, make_environment, render_route, template_diagnostic
    from generator.routes import plan_site

    routes = plan_site(content, options)
    env = make_environment(project, content.site.model.language)
    files: dict[str, bytes] = {}
    problems: list[Diagnostic] = []
    for done, route in enumerate(routes, start=1):
        try:
            files[route.output_path] = render_route(env, route)
        except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
            problems.append(template_diagnostic(exc, route, project))
        if options.progress is not None:
            options.progress(done, len(routes))
    for path, data in collect_static(project).items():
        if path in files:
            problems.append(error(f"templates/{path}", 1, 1, "output-collision", f"'{path}' is also a generated page"))
        files[path] = data
    return files, sort_diagnostics(problems)


def _check_base_url(url: str | None) -> Diagnostic | None:
    """--base-url ends up in every canonical link, feed and the robots file: only a plain http(s) address."""
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc and url.isprintable() and not any(c.isspace() for c in url) \
            and not parts.query and not parts.fragment and '"' not in url and "<" not in url:
        return None
    return error("--base-url", 1, 1, "base-url", f"'{url}' is not a plain http(s) address like https://example.org/",
                 "give the public address of the site, without spaces, query or fragment")


def build_site(project: Project, options: BuildOptions) -> BuildResult:
    """Validate the content, then render the site and swap it into the output folder."""
    from generator.output import write_site

    started = time.perf_counter()
    clock = options.clock or datetime.now(timezone.utc)  # the only place "now" is read
    options = replace(options, clock=clock)
    bad_base = _check_base_url(options.base_url)
    if bad_base:
        return BuildResult([bad_base], False, None, seconds=time.perf_counter() - started)
    content, diagnostics = load_content(project, clock, use_cache=options.cache)
    if content is None or has_errors(diagnostics, options.strict):
        return BuildResult(diagnostics, False, None, seconds=time.perf_counter() - started)
    files, problems = render_files(project, content, options)
    diagnostics = sort_diagnostics([*diagnostics, *problems])
    if problems:
        return BuildResult(diagnostics, False, None, seconds=time.perf_counter() - started)
    output = project.check_output(options.output or project.default_output)
    stats = write_site(files, output)
    return BuildResult(diagnostics, True, output, stats.written, stats.unchanged, stats.removed,
                       time.perf_counter() - started)
