"""Search: Pagefind indexes published claim pages only, with verdict, topic and claimant filters; its bundle is
part of the built files, identical between builds; a missing or failing indexer is a diagnostic and the
previous site stays."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site
from generator.outputs import search
from tests.engine.test_build import GOLDEN_FILES, tree

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
REPO_ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(search.find_pagefind() is None, reason="the pagefind package is not installed")


def build(root: Path, out: Path, **options):
    result = build_site(Project.at(root), BuildOptions(output=out, clock=CLOCK, **options))
    assert result.ok, [d.format_text() for d in result.diagnostics]
    return result


def fragments(site: Path) -> list[dict]:
    """Every indexed page as Pagefind stored it (gzip, a signature, then JSON)."""
    pages = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        pages.append(json.loads(data[len(b"pagefind_dcd") :]))
    return pages


@pytest.fixture
def golden_project(make_project) -> Path:
    return make_project(GOLDEN_FILES)


def test_only_published_claim_pages_are_indexed_with_filters(golden_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(golden_project, out)
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["id"]  # from <html lang>, i.e. the site's language
    pages = {p["url"]: p for p in fragments(out)}
    assert sorted(pages) == ["/claims/as-usir-diplomat/", "/claims/biden-telepon/"]
    phone = pages["/claims/biden-telepon/"]
    assert phone["filters"] == {"Penilaian": ["Salah"], "Topik": ["Sanksi"], "Pengklaim": ["Medcom"]}
    assert phone["meta"]["title"] == "Apakah Biden menelepon Putin setelah sanksi?"
    assert "Bagikan" not in phone["content"] and "wa.me" not in phone["content"]  # the share box is not indexed
    diplomats = pages["/claims/as-usir-diplomat/"]
    assert diplomats["filters"]["Topik"] == ["diplomasi", "Sanksi"]  # no label in site.yaml: the id
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "wasm.id.pagefind"):
        assert (out / "pagefind" / name).is_file(), name


def test_drafts_never_enter_the_index(golden_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(golden_project, out, drafts=True)
    draft_page = (out / "claims/rahasia/index.html").read_text()
    assert "data-pagefind-body" not in draft_page and "data-pagefind-filter" not in draft_page
    assert (out / "claims/nanti/index.html").is_file()
    urls = [p["url"] for p in fragments(out)]
    assert urls and not [u for u in urls if "rahasia" in u or "nanti" in u]
    for page in fragments(out):
        assert "zzdraftmarker" not in json.dumps(page).lower() and "zzfuturemarker" not in json.dumps(page).lower()


def test_search_page_and_header_box(golden_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(golden_project, out)
    page = (out / "search/index.html").read_text()
    assert '<script defer src="/pagefind/pagefind-ui.js"></script>' in page
    assert '<link rel="stylesheet" href="/pagefind/pagefind-ui.css">' in page
    assert '<div id="search"' in page and "<noscript>" in page
    for href in ("/tags/", "/verdicts/", "/people/"):  # without JavaScript: the lists
        assert f'href="{href}"' in page
    assert 'class="site-search"' not in page  # its own box only
    assert '<meta name="robots" content="noindex">' in page
    home = (out / "index.html").read_text()
    assert '<form class="site-search" action="/search/" method="get" role="search">' in home
    assert '<label for="site-search-q"' in home and 'name="q"' in home


def test_unchanged_pages_reuse_the_last_index(golden_project: Path, tmp_path: Path, monkeypatch) -> None:
    build(golden_project, tmp_path / "a")

    def refuse(*args, **kwargs):
        raise AssertionError("Pagefind ran again for unchanged pages")

    monkeypatch.setattr(search, "start_pagefind", refuse)
    second = build(golden_project, tmp_path / "a")
    assert second.written == 0


def test_a_theme_edit_finds_the_index_without_reading_the_pages_back(golden_project: Path, tmp_path: Path, monkeypatch) -> None:
    """The render workers note what Pagefind would read of each page; a footer edit changes every page
    but none of that, so the index is taken as it was, and the pages are not read again to find out."""
    build(golden_project, tmp_path / "a")
    template = golden_project / "templates" / "base.html"
    template.parent.mkdir(exist_ok=True)
    template.write_text('{% extends "builtin:base.html" %}\n{% block footer %}<p>Kaki baru</p>{% endblock %}\n', encoding="utf-8")

    def refuse(*args, **kwargs):
        raise AssertionError("the pages were read back or indexed again")

    monkeypatch.setattr(search, "start_pagefind", refuse)
    monkeypatch.setattr(search, "search_documents", refuse)
    second = build(golden_project, tmp_path / "a")
    assert second.written > 0 and "Kaki baru" in (tmp_path / "a/index.html").read_text(encoding="utf-8")
    assert (tmp_path / "a/pagefind/pagefind-entry.json").is_file()


def test_digests_noted_while_rendering_give_the_key_of_the_documents(golden_project: Path, tmp_path: Path) -> None:
    site = tmp_path / "a"
    build(golden_project, site)
    pages = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}
    documents = search.search_documents(pages)
    noted = {path: search.document_digest(path, page) for path, page in pages.items()}
    assert {p for p, d in noted.items() if d} == set(documents) and len(documents) == 2
    binary = search.find_pagefind()
    assert search.index_key_of({p: d for p, d in noted.items() if d}, binary) == search.index_key(documents, binary)


def test_a_site_without_published_claims_has_no_index(make_project, tmp_path: Path) -> None:
    from tests.engine.test_build import DRAFT_CLAIM

    project = make_project({"content/claims/biden-telepon.yaml": DRAFT_CLAIM})
    out = tmp_path / "site"
    build(project, out)
    assert not (out / "pagefind").exists()
    page = (out / "search/index.html").read_text()
    assert "<script" not in page and "Belum ada yang bisa dicari." in page


def test_missing_indexer_is_a_diagnostic_and_keeps_the_site(golden_project: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "site"
    build(golden_project, out)
    before = tree(out)
    (golden_project / "content/claims/biden-telepon.yaml").write_text(
        (golden_project / "content/claims/biden-telepon.yaml").read_text().replace("Panggilan terjadi", "Telepon terjadi")
    )
    monkeypatch.setattr(search, "find_pagefind", lambda: None)
    result = build_site(Project.at(golden_project), BuildOptions(output=out, clock=CLOCK))
    errors = [d for d in result.diagnostics if d.severity.value == "error"]
    assert not result.ok and [(d.path, d.code) for d in errors] == [("pagefind", "search-index")]
    assert "pip install" in errors[0].hint
    assert tree(out) == before


def test_failing_indexer_is_a_diagnostic_and_keeps_the_site(golden_project: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "site"
    build(golden_project, out)
    before = tree(out)
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: something broke' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(search, "find_pagefind", lambda: fake)
    search._last.clear()
    result = build_site(Project.at(golden_project), BuildOptions(output=out, clock=CLOCK, base_url="https://other.example.org/"))
    assert not result.ok
    [problem] = [d for d in result.diagnostics if d.severity.value == "error"]
    assert (problem.code, problem.message) == ("search-index", "Pagefind failed to index the site: Error: something broke")
    assert tree(out) == before


def test_indexable_pages_are_the_marked_html_files() -> None:
    files = {"a/index.html": b"<article data-pagefind-body>", "b/index.html": b"<p>", "c.json": b"data-pagefind-body"}
    assert search.indexable(files) == ["a/index.html"]
    assert search.index_site({"b/index.html": b"<p>"}) == ({}, [])


def test_demo_search_finds_the_32_people_claim(tmp_path: Path) -> None:
    """The acceptance text, checked on the stored index: "32 orang" is in the sanctions fact-check's page."""
    out = tmp_path / "site"
    build(REPO_ROOT, out)
    pages = {p["url"]: p for p in fragments(out)}
    assert "32 orang" in pages["/claims/sanksi-32-orang-pemilu-2020/"]["content"]
    verdicts = {v for p in pages.values() for v in p["filters"]["Penilaian"]}
    assert {"Benar", "Salah"} <= verdicts
