"""Requesting links over HTTP: HEAD first (GET when refused), redirects followed, a time limit for each
URL and for the run, a few at a time. Knows URLs and answers, never records.
"""

from __future__ import annotations

import http.client
import math
import socket
import ssl
import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from time import monotonic
from urllib.parse import quote, urldefrag, urljoin, urlsplit

from generator import __version__
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


def request_key(url: str) -> str:
    """The URL as requested: the fragment never reaches the server."""
    return urldefrag(url)[0]


def check_urls(urls: list[str], options: LinkOptions) -> dict[str, Outcome]:
    """Request each unique URL once, `options.concurrency` at a time, within the time limits."""
    unique = sorted({request_key(url) for url in urls})
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
                target = request_key(urljoin(current, location))
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
            conn.request(
                method,
                _target(parts),
                headers={"User-Agent": USER_AGENT, "Accept": "*/*", "Accept-Encoding": "identity", "Connection": "close"},
            )
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
