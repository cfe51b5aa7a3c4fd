"""A site whose base_url has a path (https://org.github.io/cekfakta/): every link its pages carry starts
with that path, and every absolute URL it gives away (feeds and their entries, the sitemap, robots.txt,
canonical and og: URLs, JSON-LD, open data) starts with the whole base URL."""

from __future__ import annotations

import html.parser
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site
from generator.plan.markdown import render_markdown
from generator.plan.urls import link, site_root
from tests.conftest import CLAIM_YAML, PAGE_MD

BASE = "https://org.github.io/cekfakta/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

CORRECTED_CLAIM = (
    CLAIM_YAML
    + """\
corrections:
  - date: 2021-04-20
    note: Tanggal panggilan diperbaiki [@readout]; lihat [metodologi](/tentang/).
"""
)
FILES = {
    "content/claims/biden-telepon.yaml": CORRECTED_CLAIM,
    "content/pages/tentang.md": PAGE_MD
    + "\nLihat [klaim ini](/claims/biden-telepon/) dan [sumber luar](https://example.com/x).\n",
}


@pytest.mark.parametrize(
    ("base_url", "root"),
    [
        ("https://cekfakta.example.org/", "/"),
        ("https://cekfakta.example.org", "/"),
        ("https://org.github.io/cekfakta/", "/cekfakta/"),
        ("https://org.github.io/cekfakta", "/cekfakta/"),
        ("https://example.org/a/b/", "/a/b/"),
    ],
)
def test_site_root_is_the_path_of_the_base_url(base_url: str, root: str) -> None:
    assert site_root(base_url) == root


def test_link_puts_site_addresses_under_the_root_and_leaves_the_rest() -> None:
    assert link("/cekfakta/", "/claims/x/") == "/cekfakta/claims/x/"
    assert link("/cekfakta/", "/") == "/cekfakta/"
    assert link("/", "/claims/x/") == "/claims/x/"
    for other in ("https://example.org/", "//example.org/", "#sources", "mailto:x@example.org"):
        assert link("/cekfakta/", other) == other


def test_markdown_links_from_the_site_root_move_under_it() -> None:
    text = "[a](/metodologi/) [b](https://example.org/) [c](#x) [d](//example.org/) [e](relative/)"
    html = render_markdown(text, root="/cekfakta/")
    assert 'href="/cekfakta/metodologi/"' in html
    for kept in ('href="https://example.org/"', 'href="#x"', 'href="relative/"'):
        assert kept in html
    assert "/cekfakta//" not in html and 'href="/cekfakta/example.org' not in html
    assert render_markdown(text) == render_markdown(text, root="/")  # a root site: the HTML as it always was


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.links.append(value)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The small project built for a root and for a sub-path base URL."""
    from tests.conftest import BASE_FILES

    sites = {}
    for name, base in (("root", "https://cekfakta.example.org/"), ("path", BASE)):
        project = tmp_path_factory.mktemp(name) / "project"
        for rel, text in {**BASE_FILES, **FILES}.items():
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            (project / rel).write_text(text, encoding="utf-8")
        out = project / "site"
        options = BuildOptions(output=out, clock=datetime(2026, 1, 1, tzinfo=UTC), base_url=base)
        result = build_site(Project.at(project), options)
        assert result.ok, [d.format_text() for d in result.diagnostics]
        sites[name] = out
    return sites


def test_every_link_in_every_page_starts_with_the_site_path(built: dict[str, Path]) -> None:
    for name, root in (("root", "/"), ("path", "/cekfakta/")):
        for page in sorted(built[name].rglob("*.html")):
            parser = _Links()
            parser.feed(page.read_text(encoding="utf-8"))
            local = [u for u in parser.links if u.startswith("/") and not u.startswith("//")]
            assert local, page
            wrong = [u for u in local if not u.startswith(root)]
            assert not wrong, f"{page.relative_to(built[name])}: {wrong}"


def test_pages_search_and_markdown_links_under_the_path(built: dict[str, Path]) -> None:
    site = built["path"]
    home = (site / "index.html").read_text(encoding="utf-8")
    for expected in (
        'href="/cekfakta/static/style.css"',
        'href="/cekfakta/feed.xml"',
        'action="/cekfakta/search/"',
        'href="/cekfakta/claims/biden-telepon/"',
        'href="/cekfakta/tentang/"',
    ):
        assert expected in home
    search = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert 'src="/cekfakta/pagefind/pagefind-ui.js"' in search and 'src="/cekfakta/static/search.js"' in search
    about = (site / "tentang" / "index.html").read_text(encoding="utf-8")
    assert 'href="/cekfakta/claims/biden-telepon/"' in about and 'href="https://example.com/x"' in about
    corrections = (site / "corrections" / "index.html").read_text(encoding="utf-8")
    assert 'href="/cekfakta/claims/biden-telepon/#source-readout"' in corrections
    assert 'href="/cekfakta/tentang/"' in corrections
    data = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert 'href="/cekfakta/api/claims.json"' in data and "<code>/cekfakta/api/claims/ID.json</code>" in data


def test_canonical_og_and_json_ld_urls_carry_the_path(built: dict[str, Path]) -> None:
    page = (built["path"] / "claims" / "biden-telepon" / "index.html").read_text(encoding="utf-8")
    url = BASE + "claims/biden-telepon/"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert f'<meta property="og:image" content="{BASE}og/biden-telepon.png">' in page
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found is not None and json.loads(found.group(1))["url"] == url


def test_feeds_and_their_entries_carry_the_path(built: dict[str, Path]) -> None:
    feed = ET.parse(built["path"] / "feed.xml").getroot()
    links = {el.get("rel"): el.get("href") for el in feed.findall(f"{ATOM}link")}
    assert links == {"self": BASE + "feed.xml", "alternate": BASE}
    assert feed.findtext(f"{ATOM}id") == BASE + "feed.xml"
    entry = feed.find(f"{ATOM}entry")
    assert entry is not None and entry.findtext(f"{ATOM}id") == BASE + "claims/biden-telepon/"
    assert entry.find(f"{ATOM}link").get("href") == BASE + "claims/biden-telepon/"  # type: ignore[union-attr]

    corrections = ET.parse(built["path"] / "corrections" / "feed.xml").getroot()
    links = {el.get("rel"): el.get("href") for el in corrections.findall(f"{ATOM}link")}
    assert links == {"self": BASE + "corrections/feed.xml", "alternate": BASE + "corrections/"}
    entry = corrections.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.find(f"{ATOM}link").get("href") == BASE + "claims/biden-telepon/#corrections"  # type: ignore[union-attr]
    note = entry.findtext(f"{ATOM}content") or ""
    assert f'href="{BASE}claims/biden-telepon/#source-readout"' in note  # citations are absolute in a feed
    assert 'href="/cekfakta/tentang/"' in note


def test_sitemap_robots_and_open_data_carry_the_path(built: dict[str, Path]) -> None:
    site = built["path"]
    locs = [el.text or "" for el in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert locs and all(loc.startswith(BASE) for loc in locs)
    assert BASE + "claims/biden-telepon/" in locs and BASE in locs
    assert f"Sitemap: {BASE}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")

    data = json.loads((site / "api" / "claims.json").read_text(encoding="utf-8"))
    assert data["$schema"] == BASE + "api/claims.schema.json"
    assert data["site"]["url"] == BASE
    record = data["claims"][0]
    assert record["url"] == BASE + "claims/biden-telepon/"
    own = [v for v in json.dumps(record).split('"') if "org.github.io" in v]
    assert own and all(v.startswith(BASE) for v in own), own
    feed = json.loads((site / "claimreview.json").read_text(encoding="utf-8"))
    assert feed["url"] == BASE + "claimreview.json"
    assert feed["dataFeedElement"][0]["item"][0]["url"] == BASE + "claims/biden-telepon/"


def test_a_root_site_links_from_the_domain_root(built: dict[str, Path]) -> None:
    home = (built["root"] / "index.html").read_text(encoding="utf-8")
    assert 'href="/static/style.css"' in home and 'href="/claims/biden-telepon/"' in home
    assert "cekfakta/" not in home.replace("cekfakta.example.org/", "")
