"""What a build is asked to do and what it answers: options, result, the stopwatch of its stages.

Plain values shared by every part of the engine and by its callers (the CLI, the preview).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.core.diagnostics import Diagnostic, error


@dataclass(frozen=True)
class BuildOptions:
    output: Path | None = None  # default project.default_output (site/)
    drafts: bool = False
    base_url: str | None = None  # overrides site.yaml base_url
    clock: datetime | None = None  # "now"; None = current time
    strict: bool = False  # warnings fail the build
    cache: bool = True  # reuse .factcheck-cache/ (parsed records, rendered Markdown); output is identical either way
    # The live preview's fast path: when the searchable pages changed, keep this process's last search
    # index instead of waiting for Pagefind; BuildResult.search_stale says so, and a later build catches up.
    search_later: bool = False
    # Called as progress(done, total) while pages render; the CLI draws a bar from it. Never prints here.
    progress: Callable[[int, int], None] | None = field(default=None, compare=False, repr=False)
    # Asked between stages (and between batches of pages): True stops the build, which then leaves the
    # output as it was and returns a result with `cancelled` set. The live preview drops outdated builds so.
    cancelled: Callable[[], bool] | None = field(default=None, compare=False, repr=False)
    # Where this build starts: the records (and theme) an earlier build of this process left, which the
    # live preview keeps current edit by edit. content/ is not read again, and the no-change fast path is
    # neither used nor recorded.
    since: Snapshot | None = field(default=None, compare=False, repr=False)
    # Project-relative paths edited since `since`: claim files are read again, template edits make a new
    # theme; anything else makes the build read content/ again.
    changed: tuple[str, ...] | None = None
    # Render in memory and write nothing: the edited claims' pages, or after a template edit the pages at
    # these output paths (those open tabs show). BuildResult.pages holds them. None: the whole site.
    only: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Snapshot:
    """What a build of this process leaves for the next one to start from: the records and diagnostics,
    the Jinja environment of its templates (made on first use) and every route by output path (planned
    on first use: routes depend on the records, never on the templates)."""

    content: Any  # generator.content.entries.Content
    diagnostics: tuple[Diagnostic, ...]
    env: Any = field(default=None, compare=False)  # jinja2.Environment
    routes: dict[str, Any] | None = field(default=None, compare=False)


class BuildCancelled(Exception):
    """Raised inside a build when BuildOptions.cancelled says so; build_site turns it into a result."""


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = False
    output: Path | None = None
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for `build --timings` and benchmarks
    peaks: dict[str, float] = field(default_factory=dict)  # peak memory (MB) of the build process after each stage
    search_stale: bool = False  # the search index is an earlier build's (only with BuildOptions.search_later)
    cancelled: bool = False  # stopped by BuildOptions.cancelled; nothing was written
    # Output paths whose bytes this build changed (None: unknown, as after the no-change fast path).
    changed: tuple[str, ...] | None = field(default=None, repr=False)
    # Where a later build of this process may start (see BuildOptions.since).
    snapshot: Snapshot | None = field(default=None, repr=False, compare=False)
    # A build in memory (BuildOptions.only): the pages by output path; whether every open page must reload
    # (a theme file changed); and whether the changes need a full build to be shown exactly.
    pages: dict[str, bytes] = field(default_factory=dict, repr=False)
    reload_all: bool = False
    needs_full: bool = False


def crashed(exc: Exception) -> BuildResult:
    """A failed result for a bug in factcheck itself: the live preview shows it like a content problem."""
    return BuildResult(
        [
            error(
                "factcheck",
                1,
                1,
                "internal-error",
                f"{type(exc).__name__}: {exc}",
                "this is a bug in factcheck; please report it",
            )
        ],
        False,
    )


class Stopwatch:
    """Seconds spent per stage of a build, in the order the stages ran, and this process's peak
    memory (MB) at the end of each stage: where a large build spends its time and its memory."""

    def __init__(self, cancelled: Callable[[], bool] | None = None) -> None:
        self.laps: dict[str, float] = {}
        self.peaks: dict[str, float] = {}
        self.cancelled = cancelled
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        """End a stage; also where a cancelled build stops (stages are its natural check points)."""
        now = time.perf_counter()
        self.laps[stage] = self.laps.get(stage, 0.0) + now - self._last
        self.peaks[stage] = peak_memory_mb()
        self._last = now
        self.check(stage)

    def check(self, stage: str = "") -> None:
        if self.cancelled is not None and self.cancelled():
            raise BuildCancelled(stage)


def peak_memory_mb() -> float:
    """The largest resident size this process has had, in MB (0 where the system cannot tell)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
