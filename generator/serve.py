"""`factcheck serve`: build into a temporary folder, serve it on 127.0.0.1, rebuild on change, reload open tabs.

Never prints or exits (events go to a callback) and never writes into the project's site/ folder.
"""

from __future__ import annotations

import http.server
import json
import mimetypes
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import parse_qs, unquote, urlsplit

from generator.build import BuildOptions, BuildResult, build_site
from generator.diagnostics import Diagnostic, error
from generator.preview_page import NOT_FOUND, NOTHING_BUILT, PREFIX, RELOAD_JS, diagnostics_html, inject
from generator.project import Project

POLL_SECONDS = 25.0  # a long-poll answers at the latest after this, so proxies and browsers keep the request open
PORT_TRIES = 20
TEXT_TYPES = {".html": "text/html", ".xml": "application/xml", ".css": "text/css", ".js": "text/javascript",
              ".json": "application/json", ".txt": "text/plain", ".svg": "image/svg+xml"}

class PortInUse(Exception):
    """No free port was found from the requested one on."""


@dataclass(frozen=True)
class ServeOptions:
    port: int = 8000
    drafts: bool = True
    clock: datetime | None = None  # None: every rebuild reads the current time
    try_next_ports: bool = True  # when the port is taken, use the next free one


@dataclass(frozen=True)
class ServeEvent:
    """Something the caller may want to show: 'serving', 'build' (ok or not) or 'stopped'."""

    kind: str
    url: str = ""
    build: int = 0
    result: BuildResult | None = None
    changed: tuple[str, ...] = ()


@dataclass
class PreviewState:
    """The last build the server shows: its number, its result, and whether any build has succeeded yet."""

    build: int = 0
    result: BuildResult | None = None
    has_pages: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.result is not None and not self.result.ok


class Preview:
    """Holds the temporary output folder and the last build result; a later build cache can plug in via `builder`."""

    def __init__(self, project: Project, options: ServeOptions, builder: Callable[[Project, BuildOptions], BuildResult] = build_site):
        self.project = project
        self.options = options
        self.builder = builder
        self.session = secrets.token_hex(8)
        self.folder = Path(tempfile.mkdtemp(prefix="factcheck-serve-"))
        self.output = self.folder / "site"
        self.state = PreviewState()
        self.base_url = "http://127.0.0.1/"
        self._changed = threading.Condition()
        self._building = threading.Lock()
        self._closed = False
        self.search_stale = False

    def rebuild(self, search_later: bool = True, announce: bool = True) -> PreviewState:
        """Build into the temporary folder; a failure keeps the previous pages and records the diagnostics.

        With `search_later`, a rebuild does not wait for Pagefind: the page reloads with the previous search
        index, and `search_stale` says a catch-up build (`announce=False`: browsers are not told to reload
        unless it fails) is due once the editor pauses."""
        options = BuildOptions(output=self.output, drafts=self.options.drafts, base_url=self.base_url, clock=self.options.clock,
                               search_later=search_later)
        with self._building:  # one build at a time writes the temporary folder
            try:
                result = self.builder(self.project, options)
            except Exception as exc:  # a bug in factcheck: show it in the browser and keep watching, as for bad content
                result = BuildResult([error("factcheck", 1, 1, "internal-error", f"{type(exc).__name__}: {exc}",
                                            "this is a bug in factcheck; please report it")], False)
        self.search_stale = result.ok and result.search_stale
        with self._changed:
            if not announce and result.ok and not self.state.failed:
                return self.state  # same pages, fresh search index: nothing for the browser to reload
            state = PreviewState(self.state.build + 1, result, self.state.has_pages or result.ok, list(result.diagnostics))
            self.state = state
            self._changed.notify_all()
        return state

    def wait_for_build(self, after: int, timeout: float = POLL_SECONDS) -> PreviewState:
        """Block until a build newer than `after` exists (or the timeout passes, or the preview closes)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self.state.build <= after and not self._closed:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return self.state

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        shutil.rmtree(self.folder, ignore_errors=True)


# ------------------------------------------------------------------ watching


def watched_paths(project: Project) -> list[Path]:
    """content/ (site.yaml lives there) and the project's templates/, when it has them."""
    return [p for p in (project.content_dir, project.templates_dir) if p.is_dir()]


def watch_changes(project: Project, stop: threading.Event) -> Iterator[tuple[str, ...]]:
    """Batches of changed project-relative paths until `stop` is set; an empty batch after each
    half second without changes (when the search index catches up)."""
    import watchfiles

    for batch in watchfiles.watch(*watched_paths(project), stop_event=stop, debounce=800, step=30,
                                  rust_timeout=500, yield_on_timeout=True, raise_interrupt=False):
        yield tuple(sorted({project.relative(Path(path)) for _change, path in batch}))


# ------------------------------------------------------------------ HTTP


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    server_version = "factcheck-serve"
    sys_version = ""
    protocol_version = "HTTP/1.0"  # one request per connection: no idle keep-alive threads
    preview: Preview  # set on the subclass made by make_server

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib name
        pass

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path.startswith(PREFIX):
            self.answer_internal(path[len(PREFIX):], parse_qs(parts.query), head)
            return
        state = self.preview.state
        target = self.locate(path)
        if isinstance(target, str):  # a folder without its slash
            self.send(301, b"", "text/plain", head, location=target + ("?" + parts.query if parts.query else ""))
            return
        status = 200
        if target is None:
            status, target = 404, self.preview.output / "404.html"
            if not target.is_file():
                body = NOT_FOUND if state.has_pages else NOTHING_BUILT
                self.send(404 if state.has_pages else 503, self.inject(body, state), "text/html", head)
                return
        try:
            body = target.read_bytes()
        except OSError:  # swapped away by a rebuild between locating and reading: the client retries
            self.send(503, b"rebuilding, reload", "text/plain", head)
            return
        ctype = TEXT_TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype == "text/html":
            body = self.inject(body, state)
        self.send(status, body, ctype, head)

    def locate(self, path: str) -> Path | str | None:
        """The file for a URL path, a redirect target (str) for a folder without its slash, or None."""
        segments = [s for s in path.split("/") if s]
        if any(s in (".", "..") or "\\" in s or "\0" in s for s in segments):
            return None
        candidate = self.preview.output.joinpath(*segments)
        if candidate.is_dir():
            if not path.endswith("/"):
                return path + "/"
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def inject(self, body: bytes, state: PreviewState, failed: bool | None = None) -> bytes:
        failed = state.failed if failed is None else failed
        return inject(body, state.build, self.preview.session, state.diagnostics if failed else None)

    def answer_internal(self, name: str, query: dict[str, list[str]], head: bool) -> None:
        if name == "reload.js":
            self.send(200, RELOAD_JS.encode(), "text/javascript", head)
        elif name == "build":
            try:
                after = int(query.get("after", ["-1"])[0])
            except ValueError:
                after = -1
            state = self.preview.wait_for_build(after) if after >= 0 else self.preview.state
            data = {"build": state.build, "session": self.preview.session, "ok": not state.failed,
                    "diagnostics": [d.to_dict() for d in state.diagnostics]}
            self.send(200, json.dumps(data).encode(), "application/json", head)
        elif name == "diagnostics":
            state = self.preview.state
            body = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Diagnostics – factcheck serve"
                    f"</title></head><body>{diagnostics_html(state.diagnostics) if state.failed else '<p>The last build succeeded.</p>'}"
                    "</body></html>").encode()
            self.send(200, self.inject(body, state, failed=False), "text/html", head)
        else:
            self.send(404, b"unknown preview endpoint", "text/plain", head)

    def send(self, status: int, body: bytes, ctype: str, head: bool, location: str | None = None) -> None:
        if ctype.startswith(("text/", "application/xml", "application/json", "image/svg")):
            ctype += "; charset=utf-8"
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            if location:
                self.send_header("Location", location)
            self.end_headers()
            if not head:
                self.wfile.write(body)
        except (ConnectionError, TimeoutError):
            pass  # the tab went away (navigation, reload): nothing to answer


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # long-polls must not keep the process alive on Ctrl-C

    def handle_error(self, request, client_address) -> None:
        pass  # a dropped connection is normal for a browser; real failures show in the page


def make_server(preview: Preview, port: int, try_next: bool = True) -> PreviewServer:
    """Bind 127.0.0.1:port (or the next free port when allowed); raise PortInUse when none is free."""
    handler = type("BoundPreviewHandler", (PreviewHandler,), {"preview": preview})
    tries = PORT_TRIES if try_next and port else 1
    for candidate in range(port, port + tries):
        try:
            server = PreviewServer(("127.0.0.1", candidate), handler)
        except OSError as exc:
            if isinstance(exc, PermissionError) or getattr(exc, "errno", None) not in (98, 48, 10048):  # EADDRINUSE
                raise PortInUse(f"cannot listen on 127.0.0.1:{candidate}: {exc.strerror or exc}") from None
            continue
        preview.base_url = f"http://127.0.0.1:{server.server_address[1]}/"
        return server
    last = port + tries - 1
    span = f"port {port}" if tries == 1 else f"ports {port}-{last}"
    raise PortInUse(f"{span} already in use on 127.0.0.1; choose another with --port")


def run_preview(project: Project, options: ServeOptions, report: Callable[[ServeEvent], None],
                stop: threading.Event | None = None, ready: Callable[[PreviewServer, Preview], None] | None = None,
                builder: Callable[[Project, BuildOptions], BuildResult] = build_site) -> None:
    """Build, serve and rebuild until `stop` is set (or Ctrl-C reaches the calling thread); then clean up."""
    stop = stop or threading.Event()
    preview = Preview(project, options, builder)
    server = serving = watcher = None
    try:
        server = make_server(preview, options.port, options.try_next_ports)
        url = preview.base_url
        state = preview.rebuild()
        report(ServeEvent("build", url, state.build, state.result))

        watching = threading.Event()

        def follow() -> None:
            for changed in watch_changes(project, stop):
                watching.set()  # the first batch (empty after half a second) proves the watcher is running
                if changed:
                    state = preview.rebuild()
                    report(ServeEvent("build", url, state.build, state.result, changed))
                elif preview.search_stale:  # the editor paused: bring the search index up to date
                    preview.rebuild(search_later=False, announce=False)

        watcher = threading.Thread(target=follow, name="factcheck-watch", daemon=True)
        watcher.start()
        watching.wait(5)  # an edit saved before the watcher runs would go unnoticed
        serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="factcheck-http", daemon=True)
        serving.start()
        report(ServeEvent("serving", url, state.build))
        if ready:
            ready(server, preview)
        while not stop.wait(0.2):  # the main thread waits here, so Ctrl-C lands between two waits
            pass
    finally:
        stop.set()
        if serving is not None:
            server.shutdown()
        if server is not None:
            server.server_close()
        if watcher is not None:
            watcher.join(timeout=5)
        preview.close()
        report(ServeEvent("stopped"))
