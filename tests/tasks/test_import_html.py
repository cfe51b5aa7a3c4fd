"""factcheck import of saved HTML pages (what WordPress fact-check plugins emit), and hostile input made safe."""

from __future__ import annotations

import json
import os
import re
from html import unescape

import pytest
import yaml

from tests.tasks.test_import import review

PAGE = """<!doctype html><html><head><title>x</title>
<script type="application/ld+json">{json}</script></head>
<body><nav>menu</nav><article><h1>Judul</h1><p>Isi <a href="javascript:alert(1)">tautan jahat</a>
dan <a href="https://sumber.example.org/a">sumber</a>.</p><script>alert("body")</script>
<img src=x onerror="alert(2)"><p onclick="alert(3)">Selesai.</p></article></body></html>
"""


def page(slug: str, rating: str = "Salah", **extra) -> str:
    return PAGE.replace("{json}", json.dumps({"@graph": [{"@type": "WebPage"}, review(slug, rating, **extra)]}))


def load(project, rel):
    return yaml.safe_load((project / rel).read_text(encoding="utf-8"))


def test_a_folder_of_html_pages_sanitised(make_project, run_cli, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(page("satu"), encoding="utf-8")
    hostile = page("dua", "Benar", itemReviewed={"@type": "Claim", "appearance": [{"url": "javascript:alert(4)"}]})
    (folder / "b.htm").write_text(hostile, encoding="utf-8")
    (folder / "notes.txt").write_text("not read", encoding="utf-8")
    project = make_project()
    result = run_cli("import", "--no-input", str(folder), project=project)
    assert result.exit_code == 0, result.stderr
    text = (project / "content/claims/satu.yaml").read_text(encoding="utf-8")
    claim = yaml.safe_load(text)
    assert claim["verdict"] == "salah" and claim["claimant"] == "pak-z"
    assert "[sumber](https://sumber.example.org/a)" in claim["analysis"]
    assert "Isi tautan jahat" in claim["analysis"]  # the link's text stays, its javascript: address does not
    for bad in ("javascript", "alert", "onerror", "onclick", "<script", "<img"):
        assert bad not in text
    assert "Selesai." in claim["analysis"] and "menu" not in claim["analysis"]
    second = load(project, "content/claims/dua.yaml")
    assert "javascript" not in json.dumps(second)
    # No claimant, no claim date in the second page: it is written as a draft naming what to fill.
    assert second["draft"] is True
    assert "content/claims/dua.yaml: draft; still to fill: claimant (line " in result.stderr


def test_a_javascript_address_is_never_kept(make_project, run_cli, tmp_path):
    source = tmp_path / "p.html"
    source.write_text(page("x", url="javascript:alert(1)//"), encoding="utf-8")
    project = make_project()
    result = run_cli("import", "--no-input", str(source), project=project)
    assert result.exit_code == 0, result.stderr
    [written] = (project / "content/claims").glob("klaim*.yaml")  # no address to name it: named after the claim
    claim = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert "javascript" not in written.read_text(encoding="utf-8")
    assert "same_as" not in claim and claim["sources"] == [] and claim["draft"] is True


def test_yaml_is_emitted_safely(make_project, run_cli, tmp_path):
    hostile = review("tiga", claimReviewed="!!python/object:os.system 'rm -rf /'\n# comment\n--- x", headline="&amp; *alias")
    source = tmp_path / "one.json"
    source.write_text(json.dumps(hostile), encoding="utf-8")
    project = make_project()
    assert run_cli("import", "--no-input", str(source), project=project).exit_code == 0
    text = (project / "content/claims/tiga.yaml").read_text(encoding="utf-8")
    claim = yaml.safe_load(text)
    assert claim["claim_short"].startswith("!!python/object") and claim["title"] == "& *alias"
    assert run_cli("validate", project=project).exit_code == 0


def test_bodies_keep_only_web_links_and_no_citations():
    from generator.content.fields import find_citations
    from generator.tasks.importer.body import html_to_markdown

    text = html_to_markdown('<p><a href="/old/path">lama</a> <a href="data:text/html,x">d</a> [@original] <style>p{}</style></p>')
    assert "/old/path" not in text and "data:" not in text and "p{}" not in text
    assert "@original" in text and not find_citations(text)  # an imported "[@id]" must not cite this record's sources


def test_only_the_named_folder_is_read_not_its_subfolders_nor_links(make_project, run_cli, tmp_path):
    folder = tmp_path / "pages"
    (folder / "deeper").mkdir(parents=True)
    (folder / "deeper" / "c.html").write_text(page("tiga"), encoding="utf-8")
    (folder / "a.html").write_text(page("satu"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_text(page("empat"), encoding="utf-8")
    try:
        os.symlink(elsewhere, folder / "link.html")
    except OSError:
        pytest.skip("no symbolic links here")
    project = make_project()
    assert run_cli("import", "--no-input", str(folder), project=project).exit_code == 0
    assert (project / "content/claims/satu.yaml").exists()
    assert not (project / "content/claims/tiga.yaml").exists()
    assert not (project / "content/claims/empat.yaml").exists()


def test_a_page_of_the_folder_without_a_review_is_reported(make_project, run_cli, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(page("satu"), encoding="utf-8")
    (folder / "index.html").write_text("<html><body>Daftar</body></html>", encoding="utf-8")
    project = make_project()
    result = run_cli("import", "--no-input", str(folder), project=project)
    assert result.exit_code == 1
    assert (
        f'{folder / "index.html"}: not imported: holds no <script type="application/ld+json"> with a ClaimReview' in result.stderr
    )
    assert (project / "content/claims/satu.yaml").exists()
    # Named on its own, a page without one is the wrong file: a usage error.
    assert run_cli("import", str(folder / "index.html"), project=project).exit_code == 2


def test_a_page_item_is_named_by_the_line_of_its_script(make_project, run_cli, tmp_path):
    source = tmp_path / "p.html"
    source.write_text("<html>\n<head>\n  " + page("satu", "Entah").split("\n", 1)[1], encoding="utf-8")
    result = run_cli("import", "--no-input", str(source), project=make_project())
    assert result.exit_code == 1
    assert f"{source}:3:3: not imported: rating 'Entah'" in result.stderr


def test_a_page_without_an_article_gives_its_main(make_project, run_cli, tmp_path):
    source = tmp_path / "p.html"
    markup = json.dumps(review("utama"))
    source.write_text(
        f'<html><head><script type="application/ld+json">{markup}</script></head>'
        "<body><header>kepala</header><main><p>Isi <em>utama</em>.</p></main><footer>kaki</footer></body></html>",
        encoding="utf-8",
    )
    project = make_project()
    assert run_cli("import", "--no-input", str(source), project=project).exit_code == 0
    analysis = load(project, "content/claims/utama.yaml")["analysis"]
    assert analysis.startswith("Isi *utama*.") and "kepala" not in analysis and "kaki" not in analysis


WORDPRESS = """<!DOCTYPE html>
<html lang="id-ID"><head><meta charset="UTF-8"><title>[SALAH] Foto banjir di bandara</title>
<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org","@graph":[
{"@type":"WebPage","@id":"https://cek.example.id/2022/03/foto-banjir-bandara/","url":"https://cek.example.id/2022/03/foto-banjir-bandara/"},
{"@type":"NewsArticle","@id":"https://cek.example.id/2022/03/foto-banjir-bandara/#article","headline":"[SALAH] Foto banjir di bandara"},
{"@type":"ClaimReview","@id":"https://cek.example.id/2022/03/foto-banjir-bandara/#claimreview",
 "mainEntityOfPage":{"@id":"https://cek.example.id/2022/03/foto-banjir-bandara/"},
 "datePublished":"2022-03-04T08:15:00+07:00","dateModified":"2022-03-05T10:00:00+07:00",
 "headline":"[SALAH] Foto banjir di bandara","claimReviewed":"Foto bandara Soekarno-Hatta terendam banjir pekan ini",
 "author":[{"@type":"Person","name":"Rina  Wulandari"}],"publisher":{"@type":"Organization","name":"Cek Example"},
 "itemReviewed":{"@type":"Claim","author":{"@type":"Person","name":"Akun Facebook Info Banjir"},"datePublished":"2022-03-02",
   "appearance":{"@type":"CreativeWork","url":"https://www.facebook.com/infobanjir/posts/1"}},
 "reviewRating":{"@type":"Rating","ratingValue":"1","bestRating":"5","worstRating":"1","alternateName":"Salah",
   "ratingExplanation":"Foto itu diambil pada 2020, bukan pekan ini."}}]}</script>
</head><body><header>Cek Example</header>
<article id="post-42" class="post type-post"><div class="entry-content">
<p>Sebuah foto beredar &amp; dibagikan <strong>1.200 kali</strong>.</p>
<h2>Pemeriksaan</h2><ul><li>Pencarian gambar terbalik</li><li>Arsip <a href="https://web.archive.org/web/2020/x">Wayback</a></li></ul>
</div></article><footer>© Cek Example</footer></body></html>
"""


def test_a_saved_wordpress_page(make_project, run_cli, tmp_path):
    folder = tmp_path / "situs-lama"
    folder.mkdir()
    (folder / "foto-banjir-bandara.html").write_text(WORDPRESS, encoding="utf-8")
    project = make_project({"content/people/rina.yaml": "name: Rina Wulandari\nkind: person\n"})
    result = run_cli("import", "--no-input", str(folder), project=project)
    assert result.exit_code == 0, result.stderr
    claim = load(project, "content/claims/foto-banjir-bandara.yaml")
    assert claim["title"] == "[SALAH] Foto banjir di bandara"
    assert claim["claim_short"] == "Foto bandara Soekarno-Hatta terendam banjir pekan ini"
    assert claim["verdict"] == "salah" and claim["summary"] == "Foto itu diambil pada 2020, bukan pekan ini."
    assert claim["claimant"] == "akun-facebook-info-banjir" and claim["authors"] == ["rina"]
    assert claim["claim_date"] == "2022-03-02" and claim["published"] == "2022-03-04T08:15:00+07:00"
    assert claim["updated"] == "2022-03-05T10:00:00+07:00"
    assert claim["appearances"] == [{"url": "https://www.facebook.com/infobanjir/posts/1"}]
    assert claim["same_as"] == ["https://cek.example.id/2022/03/foto-banjir-bandara/"]
    assert claim["sources"][0]["publisher"] == "Cek Example"
    analysis = claim["analysis"]
    assert analysis.startswith("Sebuah foto beredar & dibagikan **1.200 kali**.")
    assert "## Pemeriksaan" in analysis and "- Pencarian gambar terbalik" in analysis
    assert "[Wayback](https://web.archive.org/web/2020/x)" in analysis and "©" not in analysis
    assert analysis.endswith("<https://cek.example.id/2022/03/foto-banjir-bandara/> [@original]")
    assert run_cli("validate", project=project).exit_code == 0


@pytest.mark.parametrize(
    "html",
    [
        "<p>a &amp; b &lt;tag&gt; 5 &lt; 3 [x](https://e.example.org/) `c` *s* _u_ \\ back ~t~ a|b = !x {y} (z)</p>",
        "<p>1. bukan daftar</p>",
        "<p># bukan judul</p>",
        "<p>- bukan butir</p>",
        "<p>+ bukan butir</p>",
        "<p>&gt; bukan kutipan</p>",
        "<p>Judul\n===</p>",
        "<p>&amp;copy; bukan entitas, &amp;#60; juga</p>",
        "<p>[@original] bukan sitasi</p>",
        "<p>&lt;https://bukan.example.org/tautan&gt;</p>",
    ],
)
def test_text_that_looks_like_markup_reads_as_the_same_text_on_the_site(html):
    """What the old page showed as text, the site shows as the same text: no list, heading, code, link or entity."""
    from generator.plan.markdown import render_markdown
    from generator.tasks.importer.body import html_to_markdown

    shown = render_markdown(html_to_markdown(html))
    assert re.fullmatch(r"<p>[^<]*</p>", shown), shown
    assert unescape(shown[3:-4]) == " ".join(unescape(html[3:-4]).split())
