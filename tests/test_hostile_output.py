"""The hostile corpus (tests/hostile) built into a site, and every output file read back with parsers.

What counts as safe HTML here (the allow-list):
* elements: only those the theme's templates or the Markdown sanitiser produce; never iframe, object,
  embed, base, frame, applet, svg, math, nor <meta http-equiv="refresh">;
* <script>: only `type="application/ld+json"` blocks (whose text must parse as JSON and hold no `<`)
  and scripts with a site-relative `src` under /static/ or /pagefind/ and no inline text;
* no attribute named on*; no `style` attribute (or <style> element) with url(, expression( or @import;
* URL attributes (href, src, action, formaction, srcset, poster, data, xlink:href, ...): http, https,
  mailto (share links) or a relative URL (path, ?query, #fragment); the one exception is the theme's
  empty `<link rel="icon" href="data:,">`, which stops browsers asking for /favicon.ico. Attributes that
  make the browser fetch something (src, srcset, poster, data, <link href>) must stay on this site.
Text must come out verbatim: a payload in a title is the exact text of <h1>, the exact value of
<meta name="description">, the exact JSON string in JSON-LD and the exact text of the Atom <title>.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.content.loading import load_content
from generator.content.models import Article, Claim, Person, Site
from generator.content.records import read_record
from generator.core.project import Project
from generator.core.resources import builtin_theme
from generator.engine.build import BuildOptions, build_site
from generator.plan.markdown import ALLOWED_TAGS, INVISIBLE_RE
from tests import hostile
from tests.hostile import BAD_SCHEME_URLS, PAYLOADS, claim_id, claim_record, dump, short

BUILTIN_TEMPLATES = builtin_theme()

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"

URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "srcset",
        "imagesrcset",
        "poster",
        "data",
        "xlink:href",
        "background",
        "cite",
        "longdesc",
        "lowsrc",
        "dynsrc",
        "ping",
        "manifest",
        "codebase",
        "classid",
        "archive",
        "icon",
        "usemap",
    }
)
FETCHING_ATTRIBUTES = frozenset({"src", "srcset", "imagesrcset", "poster", "data", "background", "lowsrc", "dynsrc", "manifest"})
FORBIDDEN_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math", "portal"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
SCRIPT_PREFIXES = ("/static/", "/pagefind/")
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
DANGEROUS_CSS = re.compile(r"url\s*\(|expression\s*\(|@import|javascript:", re.I)


def template_tags() -> frozenset[str]:
    """Every element name the theme writes, plus what the Markdown sanitiser lets through."""
    names: set[str] = set(ALLOWED_TAGS)
    for path in BUILTIN_TEMPLATES.rglob("*"):
        if path.suffix in (".html", ".xml") and path.is_file():
            names.update(m.lower() for m in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", path.read_text(encoding="utf-8")))
    # {{ level }}-numbered headings in the card macro
    names.update(f"h{n}" for n in range(1, 7))
    return frozenset(names)


def url_problem(value: str) -> str | None:
    """Why a URL attribute value is unsafe, or None. Browsers drop tabs and newlines and trim controls."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
    )
    match = SCHEME_RE.match(cleaned)
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return f"scheme '{match.group(1)}'"
    return None


class PageScan(HTMLParser):
    """Collects everything the rules look at while parsing one HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.scripts: list[dict] = []  # {attrs, text}
        self.texts: dict[str, list[str]] = {}  # element name -> its texts (h1, title)
        self.meta: dict[str, str] = {}
        self.links: list[tuple[str, str]] = []  # (tag, href)
        self._capture: list[list] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        if tag not in ("meta", "link", "br", "hr", "input", "img", "source", "wbr", "col", "area", "base", "embed"):
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = {name: (value or "") for name, value in attrs}
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            if name == "style" and DANGEROUS_CSS.search(value):
                self.problems.append(f"<{tag} style={value!r}>")
            if name in URL_ATTRIBUTES:
                candidates = [part.strip().split(" ")[0] for part in value.split(",")] if "srcset" in name else [value]
                for url in candidates:
                    problem = url_problem(url)
                    if problem and not (tag == "link" and values.get("rel") == "icon" and value == "data:,"):
                        self.problems.append(f"<{tag} {name}={value!r}>: {problem}")
                    fetches = name in FETCHING_ATTRIBUTES or (
                        tag == "link" and name == "href" and values.get("rel") != "alternate" and values.get("rel") != "canonical"
                    )
                    if fetches and not problem and re.match(r"^\s*([a-z]+:|//)", url, re.I) and value != "data:,":
                        self.problems.append(f"<{tag} {name}={value!r}> loads from another site")
        if tag == "meta":
            key = values.get("name") or values.get("property")
            if key:
                self.meta[key] = values.get("content", "")
        if tag == "a" and "href" in values:
            self.links.append((tag, values["href"]))
        if tag == "script":
            self.scripts.append({"attrs": values, "text": ""})
            self._capture.append(["script", self.scripts[-1]])
        if tag in ("h1", "title"):
            self.texts.setdefault(tag, []).append("")
            self._capture.append([tag, None])

    def handle_endtag(self, tag: str) -> None:
        if self._capture and self._capture[-1][0] == tag:
            self._capture.pop()
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for kind, target in self._capture:
            if kind == "script":
                target["text"] += data
            else:
                self.texts[kind][-1] += data

    def handle_comment(self, data: str) -> None:
        self.problems.append(f"HTML comment <!--{data[:40]}-->")  # content never becomes a comment

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"processing instruction <?{data[:40]}>")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"declaration <!{data[:40]}>")


def scan_html(text: str, allowed_tags: frozenset[str]) -> PageScan:
    scan = PageScan()
    scan.feed(text)
    scan.close()
    for tag in sorted(set(scan.tags) - allowed_tags):
        scan.problems.append(f"<{tag}> is not an element the theme or the sanitiser produces")
    for script in scan.scripts:
        kind = script["attrs"].get("type", "")
        src = script["attrs"].get("src")
        if kind == "application/ld+json" and src is None:
            body = script["text"]
            if "<" in body:
                scan.problems.append("a '<' inside a JSON-LD block")
            try:
                json.loads(body)
            except ValueError as exc:
                scan.problems.append(f"JSON-LD block does not parse: {exc}")
        elif src is not None and src.startswith(SCRIPT_PREFIXES) and not script["text"].strip():
            pass
        else:
            scan.problems.append(f"script element {script['attrs']} with text {script['text'][:60]!r}")
    for name in ("html", "head", "body", "main", "title", "h1"):
        count = scan.tags.count(name)
        if count != 1 and not (name == "h1" and count == 0):
            scan.problems.append(f"{count} <{name}> elements")
    return scan


# ------------------------------------------------------------------ the hostile build


def output_files(site: Path, suffix: str) -> list[Path]:
    return sorted(p for p in site.rglob(f"*{suffix}") if p.is_file())


def test_corpus_is_broad() -> None:
    assert len(PAYLOADS) >= 40
    assert len({p.text for p in PAYLOADS}) == len(PAYLOADS)
    assert set(hostile.families()) >= {
        "script",
        "attribute",
        "json-ld",
        "event-handler",
        "url",
        "svg",
        "mathml",
        "embed",
        "css",
        "encoding",
        "unicode",
    }
    # every payload in every claim field, and in the bodies of every page
    assert all(len({claim_record(i)[f] for f in ("title", "claim", "summary")}) == 1 for i in range(len(PAYLOADS)))


WRAP = "<!DOCTYPE html><html><head><title>t</title></head><body><main><h1>x</h1>{}</main></body></html>"


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script type="application/ld+json">{"a":1}</script><script>x</script>',
        '<script type="application/ld+json">{"a":"</b>"}</script>',
        '<script type="application/ld+json">{"a":</script>',
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" java\tscript:alert(1)">x</a>',
        '<a href="JAVASCRIPT:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<a href="vbscript:x">x</a>',
        "<iframe></iframe>",
        "<svg></svg>",
        "<math></math>",
        '<base href="https://e.example/">',
        "<object></object>",
        '<meta http-equiv="refresh" content="0">',
        '<p style="background:url(x)">x</p>',
        '<p style="width:expression(1)">x</p>',
        '<form action="javascript:x"></form>',
        '<img srcset="javascript:x 1x">',
        '<script src="https://e.example/x.js"></script>',
        '<link rel="stylesheet" href="https://e.example/x.css">',
        "<blink>x</blink>",
        "<!-- x -->",
        "</title><title>2",
    ],
)
def test_the_scanner_catches_each_kind_of_injection(snippet: str) -> None:
    assert scan_html(WRAP.format(snippet), template_tags()).problems


def test_the_scanner_accepts_the_theme_markup() -> None:
    ok = (
        '<link rel="icon" href="data:,"><a href="/x/">a</a><a href="#s">b</a><a href="mailto:a@b.example">c</a>'
        '<a href="https://x.example/?q=%3C">d</a><script type="application/ld+json">{"a":"\\u003c"}</script>'
        '<script src="/pagefind/pagefind-ui.js"></script><th style="text-align: left">x</th>'
    )
    assert scan_html(WRAP.format(ok), template_tags()).problems == []


def test_every_html_page_is_free_of_injected_markup(hostile_site: Path) -> None:
    allowed = template_tags()
    pages = output_files(hostile_site, ".html")
    assert len(pages) > len(PAYLOADS)
    report = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        scan = scan_html(text, allowed)
        report += [f"{page.relative_to(hostile_site)}: {p}" for p in scan.problems]
        if INVISIBLE_RE.search(text):
            report.append(f"{page.relative_to(hostile_site)}: a control character XML forbids")
    assert not report, "\n".join(report[:60])


def test_payload_text_comes_out_verbatim_on_claim_pages(hostile_site: Path) -> None:
    allowed = template_tags()
    site_title = hostile.site_record()["title"]
    for i, payload in enumerate(PAYLOADS):
        record = claim_record(i)
        scan = scan_html((hostile_site / "claims" / claim_id(i) / "index.html").read_text(encoding="utf-8"), allowed)
        assert scan.texts["h1"] == [payload.text], payload.name
        assert scan.texts["title"] == [f"{payload.text} – {site_title}"], payload.name
        assert scan.meta["description"] == record["summary"], payload.name
        assert scan.meta["og:title"] == f"{payload.text} – {site_title}", payload.name
        hrefs = {href for _, href in scan.links}
        assert record["sources"][0]["url"] in hrefs and record["appearances"][0]["url"] in hrefs, payload.name
        blocks = [json.loads(s["text"]) for s in scan.scripts if s["attrs"].get("type") == "application/ld+json"]
        review = next(b for b in blocks if b.get("@type") == "ClaimReview")
        assert review["claimReviewed"] == short(payload.text), payload.name
        person = hostile.person_record(i % hostile.GROUPS)
        assert review["itemReviewed"]["author"]["name"] == person["name"]
        assert review["publisher"]["name"] == hostile.site_record()["publisher"]["name"]
        appearance_urls = [a.get("url") for a in review["itemReviewed"]["appearance"]]
        assert record["appearances"][0]["url"] in appearance_urls


def test_markdown_links_keep_only_safe_urls(hostile_site: Path) -> None:
    """Every href in analysis and page bodies is http(s), mailto, relative or a fragment; none names javascript."""
    pages = [*output_files(hostile_site / "claims", ".html"), *output_files(hostile_site / "halaman-1", ".html")]
    assert len(pages) == len(PAYLOADS) + 1
    for page in pages:
        scan = scan_html(page.read_text(encoding="utf-8"), template_tags())
        for _, href in scan.links:
            assert url_problem(href) is None, (page, href)
            assert not re.search(r"^\s*(java|vb)script|^\s*data:", html.unescape(href), re.I), (page, href)


def test_feeds_and_sitemap_parse_and_hold_payloads_as_text(hostile_site: Path) -> None:
    xml_files = output_files(hostile_site, ".xml")
    assert {p.name for p in xml_files} >= {"feed.xml", "sitemap.xml"}
    for path in xml_files:
        ET.parse(path)  # well-formed, or this raises
        assert b"<!DOCTYPE" not in path.read_bytes() and b"<!ENTITY" not in path.read_bytes()
    feed = ET.parse(hostile_site / "feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles and set(titles) <= {p.text for p in PAYLOADS}
    assert feed.findtext(f"{ATOM}title") == hostile.site_record()["title"]
    corrections = ET.parse(hostile_site / "corrections" / "feed.xml").getroot()
    allowed = template_tags()
    for content in corrections.iter(f"{ATOM}content"):
        # feed readers render this HTML: it obeys the same rules as the pages
        scan = PageScan()
        scan.feed(content.text or "")
        scan.close()
        assert not scan.problems and set(scan.tags) <= allowed, (scan.problems, set(scan.tags) - allowed)
    sitemap = ET.parse(hostile_site / "sitemap.xml").getroot()
    for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        assert loc.text and loc.text.startswith("https://cekfakta.example.org/")


def test_data_files_parse(hostile_site: Path) -> None:
    """JSON exports parse; CSV cells never start a spreadsheet formula; text files are UTF-8."""
    for path in output_files(hostile_site, ".json"):
        json.loads(path.read_text(encoding="utf-8"))
    for path in output_files(hostile_site, ".csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (path.name, cell[:60])
    for path in output_files(hostile_site, ".txt"):
        text = path.read_text(encoding="utf-8")
        assert not any(p.text in text for p in PAYLOADS if len(p.text) > 8), path.name


def test_no_markup_file_holds_a_raw_script_tag(hostile_site: Path) -> None:
    """A cheap net under the parser: in HTML and XML, payload script tags only ever appear escaped.

    (JSON and CSV exports hold the payloads raw, as data: that is correct for them.)"""
    for path in sorted(p for p in hostile_site.rglob("*") if p.is_file() and p.suffix in (".html", ".xml")):
        lowered = path.read_text(encoding="utf-8").lower()
        for needle in ("<script>", "<script src", "<img", "<iframe", "<svg", "<math", "</script><"):
            assert needle not in lowered, (path.relative_to(hostile_site), needle)


# ------------------------------------------------------------------ URL fields refuse other schemes

URL_FIELDS = {
    "content/site.yaml": (Site, [("base_url",), ("publisher", "url"), ("publisher", "logo"), ("data_license", "url")]),
    "content/people/joe-biden.yaml": (Person, [("url",), ("same_as", 0)]),
    "content/articles/medcom-berita.yaml": (Article, [("url",), ("archive_url",)]),
    "content/claims/biden-telepon.yaml": (
        Claim,
        [("appearances", 0, "url"), ("appearances", 0, "archive_url"), ("sources", 0, "url"), ("sources", 0, "archive_url")],
    ),
}


def _set(data: dict, key_path: tuple, value: str) -> None:
    for part in key_path[:-1]:
        data = data[part]
    if isinstance(data, list) and key_path[-1] >= len(data):
        data.append(value)
    else:
        data[key_path[-1]] = value


@pytest.mark.parametrize("bad_url", BAD_SCHEME_URLS)
def test_url_fields_refuse_non_http_urls(make_project, bad_url: str) -> None:
    import yaml

    from tests.conftest import BASE_FILES

    files = {}
    for path, (_, fields) in URL_FIELDS.items():
        data = yaml.safe_load(BASE_FILES[path])
        data.setdefault("appearances", [{"url": "https://ok.example/"}]) if path.endswith("biden-telepon.yaml") else None
        data.setdefault("same_as", []) if "people" in path else None
        for key_path in fields:
            _set(data, key_path, bad_url)
        files[path] = dump(data)
    root = make_project(files)
    content, diagnostics = load_content(Project.at(root), CLOCK)
    assert content is None
    for path, (model, fields) in URL_FIELDS.items():
        _, doc, _ = read_record(files[path].encode(), path, model)
        expected = sorted({doc.positions.value_at(key_path)[0] for key_path in fields})
        got = sorted({d.line for d in diagnostics if d.path == path and d.code == "bad-url"})
        assert got == expected, (path, [d.format_text() for d in diagnostics if d.path == path])


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x1f", "\ufffe", "\uffff"])
def test_text_fields_refuse_control_characters(make_project, tmp_path: Path, character: str) -> None:
    """A YAML escape such as "\\x01" in a title would make the feeds unreadable XML: it is refused instead."""
    escaped = json.dumps(f"Judul{character}x")  # a YAML double-quoted scalar holding the escape
    root = make_project({"content/people/tim.yaml": f"name: {escaped}\nkind: organization\n"})
    result = build_site(Project.at(root), BuildOptions(output=tmp_path / "site", clock=CLOCK))
    assert not result.ok and not (tmp_path / "site").exists()
    assert [(d.path, d.line, d.code) for d in result.diagnostics if d.path == "content/people/tim.yaml"] == [
        ("content/people/tim.yaml", 1, "control-character")
    ]


def test_huge_titles_build_in_bounded_time(make_project, tmp_path: Path) -> None:
    """A 200 kB site title or verdict label must not make a build crawl (share images once fitted them
    one character at a time, which took a minute for 6 kB and would take hours for this)."""
    import yaml

    from tests.conftest import SITE_YAML

    site = yaml.safe_load(SITE_YAML)
    site["title"] = "Judul panjang " * 15_000
    site["scale"][2]["label"] = "Salah besar " * 15_000
    root = make_project({"content/site.yaml": dump(site)})
    result = build_site(Project.at(root), BuildOptions(output=tmp_path / "site", clock=CLOCK))
    assert result.ok, [d.format_text() for d in result.diagnostics]
    assert result.seconds < 30


@pytest.mark.parametrize(
    "base_url", ['https://x.example/"><script>alert(1)</script>', "javascript:alert(1)", "https://x.example/ onload=alert(1)"]
)
def test_base_url_option_refuses_markup(make_project, tmp_path: Path, base_url: str) -> None:
    result = build_site(Project.at(make_project()), BuildOptions(output=tmp_path / "site", clock=CLOCK, base_url=base_url))
    assert not result.ok and [d.code for d in result.diagnostics] == ["base-url"]
    assert not (tmp_path / "site").exists()
