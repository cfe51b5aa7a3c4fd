"""The site works wherever it is published: under a path of its host (a GitHub Pages project site,
https://org.github.io/cekfakta/) as well as at the root of its own domain.

Two sites are checked: the demo, built from this checkout, and the site `factcheck init --no-input` starts
(its example published), made and built by the command installed from the wheel in a fresh venv outside
the checkout, as a desk does. Each is built for each base URL and, for the path, served from the parent
folder so that it lives at
/cekfakta/ (with the site's own 404 page for missing addresses, as GitHub Pages does). Chromium opens every
page it can reach from the home page; every href, src and srcset on every page is fetched, and so is every
absolute URL the site gives away that points back into it (canonical, og:, JSON-LD, feeds and their entries,
the sitemap, open data); then a search typed in the header opens a result. Nothing may answer 404, and no
page may link outside the site's path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.browser.conftest import REPO_ROOT, start_static_server
from tests.wheel import run

pytestmark = pytest.mark.browser

BASES = {
    "sub-path": ("https://org.github.io/cekfakta/", "cekfakta"),
    "root": ("https://cekfakta.example.org/", None),
}
# What each site is searched for, the search box's name in its language, and how many pages it has at least.
SITES = {
    "demo": ("diplomat", "Cari cek fakta", 40),
    "init": ("moon", "Search fact-checks", 15),
}
RESULT_LINK = ".pagefind-ui__result-link"

# Every URL a page names for the browser: links, assets, and the absolute URLs it hands to other sites.
COLLECT_JS = """() => {
    const out = [];
    for (const el of document.querySelectorAll("[href], [src], [srcset]")) {
        for (const name of ["href", "src"]) { if (el.hasAttribute(name)) out.push(el.getAttribute(name)); }
        if (el.hasAttribute("srcset")) {
            for (const part of el.getAttribute("srcset").split(",")) { out.push(part.trim().split(/\\s+/)[0]); }
        }
    }
    for (const meta of document.querySelectorAll("meta[content]")) {
        const value = meta.getAttribute("content");
        if (/^https?:/.test(value)) out.push(value);
    }
    for (const script of document.querySelectorAll('script[type="application/ld+json"]')) out.push("ld+json:" + script.textContent);
    return out;
}"""


@dataclass(frozen=True)
class Published:
    base_url: str  # the public address the site was built for
    local: str  # where the test server shows it: http://127.0.0.1:PORT/cekfakta/ or http://127.0.0.1:PORT/
    site: Path
    query: str  # a word that finds at least one fact-check
    searchbox: str  # the accessible name of the header's search box
    least_pages: int

    @property
    def root(self) -> str:
        return urlsplit(self.local).path

    def to_local(self, url: str) -> str:
        """A public URL of the site as the test server shows it."""
        return self.local + url[len(self.base_url) :] if url.startswith(self.base_url) else url


def build_demo(site: Path, base_url: str) -> None:
    from generator.core.project import Project
    from generator.engine.build import BuildOptions, build_site

    options = BuildOptions(output=site, clock=datetime(2026, 1, 1, tzinfo=UTC), base_url=base_url)
    result = build_site(Project.at(REPO_ROOT), options)
    assert result.ok, [d.format_text() for d in result.diagnostics]


def build_new_site(site: Path, base_url: str, installed: Path, outside: Path) -> None:
    """A desk's first deploy: `init --no-input`, the example published, `build` by the installed command."""
    assert REPO_ROOT not in outside.parents
    run([str(installed), "init", "--no-input", "desk"], outside)
    [example] = (outside / "desk" / "content" / "claims").glob("*.yaml")
    example.write_text(example.read_text(encoding="utf-8").replace("\ndraft: true\n", "\n"), encoding="utf-8")
    run([str(installed), "validate"], outside / "desk")
    run([str(installed), "build", "--base-url", base_url, "--output", str(site)], outside / "desk")


@pytest.fixture(scope="module", params=[(s, b) for s in SITES for b in sorted(BASES)], ids="-".join)
def published(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    which, base = request.param
    base_url, folder = BASES[base]
    parent = tmp_path_factory.mktemp(f"pages-{which}-{base}")
    site = parent / (folder or "site")
    if which == "demo":
        build_demo(site, base_url)
    else:
        build_new_site(site, base_url, request.getfixturevalue("installed"), tmp_path_factory.mktemp("outside"))
    server = start_static_server(parent if folder else site, not_found=site / "404.html")
    try:
        yield Published(base_url, f"{server.base_url}/{folder + '/' if folder else ''}", site, *SITES[which])
    finally:
        server.stop()


@pytest.fixture
def context(browser, published: Published):
    """A browser context that may talk to the test server only, recording every failed or refused request."""
    context = browser.new_context(service_workers="block")
    context.problems = []  # type: ignore[attr-defined]
    home = urlsplit(published.local).netloc

    def route(route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob", "about") or urlsplit(url).netloc == home:
            route.continue_()
        else:
            context.problems.append(f"request to another host: {url}")  # type: ignore[attr-defined]
            route.abort("blockedbyclient")

    def response(response) -> None:
        if response.status >= 400 and not response.request.is_navigation_request():
            context.problems.append(f"{response.status} {response.url}")  # type: ignore[attr-defined]

    context.route("**/*", route)
    context.on("response", response)
    context.on("requestfailed", lambda r: context.problems.append(f"failed: {r.url} {r.failure}"))  # type: ignore[attr-defined]
    yield context
    context.close()


def json_urls(value, base_url: str) -> Iterator[str]:
    """Every string in JSON(-LD) that is an address on the site."""
    if isinstance(value, dict):
        for item in value.values():
            yield from json_urls(item, base_url)
    elif isinstance(value, list):
        for item in value:
            yield from json_urls(item, base_url)
    elif isinstance(value, str) and value.startswith(base_url):
        yield value


def test_every_page_link_and_asset_resolves(published: Published, context) -> None:
    local_host = urlsplit(published.local).netloc
    # (URL, where it was found): readers start at the home page, crawlers at robots.txt, which names the sitemap.
    queue: list[tuple[str, str]] = [(published.local + "robots.txt", "crawlers"), (published.local, "the start")]
    checked: set[str] = set()
    pages: list[str] = []
    broken: list[str] = []
    outside_root: list[str] = []
    while queue:
        target, source = queue.pop()
        if target in checked:
            continue
        checked.add(target)
        answer = context.request.get(target)
        if answer.status >= 400:
            broken.append(f"{answer.status} {target} (from {source})")
            continue
        kind = answer.headers.get("content-type", "")
        if kind.startswith(("application/xml", "application/json", "text/plain")):
            # Feeds, the sitemap, robots.txt and open data: the site's own URLs in them must lead back in.
            for found in re.findall(r"https?://[^\s\"'<>]+", answer.text()):
                if found.startswith(published.base_url):
                    queue.append((published.to_local(found.replace("&amp;", "&")), target))
        if not kind.startswith("text/html"):
            continue
        pages.append(target)
        page = context.new_page()  # in Chromium: its styles, scripts and images load, or the context notes it
        response = page.goto(target, wait_until="load")
        assert response is not None and response.status == 200, f"{target}: {response.status if response else 'no answer'}"
        refs = page.evaluate(COLLECT_JS)
        page.close()
        for ref in refs:
            if ref.startswith("ld+json:"):
                for found in json_urls(json.loads(ref[len("ld+json:") :]), published.base_url):
                    queue.append((published.to_local(found), f"JSON-LD of {target}"))
                continue
            if ref.startswith(published.base_url):  # canonical, og:url, og:image
                queue.append((published.to_local(ref), target))
                continue
            url = urldefrag(urljoin(target, ref)).url
            if urlsplit(url).netloc != local_host:
                continue  # sources, share links, mailto: other sites' business
            if not urlsplit(url).path.startswith(published.root):
                outside_root.append(f"{target} links to {ref}")
                continue
            queue.append((url, target))
    assert not outside_root, outside_root[:10]
    assert not broken, broken[:10]
    assert not context.problems, context.problems[:10]
    assert len(pages) > published.least_pages, "the crawl should reach every page of the site"
    for part in ("feed.xml", "corrections/feed.xml", "sitemap.xml", "claimreview.json", "api/claims.json", "og/"):
        assert any(u.startswith(published.local + part) for u in checked), f"{part} was never reached"


def test_a_search_opens_a_fact_check(published: Published, context) -> None:
    page = context.new_page()
    page.goto(published.local)
    page.get_by_role("searchbox", name=published.searchbox).fill(published.query)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{published.local}search/?q=*")
    page.wait_for_selector(RESULT_LINK)
    urls = [a.get_attribute("href") for a in page.locator(RESULT_LINK).all()]
    assert urls and all(u.startswith(published.root + "claims/") for u in urls), urls
    with page.expect_navigation() as navigation:
        page.locator(RESULT_LINK).first.click()
    assert navigation.value is not None and navigation.value.status == 200
    assert page.url == published.local + urls[0][len(published.root) :]
    assert page.locator("article.claim-page h1").count() == 1
    assert not context.problems, context.problems


def test_the_404_page_finds_its_styles_at_any_depth(published: Published, context) -> None:
    page = context.new_page()
    response = page.goto(published.local + "claims/no-such-fact-check/or/deeper/")
    assert response is not None and response.status == 404
    styled = "[...document.styleSheets].some(s => (s.href || '').endsWith('/static/style.css') && s.cssRules.length > 0)"
    assert page.evaluate(styled), "the 404 page's stylesheet did not load"
    home = page.locator("main a").first.get_attribute("href")
    assert home == published.root
    assert not context.problems, context.problems
