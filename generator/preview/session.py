"""The preview session: a temporary output folder, the builds shown in it, and the work that keeps it
current. An edited fact-check is shown at once (a build in memory); the full build follows in the
background (engine/background.py). Never prints or exits (events go to a callback) and never writes
into the project's site/ folder.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from generator.core.project import Project
from generator.engine.background import ChildBuild
from generator.engine.build import build_site
from generator.engine.inmemory import prepare
from generator.engine.options import BuildOptions, BuildResult, Snapshot, crashed
from generator.engine.outputrecord import forget_output
from generator.engine.workers import can_fork
from generator.preview.page import output_path, site_language_of, site_root_of
from generator.preview.state import PreviewState, ServeEvent, ServeOptions

WATCHED_PAGES = 16  # at most this many open tabs' pages are rendered at once after a template edit
POLL_SECONDS = 25.0  # a long-poll answers at the latest after this, so proxies and browsers keep the request open
QUIET_SECONDS = 0.5  # without edits before the full build follows a quick update, or the search index catches up
HISTORY = 200  # builds remembered to tell an open tab whether its page changed


class Preview:
    """The temporary output folder, the builds shown in it, and the work that keeps it current.

    An edit to claim files is shown at once: their pages are rendered from the records in memory
    (engine/inmemory.py) and served from `overlay` until the full build that follows has written them. That build
    starts once the editor pauses, from a background thread, in a child process while the records here
    are current (background.py), and a newer edit cancels it. Open tabs reload only when a build changed
    their own page (see `touches`)."""

    def __init__(
        self,
        project: Project,
        options: ServeOptions,
        builder: Callable[[Project, BuildOptions], BuildResult] = build_site,
        report: Callable[[ServeEvent], None] | None = None,
    ):
        self.project = project
        self.options = options
        self.builder = builder
        self.report = report
        self.session = secrets.token_hex(8)
        self.folder = Path(tempfile.mkdtemp(prefix="factcheck-serve-"))
        self.output = self.folder / "site"
        self.state = PreviewState()
        self.history: list[PreviewState] = []  # the recent builds, to tell a tab whether its page changed
        self.origin = "http://127.0.0.1"  # the server's, once it listens (make_server)
        self.root = site_root_of(project)  # the site's path, as site.yaml's base_url has it: "/" or "/cekfakta/"
        self.language = site_language_of(project)  # the preview's own words (its banners) follow the site's
        self.search_stale = False
        self.snapshot: Snapshot | None = None  # where the next quick update starts; None: wait for a full build
        self.overlay: dict[str, tuple[int, bytes]] = {}  # output path -> (generation, page) of quick updates
        self.generation = 0  # counts batches of edits; a build started before the latest one is outdated
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # a new build to show (long-polls wait on it)
        self._work = threading.Condition(self._lock)  # something for the background builder
        self._building = threading.Lock()  # one build at a time writes the temporary folder
        self._wanted = False  # a full build is due
        self._not_before = 0.0  # ... from this monotonic time on
        self._last_edit = time.monotonic()
        self._causes: list[str] = []  # the edited files the next full build takes in
        self._closed = False
        self._following = False  # a full build that follows edits is running
        self._follower: threading.Thread | None = None
        self._child: ChildBuild | None = None  # the full build running in a child process, if any
        self._watched: dict[str, float] = {}  # output path -> when a tab last said it shows that page

    # ------------------------------------------------------------ full builds

    def rebuild(self, search_later: bool = True, announce: bool = True) -> PreviewState:
        """Build into the temporary folder; a failure keeps the previous pages and records the diagnostics.

        With `search_later`, a rebuild does not wait for Pagefind: the page reloads with the previous search
        index, and `search_stale` says a catch-up build (`announce=False`: browsers are not told to reload
        unless it fails) is due once the editor pauses. An edit during the build cancels it."""
        return self._build(search_later, announce, in_child=False) or self.state

    @property
    def base_url(self) -> str:
        """The preview's own address: the local server, under the same path as the published site."""
        return self.origin + self.root

    def _options(self, clock: datetime | None) -> BuildOptions:
        """The preview's build options. Full builds read the clock themselves (None: now); the quick
        path needs one, see `_now`."""
        self.root = site_root_of(self.project)  # an edit of base_url's path moves the preview with it
        self.language = site_language_of(self.project)
        return BuildOptions(
            output=self.output, drafts=self.options.drafts, base_url=self.base_url, clock=clock, search_later=True
        )

    def _now(self) -> BuildOptions:
        return self._options(self.options.clock or datetime.now(UTC))

    def _build(self, search_later: bool, announce: bool, in_child: bool) -> PreviewState | None:
        """One full build, in this process or (to leave the processors to the next edit's page, with the
        records kept here) in a child; the state it published, or None."""
        generation = self.generation
        options = replace(
            self._options(self.options.clock),
            search_later=search_later,
            cancelled=lambda: self._closed or self.generation != generation,
        )
        with self._building:
            try:
                if in_child:  # with the records kept here, current edit by edit: the child need not read them
                    options = replace(options, since=self.snapshot)
                    self._child = ChildBuild(self.builder, self.project, options)
                    if self._closed or self.generation != generation:
                        self._child.cancel()
                    result = self._child.result()
                else:
                    result = self.builder(self.project, options)
            except Exception as exc:  # a bug in factcheck: show it in the browser and keep watching, as for bad content
                result = crashed(exc)
            finally:
                self._child = None
        with self._lock:
            current = self.generation == generation
            if result.cancelled or not (current or result.ok):
                return None  # outdated: the build that follows the newer edit decides
            self.search_stale = result.ok and result.search_stale
            touched = self._take_in(result, generation)
            if current and not result.ok:
                self.snapshot = None  # quick updates start again from the next good build
            elif current and not in_child:
                self.snapshot = result.snapshot
            elif current and self.snapshot is not None:  # the records here are the ones the child read
                self.snapshot = replace(self.snapshot, diagnostics=tuple(result.diagnostics))
            # A quiet build (the search index catching up) changes no page a reader sees, unless it failed;
            # nor does a failure the quick path has already shown, with the same problems.
            repeated = not result.ok and self.state.failed and list(result.diagnostics) == self.state.diagnostics
            shown = (announce or not result.ok or self.state.failed) and not repeated
            state = self._publish(result, touched) if shown else None
        self._prepare()
        return state

    def _prepare(self) -> None:
        """Make the quick path's Jinja environment now, not when the first edit is waiting for it."""
        snapshot = self.snapshot
        if snapshot is None or snapshot.env is not None:
            return
        try:
            ready = prepare(self.project, snapshot, self._now())
        except Exception:
            return
        with self._lock:
            if self.snapshot is snapshot:
                self.snapshot = ready

    def _take_in(self, result: BuildResult, generation: int) -> frozenset[str] | None:
        """After a successful build, forget the quick pages it has written; the pages it changed for
        readers (a page the overlay already showed with these bytes did not change for them)."""
        if not result.ok or result.changed is None:
            return None
        touched = set(result.changed)
        for path, (made, data) in list(self.overlay.items()):
            if made <= generation:
                del self.overlay[path]
                try:
                    if path in touched and (self.output / path).read_bytes() == data:
                        touched.discard(path)
                except OSError:
                    pass
        return frozenset(touched)

    def _publish(self, result: BuildResult, touched: frozenset[str] | None) -> PreviewState:
        """Show a new build (the lock is held): its number goes up and long-polls answer."""
        if result.ok == self.state.failed or not result.ok:
            touched = None  # the diagnostics came, went or changed: every tab reloads
        state = PreviewState(self.state.build + 1, result, self.state.has_pages or result.ok, list(result.diagnostics), touched)
        self.state = state
        self.history = [*self.history[-(HISTORY - 1) :], state]
        self._changed.notify_all()
        return state

    # ------------------------------------------------------------ edits

    def edited(self, paths: tuple[str, ...]) -> PreviewState | None:
        """Take in a batch of edited files: show the edited fact-checks at once when the quick path
        can (the new state is returned), and have the full build follow."""
        with self._lock:
            self.generation += 1
            generation = self.generation
            self._last_edit = time.monotonic()
            self._causes.extend(paths)
            snapshot = self.snapshot
            if self._child is not None:
                self._child.cancel()  # building what is now outdated
        update = None
        if snapshot is not None:  # the same engine, in memory: the edited claims' pages, or the pages tabs show
            try:
                update = self.builder(
                    self.project, replace(self._now(), since=snapshot, changed=paths, only=tuple(self.watched()))
                )
            except Exception:
                update = None
        with self._lock:
            self._wanted = True
            self._work.notify_all()
            if update is None or update.needs_full or generation != self.generation:
                self.snapshot = None
                self._not_before = time.monotonic()
                self._changed.notify_all()  # pending now: open tabs say so
                return None
            self.snapshot = update.snapshot
            self._not_before = time.monotonic() + QUIET_SECONDS  # the page is shown; the rest when the editor pauses
            for path, data in update.pages.items():
                self.overlay[path] = (generation, data)
            shown = replace(update, output=self.output, pages={}, snapshot=None)  # the pages live in the overlay
            return self._publish(shown, None if update.reload_all else frozenset(update.pages))

    def start_following(self) -> None:
        """Run the full builds that follow edits (and the search index's catch-up) in a background thread."""
        self._follower = threading.Thread(target=self._follow, name="factcheck-build", daemon=True)
        self._follower.start()

    def _follow(self) -> None:
        while True:
            with self._lock:
                while True:
                    if self._closed:
                        return
                    now = time.monotonic()
                    if self._wanted and now >= self._not_before:
                        quiet = False
                        break
                    paused = now - self._last_edit
                    if not self._wanted and self.search_stale and paused >= QUIET_SECONDS:
                        quiet = True  # the editor paused: bring the search index up to date, without a reload
                        break
                    if self._wanted:
                        self._work.wait(self._not_before - now)
                    else:
                        self._work.wait(QUIET_SECONDS - paused if self.search_stale else None)
                self._wanted = False
                self._following = not quiet
                causes, self._causes = tuple(sorted(set(self._causes))), []
                in_child = self.snapshot is not None and can_fork()  # else the build's records become the snapshot
            try:
                state = self._build(search_later=not quiet, announce=not quiet, in_child=in_child)
            finally:
                with self._lock:
                    self._following = False
                    self._changed.notify_all()  # no longer pending, unless another edit came
            if state is not None and self.report is not None:
                self.report(ServeEvent("build", self.base_url, state.build, state.result, causes))

    # ------------------------------------------------------------ tabs

    def watching(self, page: str) -> None:
        """A tab shows the page at URL path `page` (its reload script says so while it waits for builds)."""
        with self._lock:
            self._watched[output_path(page)] = time.monotonic()

    def watched(self) -> list[str]:
        """The pages open tabs show, most recent first: those a tab asked about within two long-polls."""
        with self._lock:
            since = time.monotonic() - 2 * POLL_SECONDS - 5
            for path in [p for p, seen in self._watched.items() if seen < since]:
                del self._watched[path]
            return sorted(self._watched, key=self._watched.__getitem__, reverse=True)[:WATCHED_PAGES]

    def touches(self, after: int, page: str) -> bool:
        """Whether a build after `after` changed the page at URL path `page` (or every page)."""
        builds = [s for s in self.history if s.build > after]
        if not builds or builds[0].build != after + 1:
            return bool(builds) or self.state.build > after  # older than the history: reload to be safe
        wanted = output_path(page)
        return any(s.touched is None or wanted in s.touched for s in builds)

    @property
    def pending(self) -> bool:
        """Whether a full build is due or running after edits: some pages may not show them yet."""
        return self._wanted or self._following

    def wait_for_build(self, after: int, timeout: float = POLL_SECONDS, pending: bool | None = None) -> PreviewState:
        """Block until a build newer than `after` exists, or `pending` no longer says what the caller
        believes (or the timeout passes, or the preview closes)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self.state.build <= after and not self._closed and (pending is None or self.pending == pending):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return self.state

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._child is not None:
                self._child.cancel()
            self._changed.notify_all()
            self._work.notify_all()
        if self._follower is not None:
            self._follower.join(timeout=30)  # a running build stops at its next check point
        forget_output(self.project.cache_dir, self.output)  # no later session builds into this folder
        shutil.rmtree(self.folder, ignore_errors=True)
