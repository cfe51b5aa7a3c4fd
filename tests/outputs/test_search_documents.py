"""What Pagefind reads: a reduced copy of each claim page (the <html> tag, <title> and the data-pagefind-body
element) gives the same index as the whole page, byte for byte; pages whose markup the reduction cannot be
sure of go to Pagefind whole; and the index is reused while the reduced documents stay the same."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site
from generator.outputs import pagefind, search
from tests.engine.test_build import tree

REPO_ROOT = Path(__file__).resolve().parents[2]
CLOCK = datetime(2026, 1, 1, tzinfo=UTC)

pytestmark = pytest.mark.skipif(search.find_pagefind() is None, reason="the pagefind package is not installed")

HEAD = '<!DOCTYPE html>\n<html lang="id" dir="ltr">\n<head>\n<meta charset="utf-8">\n<title>{title} – Situs</title>\n'
# Pages that test the reduction's edges; each must index exactly as the whole page does.
EDGE_PAGES = {
    "nested/index.html": HEAD.format(title="Bersarang") + "</head><body><header><p>Situs</p></header>"
    '<ARTICLE class="x" data-pagefind-body><h1>Artikel luar</h1><article><p>dalam kucing</p></article>'
    '<p>setelah <b>harimau</b></p><div hidden data-pagefind-ignore><span data-pagefind-filter="Topik">Satwa</span></div>'
    '</ARTICLE><article class="card"><p>kartu gajah</p></article></body></html>',
    "head-meta/index.html": HEAD.format(title="Meta") + '<meta data-pagefind-meta="image[content]" content="/a.png">'
    '</head><body><main data-pagefind-body><h2 id="x">Tanpa h1</h2><p>badak</p></main>'
    '<span data-pagefind-filter="Luar">ya</span></body></html>',
    "no-heading/index.html": HEAD.format(title="Judul dari head") + "</head><body>"
    '<div data-pagefind-body data-pagefind-weight="2"><p>hanya teks rusa</p>'
    '<section data-pagefind-ignore="all"><p>abaikan</p><span data-pagefind-filter="Topik">Tersembunyi</span></section>'
    "</div></body></html>",
    "heading-after/index.html": HEAD.format(title="Judul") + "</head><body><div data-pagefind-body><p>kijang</p></div>"
    '<footer><h1>Judul di kaki</h1><img src="/kaki.png" alt=""></footer></body></html>',
    "text-only/index.html": HEAD.format(title="Teks") + "</head><body><p>Atribut data-pagefind-body hanya disebut.</p>"
    "</body></html>",
    "unclosed/index.html": HEAD.format(title="Terbuka") + "</head><body><article data-pagefind-body><h1>Tanpa akhir</h1>"
    "<p>kancil</p></body></html>",
}


def fragments(bundle: dict[str, bytes]) -> dict[str, dict]:
    pages = {}
    for path, data in bundle.items():
        if path.startswith("pagefind/fragment/"):
            page = json.loads(gzip.decompress(data)[len(b"pagefind_dcd") :])
            pages[page["url"]] = page
    return pages


def stable_part(bundle: dict[str, bytes]) -> dict[str, bytes]:
    """Pagefind's page and word files, which are byte-stable between runs (its filter files are not)."""
    return {p: d for p, d in bundle.items() if p.startswith(("pagefind/fragment/", "pagefind/index/"))}


def index_whole_pages(pages: dict[str, bytes]) -> dict[str, bytes]:
    bundle, problems = pagefind.run_pagefind(pages, search.find_pagefind())
    assert not problems
    return bundle


@pytest.fixture(scope="module")
def demo_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("demo") / "site"
    result = build_site(Project.at(REPO_ROOT), BuildOptions(output=out, clock=CLOCK))
    assert result.ok, [d.format_text() for d in result.diagnostics]
    return {p: d for p, d in tree(out).items() if p.endswith(".html")}


def test_the_demo_index_is_the_same_as_from_whole_pages(demo_pages: dict[str, bytes]) -> None:
    search._last.clear()
    reduced, problems = search.index_site(demo_pages)
    assert not problems
    whole = index_whole_pages({p: demo_pages[p] for p in search.indexable(demo_pages)})
    assert len(fragments(reduced)) == 12 and stable_part(reduced) == stable_part(whole)
    entry = lambda b: json.loads(b["pagefind/pagefind-entry.json"])["languages"]["id"]["page_count"]  # noqa: E731
    assert entry(reduced) == entry(whole) == 12


def test_a_claim_page_is_reduced_to_what_pagefind_reads(demo_pages: dict[str, bytes]) -> None:
    page = demo_pages["claims/sanksi-32-orang-pemilu-2020/index.html"]
    document = search.reduced_document(page)
    assert document is not None and len(document) < len(page) * 0.7
    assert document.startswith(b'<!DOCTYPE html>\n<html lang="id" dir="ltr">\n<head>\n<meta charset="utf-8">\n<title>')
    assert b"data-pagefind-body" in document and b'data-pagefind-filter="Penilaian"' in document
    assert b"site-header" not in document and b"related-heading" not in document and b"application/ld+json" not in document
    assert document.endswith(b"</article>\n</body>\n</html>\n")


def test_edge_pages_index_as_whole_pages_do() -> None:
    search._last.clear()
    files = {p: t.encode() for p, t in EDGE_PAGES.items()}
    reduced, problems = search.index_site(files)
    assert not problems
    assert fragments(reduced) == fragments(index_whole_pages(files))  # Pagefind skips text-only/ too
    # Page numbers follow the order Pagefind finds the files in, so the word index is compared on the same files.
    assert stable_part(reduced) == stable_part(index_whole_pages({p: files[p] for p in search.indexable(files)}))
    assert sorted(fragments(reduced)) == ["/head-meta/", "/heading-after/", "/nested/", "/no-heading/", "/unclosed/"]
    assert fragments(reduced)["/heading-after/"]["meta"]["title"] == "Judul di kaki"  # Pagefind's title: the first h1


def test_which_pages_are_reduced_and_which_go_whole() -> None:
    pages = {p: t.encode() for p, t in EDGE_PAGES.items()}
    nested = search.reduced_document(pages["nested/index.html"])
    assert nested is not None and b"dalam kucing" in nested and b"harimau" in nested
    assert b"kartu gajah" not in nested and b"<header>" not in nested  # the element ends at its own end tag
    for whole in ("head-meta", "heading-after", "unclosed"):  # attributes, an h1 or an img outside; no end tag
        assert search.reduced_document(pages[f"{whole}/index.html"]) == pages[f"{whole}/index.html"]
    assert search.reduced_document(pages["no-heading/index.html"]) != pages["no-heading/index.html"]
    assert search.reduced_document(pages["text-only/index.html"]) is None
    assert search.indexable(pages) == [
        "head-meta/index.html",
        "heading-after/index.html",
        "nested/index.html",
        "no-heading/index.html",
        "unclosed/index.html",
    ]


def test_changes_outside_the_indexed_element_keep_the_index(demo_pages: dict[str, bytes], monkeypatch) -> None:
    search._last.clear()
    first, _ = search.index_site(demo_pages)

    def refuse(*args, **kwargs):
        raise AssertionError("Pagefind ran again although what it reads is unchanged")

    monkeypatch.setattr(search, "start_pagefind", refuse)
    menus = {p: d.replace(b"Tentang kami", b"Siapa kami") for p, d in demo_pages.items()}
    assert menus != demo_pages
    assert search.index_site(menus) == (first, [])
    edited = dict(demo_pages)
    edited["claims/sanksi-32-orang-pemilu-2020/index.html"] = edited["claims/sanksi-32-orang-pemilu-2020/index.html"].replace(
        b"32 orang", b"33 orang"
    )
    with pytest.raises(AssertionError, match="Pagefind ran again"):
        search.index_site(edited)


def test_each_page_is_read_once(demo_pages: dict[str, bytes]) -> None:
    """The build hands over its staged pages lazily, read from disk on each access."""
    reads: list[str] = []

    class Lazy(dict):
        def __getitem__(self, path: str) -> bytes:
            reads.append(path)
            return super().__getitem__(path)

    search.search_documents(Lazy(demo_pages))
    assert sorted(reads) == sorted(p for p in demo_pages if p.endswith(".html"))


def test_pagefind_works_in_the_default_temporary_folder(monkeypatch, tmp_path: Path) -> None:
    """Without a memory file system with room (missing, or a small /dev/shm as in containers), the default one."""
    monkeypatch.setattr(pagefind, "MEMORY_DIR", tmp_path / "missing")
    assert pagefind.scratch_dir(1000) is None
    search._last.clear()
    bundle, problems = search.index_site({p: t.encode() for p, t in EDGE_PAGES.items()})
    assert not problems and len(fragments(bundle)) == 5
    monkeypatch.setattr(pagefind, "MEMORY_DIR", tmp_path)
    assert pagefind.scratch_dir(1000) == tmp_path
    assert pagefind.scratch_dir(10**18) is None  # no room for three times the documents


def test_scratch_folders_of_killed_builds_are_removed(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / f"{pagefind.SCRATCH_PREFIX}{finished.stdout.strip()}-abc"
    running = tmp_path / f"{pagefind.SCRATCH_PREFIX}{os.getpid()}-def"
    other = tmp_path / "factcheck-other-123-x"
    for folder in (dead, running, other):
        (folder / "site").mkdir(parents=True)
    pagefind.remove_leftovers(tmp_path)
    assert not dead.exists() and running.is_dir() and other.is_dir()


def test_rendered_markdown_has_no_raw_angle_brackets_outside_tags() -> None:
    """The reduction relies on it: in a page every `<name ...>` is a tag, even inside attribute values."""
    from generator.plan.markdown import render_markdown

    html = render_markdown('[x](https://a.example/ "</article> <h1>") <article>z</article> <img src=x title="a>b">')
    assert "</article" not in html and "<h1" not in html and "<img" not in html and "<article" not in html


def test_a_cancelled_index_stops_pagefind_and_leaves_no_scratch_folder(tmp_path):
    """A build that fails while Pagefind runs (a full disk while writing the share images) stops it."""
    pages = {
        f"claims/c{i}/index.html": f'<html lang="id"><head><title>T{i}</title></head><body>'
        f"<article data-pagefind-body><p>kata{i} lain</p></article></body></html>".encode()
        for i in range(30)
    }
    pending = search.start_index(pages)
    run = pending.run
    assert run is not None and run.folder.is_dir()
    pending.cancel()
    assert run.proc.poll() is not None and not run.folder.exists()
    assert pending.result() == ({}, [])
