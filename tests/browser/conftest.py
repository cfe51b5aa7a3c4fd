"""Fixtures for browser tests of a built static site.

Everything here works on a folder of static files (the output of
``factcheck build``) and needs no network:

* ``static_server``  -- factory: ``static_server(root: Path) -> base_url``
  serves a folder on 127.0.0.1 like GitHub Pages would (404.html for missing
  paths, no directory listings).
* ``browser``        -- session-wide headless Debian Chromium driven by
  Playwright's sync API (never downloads a browser).
* ``page_checker``   -- factory: ``page_checker(url, width=1280) -> Visit``
  opens a page, records console errors, uncaught page errors, failed or
  HTTP-error responses, and blocks plus records every request that leaves
  the local server.
* ``run_axe``        -- ``run_axe(page) -> list[dict]``: serious/critical
  axe-core violations for WCAG 2.1 A/AA.
* ``vnu_check``      -- ``vnu_check(files) -> list[str]``: Nu Html Checker
  errors as ``file:line: message``.

Missing prerequisites (``/usr/bin/chromium``, ``java``, the npm packages)
skip the tests that need them, or fail them when the environment variable
``FACTCHECK_REQUIRE_BROWSER=1`` is set (CI sets it).  ``make browser-deps``
and ``make setup`` install them.

Example::

    @pytest.mark.browser
    def test_home(tmp_path, static_server, page_checker, run_axe, vnu_check):
        site = build_site_into(tmp_path)            # however the test builds it
        base = static_server(site)
        visit = page_checker(base + "/", width=375)
        visit.assert_clean()
        assert not run_axe(visit.page)
        assert vnu_check(sorted(site.rglob("*.html"))) == []
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO_ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_IMPACTS = frozenset({"serious", "critical"})

DEFAULT_WIDTH = 1280
DEFAULT_HEIGHT = 800


def browser_required() -> bool:
    """True when missing browser tooling must fail tests instead of skipping them."""
    return os.environ.get("FACTCHECK_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


def _unavailable(reason: str) -> None:
    hint = " (run `make browser-deps setup`)"
    if browser_required():
        pytest.fail(f"FACTCHECK_REQUIRE_BROWSER is set but {reason}{hint}", pytrace=False)
    pytest.skip(reason + hint)


# --------------------------------------------------------------------------
# Static file server
# --------------------------------------------------------------------------

_CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xml": "application/xml",
    ".xsl": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".webmanifest": "application/manifest+json",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".txt": "text/plain",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
}
_TEXTUAL = (
    "text/",
    "application/xml",
    "application/json",
    "application/ld+json",
    "application/manifest+json",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves one folder roughly like GitHub Pages: 404.html, no listings."""

    server_version = "factcheck-test"
    sys_version = ""
    # Drop idle connections (e.g. Chromium preconnects) instead of holding a
    # thread forever.
    timeout = 15

    def guess_type(self, path: str) -> str:  # type: ignore[override]
        suffix = Path(path).suffix.lower()
        if suffix.startswith(".pf_"):  # Pagefind index chunks
            return "application/octet-stream"
        ctype = _CONTENT_TYPES.get(suffix) or super().guess_type(path)
        if ctype.startswith(_TEXTUAL):
            ctype += "; charset=utf-8"
        return ctype

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):  # type: ignore[override]
        time.sleep(self.delay(self.path))  # a slow connection, for the paths a test chooses
        return super().send_head()

    @staticmethod
    def delay(path: str) -> float:
        return 0.0

    def list_directory(self, path):  # type: ignore[override]
        self.send_error(404)
        return None

    not_found: Path | None = None  # the 404 page; None: 404.html in the served folder

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.not_found or Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


class _SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # Browsers drop connections whenever they like (navigation, aborted
        # prefetches); that is not a test failure.
        import sys

        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, socket.timeout)):
            return
        super().handle_error(request, client_address)


@dataclass
class StaticServer:
    root: Path
    base_url: str
    httpd: _SiteServer
    thread: threading.Thread

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


def start_static_server(root: Path, delay: Callable[[str], float] | None = None, not_found: Path | None = None) -> StaticServer:
    """Serve `root` on 127.0.0.1; `delay(path)` gives the seconds to wait before answering a request;
    `not_found` is the page answered with 404 (a site in a subfolder of `root` has its own, as on GitHub Pages)."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"static_server: {root} is not a folder")
    handler_class = _SiteHandler
    if delay is not None:
        handler_class = type("_SlowSiteHandler", (_SiteHandler,), {"delay": staticmethod(delay)})
    if not_found is not None:
        handler_class = type("_SubSiteHandler", (handler_class,), {"not_found": Path(not_found)})
    handler = functools.partial(handler_class, directory=str(root))
    httpd = _SiteServer(("127.0.0.1", 0), handler)
    port = httpd.server_address[1]
    thread = threading.Thread(
        target=httpd.serve_forever,
        kwargs={"poll_interval": 0.1},
        name=f"static-server-{port}",
        daemon=True,
    )
    thread.start()
    return StaticServer(root, f"http://127.0.0.1:{port}", httpd, thread)


@pytest.fixture
def static_server() -> Iterator[Callable[[Path], str]]:
    """Factory: ``static_server(root) -> "http://127.0.0.1:PORT"`` (no trailing slash).

    Each call starts a server for that folder; all are stopped at teardown.
    """
    servers: list[StaticServer] = []

    def serve(root: Path) -> str:
        server = start_static_server(root)
        servers.append(server)
        return server.base_url

    yield serve
    for server in servers:
        server.stop()


# --------------------------------------------------------------------------
# Browser
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """Session-wide headless Debian Chromium (Playwright sync API)."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed")
    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
        )
    except Exception:
        pw.stop()
        raise
    try:
        yield chromium
    finally:
        chromium.close()
        pw.stop()


@dataclass
class Visit:
    """What happened while a page loaded; the page stays open for more checks."""

    url: str
    page: object  # playwright.sync_api.Page
    response_status: int | None = None
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Every recorded problem as a readable line (empty when clean)."""
        out: list[str] = []
        out += [f"console error: {m}" for m in self.console_errors]
        out += [f"page error: {m}" for m in self.page_errors]
        out += [f"request to another host (blocked): {u}" for u in self.foreign_requests]
        out += [f"request failed: {m}" for m in self.failed_requests]
        out += [f"HTTP error: {m}" for m in self.bad_responses]
        return out

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, f"{self.url}:\n  " + "\n  ".join(problems)


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


@pytest.fixture
def page_checker(browser):
    """Factory: ``page_checker(url, width=1280, height=800, ...) -> Visit``.

    Opens ``url`` in a fresh browser context with that viewport.  Requests to
    any origin other than the URL's own are aborted and recorded in
    ``Visit.foreign_requests``.  Console errors, uncaught exceptions, failed
    requests and same-origin HTTP responses >= 400 (except the main document
    when ``expect_status`` says so) are recorded too.  Keyword arguments:
    ``wait_until`` ("load" by default; "networkidle" for lazy JavaScript),
    ``expect_status`` (main document status, 200 by default; None skips the
    check), ``color_scheme``, ``reduced_motion``, ``javascript``.
    """
    contexts = []

    def check(
        url: str,
        width: int = DEFAULT_WIDTH,
        height: int = DEFAULT_HEIGHT,
        *,
        wait_until: str = "load",
        expect_status: int | None = 200,
        color_scheme: str = "light",
        reduced_motion: str = "no-preference",
        javascript: bool = True,
    ) -> Visit:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            reduced_motion=reduced_motion,
            java_script_enabled=javascript,
            service_workers="block",
        )
        contexts.append(context)
        page = context.new_page()
        visit = Visit(url=url, page=page)
        home = _origin(url)

        def route(route) -> None:
            request_url = route.request.url
            scheme = urlsplit(request_url).scheme
            if scheme in ("data", "blob", "about") or _origin(request_url) == home:
                route.continue_()
            else:
                visit.foreign_requests.append(request_url)
                route.abort("blockedbyclient")

        def on_console(msg) -> None:
            if msg.type == "error":
                loc = msg.location or {}
                where = loc.get("url") or ""
                if where:
                    where = f" ({where}:{loc.get('lineNumber', 0) + 1})"
                visit.console_errors.append(f"{msg.text}{where}")

        def on_request_failed(request) -> None:
            if request.url in visit.foreign_requests:
                return  # already recorded as foreign
            visit.failed_requests.append(f"{request.url}: {request.failure}")

        def on_response(response) -> None:
            if response.status < 400 or _origin(response.url) != home:
                return
            if response.request.is_navigation_request() and response.request.frame == page.main_frame:
                return  # judged by expect_status below
            visit.bad_responses.append(f"{response.status} {response.url}")

        context.route("**/*", route)
        page.on("console", on_console)
        page.on("pageerror", lambda err: visit.page_errors.append(str(err)))
        page.on("requestfailed", on_request_failed)
        page.on("response", on_response)

        response = page.goto(url, wait_until=wait_until)
        visit.response_status = response.status if response is not None else None
        if response is not None and expect_status is not None and expect_status >= 400:
            # Chromium logs the expected error status of the document itself
            # as a console error; that one is what the caller asked for.
            expected = f"Failed to load resource: the server responded with a status of {expect_status} "
            noise = f"({response.url}:1)"
            visit.console_errors[:] = [m for m in visit.console_errors if not (m.startswith(expected) and m.endswith(noise))]
        if expect_status is not None and visit.response_status != expect_status:
            visit.bad_responses.append(f"{visit.response_status} {url} (expected {expect_status})")
        return visit

    yield check
    for context in contexts:
        context.close()


# --------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------


class AxeViolations(list):
    """A list of axe-core violation dicts whose repr is a readable report."""

    def report(self) -> str:
        lines = []
        for v in self:
            lines.append(f"[{v.get('impact')}] {v.get('id')}: {v.get('help')} ({v.get('helpUrl')})")
            for node in v.get("nodes", [])[:10]:
                target = " ".join(map(str, node.get("target", [])))
                lines.append(f"    at {target}: {node.get('html', '')[:200]}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return "\n" + self.report() if self else "[]"


_AXE_RUN = """async (options) => {
    const results = await window.axe.run(document, options);
    return results.violations;
}"""


@pytest.fixture
def run_axe():
    """``run_axe(page, tags=AXE_TAGS, impacts={"serious","critical"}) -> AxeViolations``."""
    if not AXE_JS.is_file():
        _unavailable(f"{AXE_JS.relative_to(REPO_ROOT)} is missing (npm packages not installed)")

    def run(page, tags=AXE_TAGS, impacts=AXE_IMPACTS) -> AxeViolations:
        if not page.evaluate("typeof window.axe === 'object'"):
            page.add_script_tag(path=str(AXE_JS))
            if not page.evaluate("typeof window.axe === 'object'"):
                # A Content-Security-Policy blocked the inline script tag;
                # evaluate() is not subject to it.
                page.evaluate(AXE_JS.read_text(encoding="utf-8"))
        options = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
        violations = page.evaluate(_AXE_RUN, options)
        return AxeViolations(v for v in violations if v.get("impact") in impacts)

    return run


# --------------------------------------------------------------------------
# Nu Html Checker (vnu.jar)
# --------------------------------------------------------------------------


def _parse_vnu(stderr: str, shown: dict[Path, str]) -> list[str]:
    start = stderr.find("{")  # skip "Picked up JAVA_TOOL_OPTIONS" and the like
    if start < 0:
        raise ValueError("no JSON")
    data = json.loads(stderr[start:])
    out = []
    for msg in data.get("messages", []):
        if msg.get("type") not in ("error", "non-document-error"):
            continue
        url = msg.get("url", "")
        name = url
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path))
            name = shown.get(path.resolve(), str(path))
        line = msg.get("lastLine") or msg.get("firstLine")
        where = f"{name}:{line}" if line else name
        text = " ".join(msg.get("message", "").split())
        if msg.get("type") == "non-document-error":
            text = f"(checker) {text}"
        out.append(f"{where}: {text}")
    return out


def run_vnu(files, timeout: float = 600) -> list[str]:
    files = [Path(f) for f in files]
    if not files:
        return []
    shown = {}
    for f in files:
        try:
            shown[f.resolve()] = str(f.resolve().relative_to(Path.cwd()))
        except ValueError:
            shown[f.resolve()] = str(f)
    cmd = [
        "java",
        "-Xss8m",
        "-jar",
        str(VNU_JAR),
        "--format",
        "json",
        "--errors-only",
        "--exit-zero-always",
        *[str(f) for f in files],
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=timeout, stdin=subprocess.DEVNULL)
    try:
        return _parse_vnu(proc.stderr, shown)
    except ValueError as exc:
        raise RuntimeError(
            f"vnu.jar exited {proc.returncode} without JSON output ({exc}):\n{proc.stderr[-4000:]}{proc.stdout[-2000:]}"
        ) from None


@pytest.fixture(scope="session")
def vnu_check():
    """``vnu_check(files: list[Path]) -> list[str]``: HTML errors as ``file:line: message``.

    One Java process checks the whole batch; pass every page at once.
    """
    if shutil.which("java") is None:
        _unavailable("java is not installed")
    if not VNU_JAR.is_file():
        _unavailable(f"{VNU_JAR.relative_to(REPO_ROOT)} is missing (npm packages not installed)")
    return run_vnu


def pytest_terminal_summary(terminalreporter) -> None:
    """Lighthouse's scores, printed whenever its tests ran, so that CI's log shows the figures."""
    import sys

    module = sys.modules.get("tests.browser.test_lighthouse")
    lines = module.scores_table() if module else []
    if lines:
        terminalreporter.section("Lighthouse scores (out of 100)")
        for line in lines:
            terminalreporter.write_line(line)
