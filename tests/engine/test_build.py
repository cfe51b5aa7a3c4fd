"""build_site end to end: golden output, byte-identical rebuilds, drafts, escaping, atomic output, overrides."""

from __future__ import annotations

import filecmp
import html.parser
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.core.project import Project
from generator.core.resources import builtin_theme
from generator.engine.build import BuildOptions, build_site

BUILTIN_TEMPLATES = builtin_theme()

GOLDEN = Path(__file__).parents[1] / "golden"
CLOCK = datetime(2026, 1, 1, tzinfo=UTC)

SECOND_CLAIM = """\
title: Apakah AS mengusir sepuluh diplomat Rusia?
claim: AS mengusir 10 diplomat Rusia.
claim_short: AS mengusir sepuluh diplomat Rusia
claimant: joe-biden
article: medcom-berita
article_position: 2
appearances:
  - url: https://social.example.com/post/1
    archive_url: https://web.archive.org/web/2021/https://social.example.com/post/1
    note: Unggahan media sosial, 16 April 2021
claim_date: 2021-04-15
verdict: benar
summary: Gedung Putih mengumumkan pengusiran sepuluh diplomat.
analysis: |
  # Pengumuman

  Lembar fakta menyebut sepuluh diplomat [@factsheet].
sources:
  - id: factsheet
    title: Fact sheet
    url: https://www.whitehouse.gov/fact-sheet
    publisher: The White House
    published: 2021-04-15
    archive_url: https://web.archive.org/web/2021/https://www.whitehouse.gov/fact-sheet
tags: [sanksi, diplomasi]
authors: [tim]
published: 2021-04-20
updated: 2021-04-22T10:00:00+07:00
corrections:
  - date: 2021-04-22
    note: Kami memperbaiki jumlah diplomat [@factsheet].
    previous_verdict: sebagian-benar
"""

DRAFT_CLAIM = """\
title: Zzdraftmarker judul rahasia
claim: Zzdraftmarker klaim.
claim_short: Zzdraftmarker klaim singkat
claimant: joe-biden
claim_date: 2021-04-15
verdict: salah
summary: Zzdraftmarker ringkasan.
analysis: Zzdraftmarker analisis [@s].
sources:
  - id: s
    title: Zzdraftmarker sumber
    url: https://example.org/zzdraftmarker
tags: [zzdrafttag]
authors: [tim]
published: 2021-04-20
draft: true
"""

SCHEDULED_CLAIM = (
    DRAFT_CLAIM.replace("Zzdraftmarker", "Zzfuturemarker")
    .replace("zzdraftmarker", "zzfuturemarker")
    .replace("zzdrafttag", "zzfuturetag")
    .replace("draft: true", "draft: false")
    .replace("published: 2021-04-20", "published: 2030-01-01")
)

GOLDEN_FILES = {
    "content/claims/as-usir-diplomat.yaml": SECOND_CLAIM,
    "content/claims/rahasia.yaml": DRAFT_CLAIM,
    "content/claims/nanti.yaml": SCHEDULED_CLAIM,
    "content/articles/medcom-berita.yaml": """\
        title: Biden telepon Putin
        publisher: medcom
        url: https://www.medcom.id/berita/biden-putin
        archive_url: https://web.archive.org/web/2021/https://www.medcom.id/berita/biden-putin
        published: 2021-04-16
        """,
    "content/pages/metodologi.md": "---\ntitle: Metodologi\nmenu: 2\nrole: methodology\n---\nKami memilih klaim yang **banyak beredar**.\n",
}


def build(project_root: Path, output: Path, **options) -> object:
    options.setdefault("clock", CLOCK)
    result = build_site(Project.at(project_root), BuildOptions(output=output, **options))
    assert result.ok, [d.format_text() for d in result.diagnostics]
    return result


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def golden_project(make_project) -> Path:
    return make_project(GOLDEN_FILES)


# ------------------------------------------------------------------ golden


def test_golden_output(golden_project: Path, tmp_path: Path, update_golden: bool) -> None:
    out = tmp_path / "site"
    build(golden_project, out)
    got = tree(out)
    got.pop("static/style.css")  # the theme's CSS is compared with its source instead
    # Pagefind's bundle and the share PNGs are other programs' bytes (Pagefind, Pillow/FreeType/zlib versions):
    # tests/outputs/test_search.py and tests/render/test_ogimage.py check them; every other generated file is golden.
    # The theme's static files are compared with their sources below, like the CSS.
    got = {rel: data for rel, data in got.items() if not rel.startswith(("pagefind/", "og/", "static/"))}
    if update_golden:
        import shutil

        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in got.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
        pytest.skip("golden output rewritten; read `git diff tests/golden` like code")
    expected = tree(GOLDEN)
    assert sorted(got) == sorted(expected), "pages added or removed; rerun with --update-golden and read the diff"
    for rel in expected:
        assert got[rel].decode() == expected[rel].decode(), f"{rel} differs; rerun with --update-golden and read the diff"
    assert (out / "static/style.css").read_bytes() == (BUILTIN_TEMPLATES / "static/style.css").read_bytes()
    for source in (BUILTIN_TEMPLATES / "static").iterdir():
        assert (out / "static" / source.name).read_bytes() == source.read_bytes(), source.name


# ------------------------------------------------------------------ determinism and output


def test_two_builds_are_byte_identical(golden_project: Path, tmp_path: Path) -> None:
    from generator.outputs import search

    search._last.clear()
    build(golden_project, tmp_path / "a")
    search._last.clear()  # a second process would run Pagefind again
    build(golden_project, tmp_path / "b")
    cmp = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    # pagefind/ included: generator/searchorder.py puts Pagefind's hash-map order right.
    assert any(p.startswith("pagefind/filter/") for p in tree(tmp_path / "a"))
    assert tree(tmp_path / "a") == tree(tmp_path / "b"), cmp.report()


def test_rebuild_counts_and_removes_stale_files(golden_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(golden_project, out)
    assert first.written == len(tree(out)) and first.unchanged == 0 and first.removed == 0
    (out / "stale.html").write_text("old")
    (out / "claims" / "gone").mkdir()
    (out / "claims" / "gone" / "index.html").write_text("old")
    second = build(golden_project, out, cache=False)  # without the cache's record, the old folder is counted
    assert (second.written, second.removed) == (0, 2)
    assert second.unchanged == first.written
    assert not (out / "stale.html").exists() and not (out / "claims" / "gone").exists()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".site.")], "staging folders left behind"
    build(golden_project, out)
    (out / "stale.html").write_text("old")
    fourth = build(golden_project, out)  # with the record, "removed" counts files the last build made: none here
    assert (fourth.written, fourth.removed) == (0, 0) and not (out / "stale.html").exists()


def test_invalid_content_writes_nothing_and_keeps_previous_site(golden_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(golden_project, out)
    before = tree(out)
    claim = golden_project / "content/claims/biden-telepon.yaml"
    claim.write_text(claim.read_text().replace("verdict: salah", "verdict: salahh"))
    result = build_site(Project.at(golden_project), BuildOptions(output=out, clock=CLOCK))
    assert not result.ok and result.output is None
    assert any(d.severity.value == "error" for d in result.diagnostics)
    assert tree(out) == before
    fresh = tmp_path / "fresh"
    assert not build_site(Project.at(golden_project), BuildOptions(output=fresh, clock=CLOCK)).ok
    assert not fresh.exists()


def test_template_error_is_a_diagnostic_and_keeps_previous_site(golden_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(golden_project, out)
    before = tree(out)
    (golden_project / "templates").mkdir()
    (golden_project / "templates/claim.html").write_text(
        '{% extends "builtin:claim.html" %}\n{% block claim_header %}\n{{ claim.no_such_field }}\n{% endblock %}\n'
    )
    result = build_site(Project.at(golden_project), BuildOptions(output=out, clock=CLOCK))
    assert not result.ok
    problems = [(d.path, d.line, d.code) for d in result.diagnostics if d.code == "template-error"]
    assert problems and problems[0] == ("templates/claim.html", 3, "template-error")
    assert tree(out) == before


def test_strict_fails_on_warnings(golden_project: Path, tmp_path: Path) -> None:
    (golden_project / "content/stray.txt").write_text("x")
    out = tmp_path / "site"
    assert build(golden_project, out).ok
    result = build_site(Project.at(golden_project), BuildOptions(output=tmp_path / "strict", clock=CLOCK, strict=True))
    assert not result.ok and not (tmp_path / "strict").exists()


# ------------------------------------------------------------------ drafts


def test_drafts_and_scheduled_claims_appear_nowhere(golden_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(golden_project, out)
    for rel, data in tree(out).items():
        text = data.decode("utf-8", "replace").lower()  # share PNGs and the (compressed) search index are binary
        for marker in ("zzdraftmarker", "zzfuturemarker", "zzdrafttag", "zzfuturetag", "rahasia", "nanti"):
            assert marker not in text and marker not in rel, f"{marker} leaked into {rel}"


def test_drafts_option_shows_drafts_marked_and_unindexed(golden_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(golden_project, out, drafts=True)
    page = (out / "claims/rahasia/index.html").read_text()
    assert "DRAF" in page and '<meta name="robots" content="noindex">' in page
    assert (out / "claims/nanti/index.html").is_file()
    assert "claims/rahasia" not in (out / "sitemap.xml").read_text()
    assert "Disallow: /" in (out / "robots.txt").read_text()
    assert "/claims/rahasia/" in (out / "index.html").read_text()


# ------------------------------------------------------------------ escaping

HOSTILE = "</script><script>alert(1)</script>\"'&<b>x</b>\u2028{{ 7*7 }}"


def _hostile_files() -> dict[str, str]:
    h = json.dumps(HOSTILE)  # a YAML double-quoted scalar
    short = json.dumps("</script><b>\"'&")
    md = json.dumps("<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> [@readout] " + HOSTILE)
    return {
        "content/site.yaml": f"""\
            title: {h}
            description: {h}
            base_url: https://cekfakta.example.org/
            language: id
            publisher:
              name: {h}
              url: https://cekfakta.example.org/
            data_license:
              name: {h}
              url: https://creativecommons.org/licenses/by/4.0/
            scale:
              - id: salah
                label: {h}
                description: {h}
                rating: 1
                bucket: "false"
              - id: lain
                label: {h}
                description: {h}
                bucket: other
            tags:
              sanksi: {h}
            """,
        "content/people/joe-biden.yaml": f'name: {h}\nkind: person\ndescription: {h}\nsame_as: ["https://example.org/a?b=1&c=2"]\n',
        "content/people/tim.yaml": f"name: {h}\nkind: organization\n",
        "content/people/medcom.yaml": f"name: {h}\nkind: organization\n",
        "content/articles/medcom-berita.yaml": f"title: {h}\npublisher: medcom\npublished: 2021-04-16\nnote: {h}\n"
        'url: "https://example.org/x?a=1&b=<2>"\n',
        "content/claims/biden-telepon.yaml": f"""\
            title: {h}
            claim: {h}
            claim_short: {short}
            claimant: joe-biden
            article: medcom-berita
            appearances:
              - url: https://example.org/post
                note: {h}
            claim_date: 2021-04-16
            verdict: salah
            summary: {h}
            analysis: {md}
            sources:
              - id: readout
                title: {h}
                url: https://example.org/readout
                publisher: {h}
                note: {h}
            tags: [sanksi]
            authors: [tim]
            published: 2021-04-19T09:00:00+07:00
            corrections:
              - date: 2021-04-20
                note: {md}
            """,
        "content/pages/tentang.md": f"---\ntitle: {h}\ndescription: {h}\nmenu: 1\n---\n<script>alert(1)</script>\n\n{HOSTILE}\n",
    }


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_hostile_text_is_escaped_everywhere(make_project, tmp_path: Path) -> None:
    project = make_project(_hostile_files())
    out = tmp_path / "site"
    build(project, out)
    files = tree(out)
    assert "claims/biden-telepon/index.html" in files
    for rel, data in files.items():
        if rel.startswith(("og/", "pagefind/")) or rel.endswith((".json", ".csv")):
            continue  # pictures, the search bundle and data files hold the text exactly: tests/outputs/test_opendata.py
        text = data.decode("utf-8")
        assert "<script>alert" not in text and "<b>x</b>" not in text, rel
        if rel.endswith(".xml"):
            ET.fromstring(data)  # well-formed, so nothing broke out of an element or attribute
        if not rel.endswith(".html"):
            continue
        parser = _Tags()
        parser.feed(text)
        for tag, attrs in parser.tags:
            assert tag not in ("b", "img", "iframe"), (rel, tag)
            assert not any(name.startswith("on") for name in attrs), (rel, tag, attrs)
            if tag == "script":  # JSON-LD, or the theme's own files (progressive enhancement), never inline code
                assert attrs == {"type": "application/ld+json"} or (
                    set(attrs) == {"src", "defer"} and attrs["src"].startswith(("/static/", "/pagefind/"))
                ), rel
            href = attrs.get("href")
            if href is not None:
                assert href.startswith(("/", "#", "https://", "http://", "data:,", "mailto:?")), (rel, href)
        for script in parser.scripts:
            data_ld = json.loads(script)
            assert data_ld["itemReviewed"]["author"]["name"] == HOSTILE
            assert data_ld["reviewRating"]["alternateName"] == HOSTILE
            assert "<" not in script and "\u2028" not in script
    claim_page = files["claims/biden-telepon/index.html"].decode()
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#34;&#39;&amp;&lt;b&gt;x&lt;/b&gt;" in claim_page
    assert "{{ 7*7 }}" in claim_page  # content is never evaluated as a template
    assert 'href="https://example.org/x?a=1&amp;b=&lt;2&gt;"' in claim_page
    feed = ET.fromstring(files["feed.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.find("a:entry/a:title", ns).text == HOSTILE
    corrections = ET.fromstring(files["corrections/feed.xml"])
    assert "<script>" not in corrections.find("a:entry/a:content", ns).text


# ------------------------------------------------------------------ theme


def test_project_template_overrides_and_extends_builtin(golden_project: Path, tmp_path: Path) -> None:
    templates = golden_project / "templates"
    (templates / "static").mkdir(parents=True)
    (templates / "claim.html").write_text(
        '{% extends "builtin:claim.html" %}\n'
        '{% block claim_header %}<p class="house-kicker">Cek Fakta</p>\n{{ super() }}{% endblock %}\n'
    )
    (templates / "static/style.css").write_text("body { color: black; }\n")
    (templates / "static/logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    out = tmp_path / "site"
    build(golden_project, out)
    page = (out / "claims/biden-telepon/index.html").read_text()
    assert '<p class="house-kicker">Cek Fakta</p>' in page and "<h1>" in page
    assert (out / "static/style.css").read_text() == "body { color: black; }\n"
    assert (out / "static/logo.svg").is_file()
    assert "house-kicker" not in (out / "index.html").read_text()


def test_interface_language_follows_site_language(make_project, tmp_path: Path) -> None:
    from tests.conftest import SITE_YAML

    project = make_project({"content/site.yaml": SITE_YAML.replace("language: id", "language: en")})
    out = tmp_path / "site"
    build(project, out)
    page = (out / "claims/biden-telepon/index.html").read_text()
    assert "Our verdict" in page and "1 of 3" in page
    # Babel's own English patterns: the weekday form and the card form share one order (month first).
    assert "Friday, April 16, 2021" in page
    shown = [
        re.findall(r"<time [^>]*>([^<]*)</time>", (out / rel).read_text())
        for rel in ("index.html", "claims/biden-telepon/index.html")
    ]
    dates = [text for texts in shown for text in texts]
    assert dates and all(re.fullmatch(r"(\w+, )?[A-Z][a-z]+ \d{1,2}, \d{4}", text) for text in dates), dates
    assert '<html lang="en"' in page and '<meta property="og:locale" content="en_US">' in page


def test_indonesian_dates_and_words(golden_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(golden_project, out)
    page = (out / "claims/biden-telepon/index.html").read_text()
    assert "Penilaian kami" in page and 'Salah</span> <span class="verdict-scale">– 1 dari 3' in page
    assert "Jumat, 16 April 2021" in page


@pytest.mark.parametrize(
    "base_url",
    ["https://ex ample.org/", "https://example.org/\nDisallow: /", "ftp://example.org/", "https://example.org/?a=1", "https://"],
)
def test_bad_base_url_is_a_diagnostic(golden_project: Path, tmp_path: Path, base_url: str) -> None:
    result = build_site(Project.at(golden_project), BuildOptions(output=tmp_path / "site", clock=CLOCK, base_url=base_url))
    assert not result.ok and [d.code for d in result.diagnostics] == ["base-url"]
    assert not (tmp_path / "site").exists()


def test_cli_build_writes_the_site(golden_project: Path, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "out"
    result = run_cli(
        "build", "-o", str(out), "--clock", "2026-01-01T00:00:00Z", "--base-url", "https://m.example.net/", project=golden_project
    )
    assert result.exit_code == 0, result.output
    assert "https://m.example.net/claims/biden-telepon/" in (out / "claims/biden-telepon/index.html").read_text()


def test_a_site_without_claims_or_pages_builds(make_project, tmp_path: Path) -> None:
    project = make_project(
        {"content/claims/biden-telepon.yaml": None, "content/pages/tentang.md": None, "content/articles/medcom-berita.yaml": None}
    )
    out = tmp_path / "site"
    build(project, out)
    assert "Belum ada cek fakta yang diterbitkan." in (out / "index.html").read_text()
    # Nothing published dates the feeds, so they take the build's clock (--clock): never 1970.
    assert "<updated>2026-01-01T00:00:00Z</updated>" in (out / "feed.xml").read_text()
    assert "<updated>2026-01-01T00:00:00Z</updated>" in (out / "corrections/feed.xml").read_text()
    ET.fromstring((out / "sitemap.xml").read_bytes())


def test_a_labels_only_site_shows_labels_without_a_place_on_a_scale(make_project, tmp_path: Path) -> None:
    from tests.content.test_validate import LABELS_SITE

    project = make_project({"content/site.yaml": LABELS_SITE})
    out = tmp_path / "site"
    build(project, out)
    page = (out / "claims/biden-telepon/index.html").read_text()
    assert '<span class="verdict-label">[SALAH]</span></span>' in page  # the label, with no "of N" or "off the scale"
    review = next(item for item in (json.loads(block) for block in _json_ld_blocks(page)) if item.get("@type") == "ClaimReview")
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "[SALAH]"}
    scale = (out / "verdicts/index.html").read_text()
    assert "Setiap cek fakta diakhiri dengan salah satu label penilaian berikut." in scale and "di luar skala" not in scale


def _json_ld_blocks(page: str) -> list[str]:
    marker = '<script type="application/ld+json">'
    return [part.split("</script>", 1)[0] for part in page.split(marker)[1:]]
