"""Check that the links in the records still answer: sources, articles, appearances, people.

Needs the network, so it is its own command and never part of `build`. Returns diagnostics;
knows nothing of Click or of how they are shown.
"""

from __future__ import annotations

import http.client
import math
import socket
import ssl
import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from time import monotonic
from urllib.parse import quote, urldefrag, urljoin, urlsplit

from generator import __version__
from generator.content.entries import Content, Entry
from generator.content.loading import load_content
from generator.core.diagnostics import Diagnostic, error, has_errors, note, sort_diagnostics, warning
from generator.core.project import Project
from generator.core.values import printable

USER_AGENT = f"factcheck/{__version__} link checker (checks the sources cited by a fact-check site)"
REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)
HEAD_REFUSED = (405, 501)


@dataclass(frozen=True)
class LinkOptions:
    timeout: float = 10.0  # seconds for one URL, redirects and the GET retry included
    concurrency: int = 8
    max_redirects: int = 5
    max_time: float | None = None  # seconds for the whole run; None: enough for every URL to use its timeout


@dataclass(frozen=True)
class Link:
    """One URL in one record, with where it is and the record's archived copy of it."""

    url: str
    path: str
    line: int
    column: int
    field: str  # e.g. 'sources[0].url'
    archive: str | None = None  # the record's archive_url for this url
    can_archive: bool = True  # False where the model has no archive_url (people)
    is_archive: bool = False


@dataclass(frozen=True)
class Outcome:
    """What one URL answered. `kind` is ok, http, unreachable, timeout, redirects or skipped."""

    url: str
    kind: str = "ok"
    status: int | None = None
    problem: str = ""
    final_url: str = ""
    moved: bool = False  # the first answer was a permanent redirect

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


@dataclass(frozen=True)
class LinkReport:
    diagnostics: list[Diagnostic]
    valid: bool  # False: the content has errors, so no link was checked
    links: int = 0
    checked: int = 0  # unique URLs requested

    @property
    def ok(self) -> bool:
        return self.valid and not has_errors(self.diagnostics)


def check_links(project: Project, options: LinkOptions, clock: datetime | None = None) -> LinkReport:
    """Validate the content, then request every unique URL once and report the dead ones."""
    content, diagnostics = load_content(project, clock)
    if content is None:
        return LinkReport(diagnostics, valid=False)
    links = collect_links(content)
    outcomes = check_urls([link.url for link in links], options)
    return LinkReport(diagnose_links(links, outcomes), valid=True, links=len(links), checked=len(outcomes))


# ------------------------------------------------------------------ which links


def collect_links(content: Content) -> list[Link]:
    """Every checkable URL of the records, in file and line order."""
    links: list[Link] = []

    def add(entry: Entry, key: tuple, url: str | None, archive: str | None = None, can_archive: bool = True) -> None:
        if url:
            line, column = entry.where(*key)
            links.append(Link(url, entry.path, line, column, _dotted(key), archive, can_archive))
        if archive:
            archive_key = key[:-1] + ("archive_url",)
            line, column = entry.where(*archive_key)
            links.append(Link(archive, entry.path, line, column, _dotted(archive_key), is_archive=True))

    for entry in content.people.values():
        add(entry, ("url",), entry.model.url, can_archive=False)
        for i, url in enumerate(entry.model.same_as):
            add(entry, ("same_as", i), url, can_archive=False)
    for entry in content.articles.values():
        add(entry, ("url",), entry.model.url, entry.model.archive_url)
    for entry in content.claims.values():
        for i, appearance in enumerate(entry.model.appearances):
            add(entry, ("appearances", i, "url"), appearance.url, appearance.archive_url)
        for i, source in enumerate(entry.model.sources):
            add(entry, ("sources", i, "url"), source.url, source.archive_url)
    links.sort(key=lambda link: (link.path, link.line, link.column))
    return links


def _dotted(key: tuple) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else (f".{part}" if i else part) for i, part in enumerate(key))


def _key(url: str) -> str:
    return urldefrag(url)[0]  # the fragment never reaches the server


# ------------------------------------------------------------------ requesting


def check_urls(urls: list[str], options: LinkOptions) -> dict[str, Outcome]:
    """Request each unique URL once, `options.concurrency` at a time, within the time limits."""
    unique = sorted({_key(url) for url in urls})
    if not unique:
        return {}
    workers = max(1, min(options.concurrency, len(unique)))
    budget = options.max_time or options.timeout * (math.ceil(len(unique) / workers) + 1)
    run = _Run(options, monotonic() + budget)
    outcomes: dict[str, Outcome] = {}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="factcheck-links") as pool:
        futures = {pool.submit(run.check, url): url for url in unique}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.05, return_when=FIRST_COMPLETED)
            for future in done:
                url = futures[future]
                outcomes[url] = run.skipped(url) if future.cancelled() else future.result()
            if monotonic() >= run.overall and not run.stop.is_set():
                run.stop.set()
                for future in pending:
                    future.cancel()
            run.cut_overdue(everything=run.stop.is_set())
    return outcomes


class _Run:
    """State shared by the workers of one run: the limits, and the open sockets with their deadlines.

    A socket timeout bounds each wait, not a whole answer (a server can trickle one byte at a time),
    so the main thread shuts down sockets that outlive their URL's deadline.
    """

    def __init__(self, options: LinkOptions, overall: float):
        self.options = options
        self.overall = overall
        self.stop = threading.Event()
        self.tls = ssl.create_default_context()
        self._lock = threading.Lock()
        self._open: dict[socket.socket, float] = {}

    def cut_overdue(self, everything: bool = False) -> None:
        now = monotonic()
        with self._lock:
            for sock, deadline in self._open.items():
                if everything or now >= deadline:
                    try:
                        socket.socket.shutdown(sock, socket.SHUT_RDWR)  # wakes a blocked recv; close() would not
                    except OSError:
                        pass

    def skipped(self, url: str) -> Outcome:
        return Outcome(url, "skipped", problem="was not checked: the time limit for the whole run was reached")

    def check(self, url: str) -> Outcome:
        deadline = min(monotonic() + self.options.timeout, self.overall)
        try:
            return self._follow(url, deadline)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if self.stop.is_set() or monotonic() >= self.overall:
                return self.skipped(url)
            if isinstance(exc, TimeoutError) or monotonic() >= deadline:
                return Outcome(url, "timeout", problem=f"did not answer within {self.options.timeout:g} seconds")
            return Outcome(url, "unreachable", problem=_describe(exc))

    def _follow(self, url: str, deadline: float) -> Outcome:
        current, seen, moved = url, {url}, False
        for hop in range(self.options.max_redirects + 1):
            status, reason, location = self._request(current, "HEAD", deadline)
            if status in HEAD_REFUSED:
                status, reason, location = self._request(current, "GET", deadline)
            if status in REDIRECTS and location:
                target = _key(urljoin(current, location))
                moved = moved or (hop == 0 and status in PERMANENT)
                if urlsplit(target).scheme.lower() not in ("http", "https"):
                    return Outcome(url, "unreachable", status, f"redirects to '{printable(target)}', which is not a web address")
                if target in seen:
                    return Outcome(url, "redirects", status, f"redirects in a loop (back to {printable(target)})")
                seen.add(target)
                current = target
                continue
            if status >= 400:
                return Outcome(url, "http", status, f"answered HTTP {status} {printable(reason)}".rstrip(), current)
            return Outcome(url, "ok", status, final_url=current, moved=moved)
        return Outcome(url, "redirects", problem=f"redirects more than {self.options.max_redirects} times")

    def _request(self, url: str, method: str, deadline: float) -> tuple[int, str, str | None]:
        if self.stop.is_set():
            raise ConnectionAbortedError("stopped")
        parts = urlsplit(url)
        host = (parts.hostname or "").encode("idna").decode("ascii")
        port = parts.port
        remaining = deadline - monotonic()
        if remaining <= 0:
            raise TimeoutError
        if parts.scheme.lower() == "https":
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(host, port, timeout=remaining, context=self.tls)
        else:
            conn = http.client.HTTPConnection(host, port, timeout=remaining)
        try:
            conn.connect()
            with self._lock:
                self._open[conn.sock] = deadline
            conn.sock.settimeout(max(deadline - monotonic(), 0.001))
            conn.request(method, _target(parts), headers={
                "User-Agent": USER_AGENT, "Accept": "*/*", "Accept-Encoding": "identity", "Connection": "close"})
            response = conn.getresponse()  # the body is never read
            if monotonic() >= deadline:  # cut off mid-answer: what arrived may look complete but is not
                raise TimeoutError
            return response.status, response.reason or "", response.getheader("Location")
        finally:
            with self._lock:  # forget before closing, so a shutdown never hits a reused descriptor
                self._open.pop(conn.sock, None)
            conn.close()


def _target(parts) -> str:
    """Path and query as ASCII, percent-encoding what the editor typed as Unicode."""
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    return path + ("?" + quote(parts.query, safe="/?%:@!$&'()*+,;=-._~") if parts.query else "")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "refused the connection"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "closed the connection without answering"
    if isinstance(exc, socket.gaierror):
        return "has a host name that does not resolve"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"has a TLS certificate that does not verify ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return f"failed the TLS handshake ({exc.reason or exc})"
    if isinstance(exc, http.client.HTTPException):
        return f"gave an answer that is not valid HTTP ({type(exc).__name__})"
    if isinstance(exc, UnicodeError):
        return "has a host name that cannot be encoded"
    if isinstance(exc, ValueError):
        return f"is not a usable address ({exc})"
    return f"could not be reached ({printable(getattr(exc, 'strerror', None) or str(exc) or type(exc).__name__)})"


# ------------------------------------------------------------------ reporting


def diagnose_links(links: list[Link], outcomes: dict[str, Outcome]) -> list[Diagnostic]:
    """One diagnostic per broken (or moved) link occurrence; working links yield nothing."""
    found: list[Diagnostic] = []
    for link in links:
        outcome = outcomes.get(_key(link.url))
        if outcome is None:
            continue
        shown = printable(link.url, 200)
        if outcome.ok:
            if outcome.moved and outcome.final_url != _key(link.url):
                found.append(note(link.path, link.line, link.column, "link-moved",
                                  f"'{link.field}' moved permanently: {shown}",
                                  f"update it to {printable(outcome.final_url, 200)}"))
            continue
        if outcome.kind == "skipped":
            found.append(warning(link.path, link.line, link.column, "link-not-checked", f"'{link.field}' {outcome.problem}: {shown}",
                                 "run again with fewer links or a longer time limit"))
            continue
        if outcome.status == 429:  # too many requests: the server is up, it only refused to answer now
            found.append(warning(link.path, link.line, link.column, "link-rate-limited",
                                 f"'{link.field}' {outcome.problem}: {shown}", "check it by hand or run again later"))
            continue
        code = {"http": "dead-link", "timeout": "link-timeout", "redirects": "link-redirects"}.get(outcome.kind, "link-unreachable")
        found.append(error(link.path, link.line, link.column, code, f"'{link.field}' {outcome.problem}: {shown}",
                           _archive_hint(link, outcomes)))
    return sort_diagnostics(found)


def _archive_hint(link: Link, outcomes: dict[str, Outcome]) -> str:
    if link.is_archive:
        return "this archived copy is gone too; find another (web.archive.org, archive.today) and update archive_url"
    if not link.can_archive:
        return "update the address, or remove it if the page is gone"
    if not link.archive:
        return "no archive copy recorded; add archive_url (e.g. a web.archive.org copy) so readers can still check it"
    archive = outcomes.get(_key(link.archive))
    if archive is not None and not archive.ok:
        return f"the archived copy {printable(link.archive, 200)} does not answer either; find another and update archive_url"
    return f"readers can still use the archived copy: {printable(link.archive, 200)}"
