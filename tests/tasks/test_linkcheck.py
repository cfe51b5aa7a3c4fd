"""check-links against a local HTTP server on 127.0.0.1: dead, slow, redirecting and refused links."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.content.loading import load_content
from generator.core.project import Project
from generator.tasks import linkcheck, linkrequests
from generator.tasks.linkcheck import LinkOptions, check_links, collect_links
from tests.conftest import CLAIM_YAML

SLOW_SECONDS = 10  # far beyond every timeout used here; the fixture releases the handler at teardown
CLAIM = "content/claims/biden-telepon.yaml"
ARTICLE = "content/articles/medcom-berita.yaml"
JOE = "content/people/joe-biden.yaml"
MEDCOM = "content/people/medcom.yaml"


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() then joins every handler thread

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.release = threading.Event()
        self.requests: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()

    def handle_error(self, request, client_address) -> None:
        pass  # the checker hangs up on slow answers; that is expected, not worth a traceback


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    ROUTES = {  # path: (status, Location)
        "/ok": (200, None),
        "/landing": (200, None),
        "/other": (200, None),
        "/moved": (301, "/landing"),
        "/found": (302, "/landing"),
        "/loop-a": (302, "/loop-b"),
        "/loop-b": (307, "/loop-a"),
        "/missing": (404, None),
        "/broken": (500, None),
        "/busy": (429, None),
        "/caf%C3%A9": (200, None),
    }

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def log_message(self, *args) -> None:
        pass

    def _answer(self) -> None:
        with self.server.lock:
            self.server.requests.append((self.command, self.path, self.headers.get("User-Agent", "")))
        path = self.path.split("?")[0]
        try:
            if path == "/slow":
                self.server.release.wait(SLOW_SECONDS)
                status, location = 200, None
            elif path == "/trickle":  # headers one byte at a time: each wait is short, the whole answer endless
                self.wfile.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
                end = time.monotonic() + SLOW_SECONDS
                while not self.server.release.wait(0.05) and time.monotonic() < end:
                    self.wfile.write(b"a")
                    self.wfile.flush()
                return
            elif path == "/no-head":
                status, location = (405 if self.command == "HEAD" else 200), None
            elif path.startswith("/chain/"):
                status, location = 302, f"/chain/{int(path.rsplit('/', 1)[1]) + 1}"
            else:
                status, location = self.ROUTES.get(path, (404, None))
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except OSError:
            pass  # the checker gave up and closed the connection


@pytest.fixture
def server():
    httpd = _Server()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield httpd
    finally:
        httpd.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def refused():
    """An address where nothing listens: the port is bound (so no one else takes it) but not listening."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


def files_for(base: str, refused: str) -> dict[str, str]:
    claim = (
        CLAIM_YAML.replace(
            "sources:\n",
            "appearances:\n"
            f"  - url: {base}/loop-a\n"  # line 14
            f"    archive_url: {base}/missing\n"  # line 15
            f"  - url: {refused}/gone\n"  # line 16
            f"  - url: {base}/chain/0\n"  # line 17
            f"  - url: {base}/busy\n"  # line 18
            "sources:\n",
        )
        .replace(
            "url: https://tass.com/world/1277551",
            f"url: {base}/slow",  # line 22
        )
        .replace(
            "url: https://regulations.justia.com/regulations/fedreg/2021/04/19/2021-08098.html",
            f"url: {base}/no-head\n    archive_url: {refused}/archived",
        )
    )  # lines 25, 26
    return {
        JOE: f"name: Joe Biden\nkind: person\nsame_as:\n  - {base}/ok\n  - {base}/missing\n",
        MEDCOM: f"name: Medcom\nkind: organization\nurl: {base}/moved\n",
        ARTICLE: (
            "title: Berita Medcom.id, 16 April 2021\ntitle_is_description: true\npublisher: medcom\n"
            f"published: 2021-04-16\nurl: {base}/broken\narchive_url: {base}/ok#archived\n"
        ),
        CLAIM: claim,
    }


def good_files(base: str) -> dict[str, str]:
    return {
        JOE: f"name: Joe Biden\nkind: person\nsame_as:\n  - {base}/ok\n  - {base}/café?q=ü#bagian\n",
        MEDCOM: f"name: Medcom\nkind: organization\nurl: {base}/found\n",
        ARTICLE: f"title: X\npublisher: medcom\npublished: 2021-04-16\nurl: {base}/no-head\narchive_url: {base}/ok#copy\n",
        CLAIM: CLAIM_YAML.replace("https://tass.com/world/1277551", f"{base}/moved").replace(
            "https://regulations.justia.com/regulations/fedreg/2021/04/19/2021-08098.html", f"{base}/other"
        ),
    }


def local_only(project: Path) -> list[str]:
    """Every link of the test project, after asserting none leaves this machine."""
    content, diagnostics = load_content(Project.at(project))
    assert content is not None, diagnostics
    urls = [link.url for link in collect_links(content)]
    assert urls and all(url.startswith("http://127.0.0.1:") for url in urls), urls
    return urls


def test_links_of_every_kind_are_collected_with_their_position(make_project):
    project = make_project(files_for("http://127.0.0.1:1", "http://127.0.0.1:2"))
    content, _ = load_content(Project.at(project))
    found = [(link.path, link.line, link.column, link.field, link.archive, link.is_archive) for link in collect_links(content)]
    assert found == [
        (ARTICLE, 5, 6, "url", "http://127.0.0.1:1/ok#archived", False),
        (ARTICLE, 6, 14, "archive_url", None, True),
        (CLAIM, 14, 10, "appearances[0].url", "http://127.0.0.1:1/missing", False),
        (CLAIM, 15, 18, "appearances[0].archive_url", None, True),
        (CLAIM, 16, 10, "appearances[1].url", None, False),
        (CLAIM, 17, 10, "appearances[2].url", None, False),
        (CLAIM, 18, 10, "appearances[3].url", None, False),
        (CLAIM, 22, 10, "sources[0].url", None, False),
        (CLAIM, 25, 10, "sources[1].url", "http://127.0.0.1:2/archived", False),
        (CLAIM, 26, 18, "sources[1].archive_url", None, True),
        (JOE, 4, 5, "same_as[0]", None, False),
        (JOE, 5, 5, "same_as[1]", None, False),
        (MEDCOM, 3, 6, "url", None, False),
    ]


def test_dead_links_are_reported_with_file_line_code_and_archive_hint(make_project, server, refused):
    base = f"http://127.0.0.1:{server.server_address[1]}"
    project = make_project(files_for(base, refused))
    local_only(project)
    started = time.monotonic()
    report = check_links(Project.at(project), LinkOptions(timeout=1.0, concurrency=4))
    elapsed = time.monotonic() - started

    found = {(d.path, d.line, d.code, d.severity.value) for d in report.diagnostics}
    assert found == {
        (ARTICLE, 5, "dead-link", "error"),  # 500, archived copy answers
        (CLAIM, 14, "link-redirects", "error"),  # a redirect loop
        (CLAIM, 15, "dead-link", "error"),  # the archived copy itself is a 404
        (CLAIM, 16, "link-unreachable", "error"),  # connection refused
        (CLAIM, 17, "link-redirects", "error"),  # more than 5 redirects
        (CLAIM, 18, "link-rate-limited", "warning"),  # 429: up, but not answering now
        (CLAIM, 22, "link-timeout", "error"),  # sleeps past the timeout
        (CLAIM, 26, "link-unreachable", "error"),  # archive refused; the source itself answers GET
        (JOE, 5, "dead-link", "error"),  # 404
        (MEDCOM, 3, "link-moved", "note"),  # 301: works, but say where it went
    }
    assert not report.ok and report.valid
    hints = {(d.path, d.line): d.hint for d in report.diagnostics}
    assert hints[(ARTICLE, 5)] == f"readers can still use the archived copy: {base}/ok#archived"
    assert hints[(CLAIM, 22)].startswith("no archive copy recorded; add archive_url")
    assert "does not answer either" in hints[(CLAIM, 14)] and f"{base}/missing" in hints[(CLAIM, 14)]
    assert "this archived copy is gone too" in hints[(CLAIM, 15)]
    assert hints[(JOE, 5)] == "update the address, or remove it if the page is gone"  # people have no archive_url
    assert hints[(MEDCOM, 3)] == f"update it to {base}/landing"
    messages = {(d.path, d.line): d.message for d in report.diagnostics}
    assert messages[(JOE, 5)] == f"'same_as[1]' answered HTTP 404 Not Found: {base}/missing"
    assert "loop" in messages[(CLAIM, 14)] and "more than 5" in messages[(CLAIM, 17)]
    # The slow answer costs one timeout, not its ten seconds; allow generous slack for a busy machine.
    assert elapsed < 1.0 * 3 + 1.5, elapsed


def test_each_unique_url_is_requested_once_head_first_with_a_clear_user_agent(make_project, server, refused):
    base = f"http://127.0.0.1:{server.server_address[1]}"
    project = make_project(files_for(base, refused))
    check_links(Project.at(project), LinkOptions(timeout=1.0, concurrency=4))
    requests = [(method, path) for method, path, _ in server.requests]
    # /ok is linked twice (one with a #fragment), /missing twice (same_as and an archive_url).
    assert requests.count(("HEAD", "/ok")) == 1
    assert requests.count(("HEAD", "/missing")) == 1
    assert not any(method == "GET" and path in ("/ok", "/missing") for method, path in requests)
    # HEAD refused with 405: asked again with GET.
    assert requests.count(("HEAD", "/no-head")) == 1 and requests.count(("GET", "/no-head")) == 1
    # The redirect chain stops after five redirects: the first request and five more.
    assert sorted(p for m, p in requests if p.startswith("/chain/")) == [f"/chain/{i}" for i in range(6)]
    agents = {agent for _, _, agent in server.requests}
    assert len(agents) == 1 and next(iter(agents)).startswith("factcheck/")


def test_a_header_trickle_is_cut_at_the_timeout(make_project, server):
    base = f"http://127.0.0.1:{server.server_address[1]}"
    project = make_project({**good_files(base), MEDCOM: f"name: Medcom\nkind: organization\nurl: {base}/trickle\n"})
    started = time.monotonic()
    report = check_links(Project.at(project), LinkOptions(timeout=1.0))
    assert time.monotonic() - started < 1.0 * 3 + 1.5
    errors = [(d.path, d.line, d.code) for d in report.diagnostics if d.severity.value == "error"]
    assert errors == [(MEDCOM, 3, "link-timeout")]


def test_the_whole_run_stops_at_max_time(make_project, server):
    base = f"http://127.0.0.1:{server.server_address[1]}"
    joe = "name: Joe Biden\nkind: person\nsame_as:\n" + "".join(f"  - {base}/slow?{i}\n" for i in range(4))
    project = make_project({**good_files(base), JOE: joe})
    started = time.monotonic()
    report = check_links(Project.at(project), LinkOptions(timeout=30, concurrency=1, max_time=0.5))
    assert time.monotonic() - started < 0.5 + 2.0
    codes = {(d.line, d.code) for d in report.diagnostics if d.path == JOE}
    assert codes == {(line, "link-not-checked") for line in range(4, 8)}
    assert all(d.severity.value == "warning" for d in report.diagnostics if d.path == JOE)


def test_cli_exits_1_on_a_dead_link_and_0_when_all_links_answer(make_project, server, refused, run_cli, tmp_path):
    base = f"http://127.0.0.1:{server.server_address[1]}"
    dead = make_project(files_for(base, refused))
    result = run_cli("check-links", "--timeout", "1", "--concurrency", "4", project=dead)
    assert result.exit_code == 1, result.output
    assert f"{JOE}:5:5: error: 'same_as[1]' answered HTTP 404 Not Found" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("dead links: ")
    assert "Traceback" not in result.output

    good = make_project(good_files(base), root=tmp_path / "good")
    local_only(good)
    result = run_cli("check-links", "--timeout", "1", project=good)
    assert result.exit_code == 0, result.output
    assert "link-moved" in result.stderr  # a permanent redirect is a note, not a failure
    assert ("HEAD", "/caf%C3%A9?q=%C3%BC") in [(m, p) for m, p, _ in server.requests]  # Unicode sent percent-encoded
    assert result.stderr.rstrip().splitlines()[-1].startswith("ok: ")

    result = run_cli("check-links", "--timeout", "1", "--format", "github", project=dead)
    assert result.exit_code == 1
    assert f"::error file={JOE},line=5,col=5,title=dead-link::" in result.stdout


def test_invalid_content_is_reported_and_no_link_is_requested(make_project, server, run_cli):
    base = f"http://127.0.0.1:{server.server_address[1]}"
    files = good_files(base)
    files[CLAIM] = files[CLAIM].replace("verdict: salah", "verdict: salh")
    result = run_cli("check-links", project=make_project(files))
    assert result.exit_code == 1
    assert f"{CLAIM}:7:10: error:" in result.stderr and "links not checked" in result.stderr
    assert server.requests == []


def test_check_links_rejects_bad_options(make_project, run_cli):
    project = make_project()
    assert run_cli("check-links", "--timeout", "0", project=project).exit_code == 2
    assert run_cli("check-links", "--concurrency", "0", project=project).exit_code == 2


def test_build_never_checks_links(make_project, run_cli, monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("build must not request links")

    monkeypatch.setattr(linkcheck, "check_urls", refuse)
    monkeypatch.setattr(linkrequests._Run, "check", refuse)
    result = run_cli("build", "-o", str(tmp_path / "out"), project=make_project())
    assert result.exit_code == 0, result.output
