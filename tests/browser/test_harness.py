"""Self-test of the browser fixtures in conftest.py on a tiny hand-made site.

If these fail, every browser test of the real site is suspect.
"""

from __future__ import annotations

import base64
import http.client
from pathlib import Path

import pytest

# 1x1 transparent PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


def page(title: str, body: str, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/style.css">
{head}
</head>
<body>
<header><p><a href="/">Test fact checks</a></p></header>
<main>
{body}
</main>
<footer><p>Footer text</p></footer>
</body>
</html>
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(
        page(
            "Home – test fact checks",
            "<h1>Fact checks</h1>\n"
            '<p>A claim was checked. <img src="/dot.png" alt="" width="1" height="1"></p>\n'
            '<p><a href="/claims/example/">Read the example claim</a></p>',
        ),
        encoding="utf-8",
    )
    (root / "404.html").write_text(
        page("Page not found", "<h1>Page not found</h1>\n<p>Nothing lives at this address.</p>"),
        encoding="utf-8",
    )
    (root / "style.css").write_text(
        "body { font-family: 'DejaVu Sans', sans-serif; color: #111; background: #fff; }\n", encoding="utf-8"
    )
    (root / "dot.png").write_bytes(PNG)
    (root / "feed.xml").write_text('<?xml version="1.0" encoding="utf-8"?><feed/>\n', encoding="utf-8")
    (root / "data.json").write_text("{}\n", encoding="utf-8")
    (root / "app.js").write_text("// nothing\n", encoding="utf-8")
    (root / "mod.wasm").write_bytes(b"\0asm\1\0\0\0")
    (root / "pagefind").mkdir()
    (root / "pagefind" / "pagefind.en_1234.pf_meta").write_bytes(b"\x1f\x8b")
    return root


def add_page(root: Path, rel: str, html: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def head_request(base_url: str, path: str, method: str = "GET") -> tuple[int, str, bytes]:
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        return resp.status, resp.getheader("Content-Type", ""), resp.read()
    finally:
        conn.close()


# ---------------------------------------------------------------- server only


def test_server_content_types(site, static_server):
    base = static_server(site)
    expected = {
        "/": "text/html",
        "/feed.xml": "application/xml",
        "/data.json": "application/json",
        "/app.js": "text/javascript",
        "/style.css": "text/css",
        "/dot.png": "image/png",
        "/mod.wasm": "application/wasm",
        "/pagefind/pagefind.en_1234.pf_meta": "application/octet-stream",
    }
    for path, ctype in expected.items():
        status, got, _ = head_request(base, path)
        assert status == 200, path
        assert got.split(";")[0] == ctype, (path, got)


def test_server_missing_path_serves_404_page(site, static_server):
    base = static_server(site)
    status, ctype, body = head_request(base, "/no/such/page/")
    assert status == 404
    assert ctype.startswith("text/html")
    assert b"Page not found" in body
    status, _, body = head_request(base, "/no/such/page/", method="HEAD")
    assert status == 404 and body == b""
    # Folders without index.html are not listed.
    status, _, body = head_request(base, "/pagefind/")
    assert status == 404 and b"Page not found" in body


def test_server_two_sites_at_once(site, tmp_path, static_server):
    other = tmp_path / "other"
    other.mkdir()
    (other / "index.html").write_text("other", encoding="utf-8")
    a, b = static_server(site), static_server(other)
    assert a != b
    assert head_request(b, "/")[2] == b"other"
    assert b"Fact checks" in head_request(a, "/")[2]


# ---------------------------------------------------------------- vnu


def test_vnu_accepts_valid_pages(site, vnu_check):
    assert vnu_check([site / "index.html", site / "404.html"]) == []


def test_vnu_reports_errors_with_file_and_line(site, vnu_check):
    bad = add_page(site, "bad/index.html", page("Bad", '<h1>Bad</h1>\n<p><img src="/dot.png"></p>'))
    errors = vnu_check([site / "index.html", bad])
    assert len(errors) == 1, errors
    name, line, message = errors[0].split(":", 2)
    assert name.endswith("bad/index.html")
    assert int(line) == page("Bad", "").count("\n", 0, page("Bad", "").index("<main>")) + 3
    assert "alt" in message


# ---------------------------------------------------------------- browser


@pytest.mark.browser
def test_valid_page_is_clean_at_phone_and_desktop_widths(site, static_server, page_checker, run_axe):
    base = static_server(site)
    for width in (320, 1280):
        visit = page_checker(base + "/", width=width)
        visit.assert_clean()
        assert visit.response_status == 200
        assert visit.page.title() == "Home – test fact checks"
        assert visit.page.viewport_size["width"] == width
        violations = run_axe(visit.page)
        assert violations == [], violations


@pytest.mark.browser
def test_404_page_is_served_and_clean(site, static_server, page_checker, run_axe):
    base = static_server(site)
    visit = page_checker(base + "/claims/missing/", expect_status=404)
    visit.assert_clean()
    assert visit.page.locator("h1").inner_text() == "Page not found"
    assert run_axe(visit.page) == []
    # Without expect_status the unexpected 404 is a problem.
    visit = page_checker(base + "/claims/missing/")
    assert any("404" in p for p in visit.problems())


@pytest.mark.browser
def test_axe_reports_image_without_alt(site, static_server, page_checker, run_axe):
    add_page(site, "noalt/index.html", page("No alt", '<h1>No alt</h1>\n<p><img src="/dot.png"></p>'))
    base = static_server(site)
    visit = page_checker(base + "/noalt/")
    visit.assert_clean()
    violations = run_axe(visit.page)
    assert [v["id"] for v in violations] == ["image-alt"], violations
    assert violations[0]["impact"] in ("serious", "critical")
    assert "image-alt" in repr(violations)


@pytest.mark.browser
def test_request_to_another_host_is_blocked_and_recorded(site, static_server, page_checker):
    # 192.0.2.0/24 is TEST-NET-1: never routed.  The route aborts the request
    # before Chromium opens a connection.
    foreign = "http://192.0.2.1/x.png"
    add_page(
        site,
        "foreign/index.html",
        page(
            "Foreign",
            f'<h1>Foreign</h1>\n<p><img src="{foreign}" alt="tracker"></p>',
            head='<link rel="stylesheet" href="https://fonts.example.invalid/font.css">',
        ),
    )
    base = static_server(site)
    visit = page_checker(base + "/foreign/")
    assert sorted(visit.foreign_requests) == sorted([foreign, "https://fonts.example.invalid/font.css"])
    assert visit.failed_requests == []  # blocked requests are only reported once
    with pytest.raises(AssertionError, match=r"192\.0\.2\.1"):
        visit.assert_clean()


@pytest.mark.browser
def test_console_and_page_errors_and_broken_assets_are_recorded(site, static_server, page_checker):
    add_page(
        site,
        "noisy/index.html",
        page(
            "Noisy",
            '<h1>Noisy</h1>\n<p><img src="/missing.png" alt="missing"></p>\n'
            '<script>console.error("boom from console"); throw new Error("boom from throw");</script>',
        ),
    )
    base = static_server(site)
    visit = page_checker(base + "/noisy/")
    assert any("boom from console" in m for m in visit.console_errors), visit.console_errors
    assert any("boom from throw" in m for m in visit.page_errors), visit.page_errors
    assert any(m.startswith("404 ") and m.endswith("/missing.png") for m in visit.bad_responses), visit.bad_responses
    assert visit.foreign_requests == []
