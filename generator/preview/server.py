"""The preview's HTTP side: files of the temporary site (or a quick update's page from memory), the
reload script, and the long-poll that tells a tab when to reload. Listens on 127.0.0.1 only.

Knows the preview session only through what `Previewed` names; never builds anything itself.
"""

from __future__ import annotations

import http.server
import json
import mimetypes
import posixpath
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from generator.preview.page import (
    NOT_FOUND,
    PREFIX,
    RELOAD_JS,
    build_succeeded,
    diagnostics_html,
    inject,
    inside_root,
    nothing_built,
)
from generator.preview.state import PreviewState

PORT_TRIES = 20
TEXT_TYPES = {
    ".html": "text/html",
    ".xml": "application/xml",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".txt": "text/plain",
    ".svg": "image/svg+xml",
}


class Previewed(Protocol):
    """What the server reads of the preview session (preview.session.Preview)."""

    state: PreviewState
    output: Path
    session: str
    origin: str  # http://127.0.0.1:PORT
    root: str  # the path the site lives under: "/" or "/cekfakta/", as on the published site
    language: str  # the site's interface language, for the preview's own words
    overlay: dict[str, tuple[int, bytes]]

    @property
    def base_url(self) -> str: ...

    @property
    def pending(self) -> bool: ...

    def watching(self, page: str) -> None: ...

    def wait_for_build(self, after: int, timeout: float = ..., pending: bool | None = None) -> PreviewState: ...

    def touches(self, after: int, page: str) -> bool: ...


class PortInUse(Exception):
    """No free port was found from the requested one on."""


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    server_version = "factcheck-serve"
    sys_version = ""
    protocol_version = "HTTP/1.0"  # one request per connection: no idle keep-alive threads
    preview: Previewed  # set on the subclass made by make_server

    def log_message(self, format: str, *args) -> None:
        pass

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path.startswith(PREFIX):
            self.answer_internal(path[len(PREFIX) :], parse_qs(parts.query), head)
            return
        state = self.preview.state
        root = self.preview.root
        address = inside_root(path, root)
        if address is None and path in ("/", root.rstrip("/")):  # the site lives under a path: go there
            self.send(301, b"", "text/plain", head, location=root + ("?" + parts.query if parts.query else ""))
            return
        target = self.locate(address) if address is not None else None
        if isinstance(target, tuple):  # a quick update's page or theme file, not yet written by the full build
            name, body = target
            ctype = self.content_type(name)
            self.send(200, self.inject(body, state) if ctype == "text/html" else body, ctype, head)
            return
        if isinstance(target, str):  # a folder without its slash
            location = root + target[1:] + ("?" + parts.query if parts.query else "")
            self.send(301, b"", "text/plain", head, location=location)
            return
        status = 200
        if target is None:
            status, target = 404, self.preview.output / "404.html"
            if not target.is_file():
                body = NOT_FOUND if state.has_pages else nothing_built(self.preview.language)
                self.send(404 if state.has_pages else 503, self.inject(body, state), "text/html", head)
                return
        try:
            body = target.read_bytes()
        except OSError:  # swapped away by a rebuild between locating and reading: the client retries
            self.send(503, b"rebuilding, reload", "text/plain", head)
            return
        ctype = self.content_type(target.name)
        if ctype == "text/html":
            body = self.inject(body, state)
        self.send(status, body, ctype, head)

    @staticmethod
    def content_type(name: str) -> str:
        return TEXT_TYPES.get(posixpath.splitext(name)[1]) or mimetypes.guess_type(name)[0] or "application/octet-stream"

    def locate(self, path: str) -> Path | tuple[str, bytes] | str | None:
        """The file for a URL path (or, from a quick update, its name and bytes), a redirect target (str)
        for a folder without its slash, or None."""
        segments = [s for s in path.split("/") if s]
        if any(s in (".", "..") or "\\" in s or "\0" in s for s in segments):
            return None
        overlay = self.preview.overlay
        if overlay:
            page = "/".join([*segments, "index.html"])
            if page in overlay:
                return ("index.html", overlay[page][1]) if path.endswith("/") else path + "/"
            exact = "/".join(segments)
            if segments and not path.endswith("/") and exact in overlay:
                return segments[-1], overlay[exact][1]
        candidate = self.preview.output.joinpath(*segments)
        if candidate.is_dir():
            if not path.endswith("/"):
                return path + "/"
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def inject(self, body: bytes, state: PreviewState, failed: bool | None = None) -> bytes:
        failed = state.failed if failed is None else failed
        diagnostics = state.diagnostics if failed else None
        return inject(body, state.build, self.preview.session, diagnostics, self.preview.pending, self.preview.language)

    def answer_internal(self, name: str, query: dict[str, list[str]], head: bool) -> None:
        if name == "reload.js":
            self.send(200, RELOAD_JS.encode(), "text/javascript", head)
        elif name == "build":
            try:
                after = int(query.get("after", ["-1"])[0])
            except ValueError:
                after = -1
            believed = query.get("pending", [""])[0]
            pending = None if believed not in ("0", "1") else believed == "1"
            page = inside_root(query.get("page", [""])[0], self.preview.root) or ""
            if page:
                self.preview.watching(page)  # a tab shows it: a template edit renders it first
            state = self.preview.wait_for_build(after, pending=pending) if after >= 0 else self.preview.state
            # Without a page (scripts, benchmarks), any newer build counts; a tab reloads only for its own page.
            reload = state.build > after and (not page or self.preview.touches(after, page))
            data = {
                "build": state.build,
                "session": self.preview.session,
                "ok": not state.failed,
                "diagnostics": [d.to_dict() for d in state.diagnostics],
                "reload": reload,
                "pending": self.preview.pending,
            }
            self.send(200, json.dumps(data).encode(), "application/json", head)
        elif name == "diagnostics":
            state, language = self.preview.state, self.preview.language
            shown = diagnostics_html(state.diagnostics, language) if state.failed else build_succeeded(language)
            body = (
                f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>Diagnostics – factcheck serve'
                f"</title></head><body>{shown}</body></html>"
            ).encode()
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


def make_server(preview: Previewed, port: int, try_next: bool = True) -> PreviewServer:
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
        preview.origin = f"http://127.0.0.1:{server.server_address[1]}"
        return server
    last = port + tries - 1
    span = f"port {port}" if tries == 1 else f"ports {port}-{last}"
    raise PortInUse(f"{span} already in use on 127.0.0.1; choose another with --port")
