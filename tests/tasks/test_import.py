"""factcheck import: ClaimReview from factcheck's own build, a CSV, saved HTML pages, --map, never overwriting."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site

REPO = Path(__file__).resolve().parents[2]
CLOCK = datetime(2026, 1, 1, tzinfo=UTC)


def build(root: Path) -> Path:
    result = build_site(Project.at(root), BuildOptions(output=root / "site", clock=CLOCK))
    assert result.ok, [d.format_text() for d in result.diagnostics if d.severity.value == "error"]
    return root / "site"


@pytest.fixture(scope="module")
def demo_feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's DataFeed as factcheck publishes it (built once from the repository's content/)."""
    out = tmp_path_factory.mktemp("demo") / "site"
    result = build_site(Project.at(REPO), BuildOptions(output=out, clock=CLOCK))
    assert result.ok
    return out / "claimreview.json"


def fresh(tmp_path: Path, site_yaml: str) -> Path:
    (tmp_path / "fresh" / "content").mkdir(parents=True)
    (tmp_path / "fresh" / "content" / "site.yaml").write_text(site_yaml, encoding="utf-8")
    return tmp_path / "fresh"


def reviews(feed: Path) -> dict[str, dict]:
    data = json.loads(feed.read_text(encoding="utf-8"))
    return {e["item"][0]["url"].rstrip("/").rsplit("/", 1)[1]: e["item"][0] for e in data["dataFeedElement"]}


def test_round_trip_of_the_demo_datafeed(demo_feed, tmp_path, run_cli):
    project = fresh(tmp_path, (REPO / "content" / "site.yaml").read_text(encoding="utf-8"))
    result = run_cli("import", "--no-input", str(demo_feed), project=project)
    assert result.exit_code == 0, result.stderr
    assert run_cli("validate", project=project).exit_code == 0
    before, after = reviews(demo_feed), reviews(build(project) / "claimreview.json")
    assert sorted(after) == sorted(before) and len(before) == 12
    for cid, old in before.items():
        new = after[cid]
        assert new["reviewRating"] == old["reviewRating"]
        assert new["claimReviewed"] == old["claimReviewed"]
        assert new["itemReviewed"]["author"]["name"] == old["itemReviewed"]["author"]["name"]
        assert new["itemReviewed"]["datePublished"] == old["itemReviewed"]["datePublished"]
        assert new["datePublished"] == old["datePublished"]
        assert new["sameAs"] == old["url"]  # the original address is kept as the record's sameAs


def test_people_are_reused_by_name_and_created_once(demo_feed, make_project, run_cli):
    project = make_project({"content/people/zakharova.yaml": "name: Maria Zakharova\nkind: person\n"})
    site = yaml.safe_load((REPO / "content" / "site.yaml").read_text(encoding="utf-8"))
    labels = {v["label"] for v in site["scale"]}
    maps = [f"--map={label}=salah" for label in labels]
    result = run_cli("import", "--no-input", *maps, str(demo_feed), project=project)
    assert result.exit_code == 0, result.stderr
    claim = yaml.safe_load((project / "content/claims/zakharova-as-harus-membayar.yaml").read_text(encoding="utf-8"))
    assert claim["claimant"] == "zakharova"
    assert claim["verdict"] == "salah"
    assert not (project / "content/people/maria-zakharova.yaml").exists()
    biden = list((project / "content/people").glob("joe-biden*.yaml"))
    assert len(biden) == 1  # the existing Joe Biden is reused, not duplicated


def test_never_overwrites_and_says_so(demo_feed, tmp_path, run_cli):
    project = fresh(tmp_path, (REPO / "content" / "site.yaml").read_text(encoding="utf-8"))
    mine = project / "content/claims/zakharova-as-harus-membayar.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("mine\n", encoding="utf-8")
    result = run_cli("import", "--no-input", str(demo_feed), project=project)
    assert result.exit_code == 1
    assert mine.read_text(encoding="utf-8") == "mine\n"
    assert "zakharova-as-harus-membayar.yaml exists already; it is never overwritten" in result.stderr
    again = run_cli("import", "--no-input", str(demo_feed), project=project)
    assert again.exit_code == 1 and "imported 0 fact-check(s)" in again.stderr


CSV = """\
claim_reviewed,title,claimant,claimant_kind,claim_date,rating,url,published,summary,body,authors
Vaksin mengandung chip,Benarkah vaksin mengandung chip?,Akun Facebook X,organization,2021-05-01,Keliru,https://old.example.org/cek/vaksin-chip/,2021-05-03,Tidak ada chip dalam vaksin.,<p>Kami <b>memeriksa</b> klaim ini.</p>,Ani; Budi
Bumi datar,Bumi datar?,Pak Z,,2021-05-02,Hoaks,https://old.example.org/cek/bumi-datar/,2021-05-04,Bumi bulat.,,Ani
"""


def test_csv_with_map_and_unmapped_rating_reported(make_project, run_cli, tmp_path):
    project = make_project()
    source = tmp_path / "archive.csv"
    source.write_text(CSV, encoding="utf-8")
    result = run_cli("import", "--no-input", "--map", "Keliru=salah", str(source), project=project)
    assert result.exit_code == 1
    assert "not imported: archive.csv line 3: rating 'Hoaks' matches no verdict" in result.stderr
    claim = yaml.safe_load((project / "content/claims/vaksin-chip.yaml").read_text(encoding="utf-8"))
    assert claim["verdict"] == "salah" and claim["claimant"] == "akun-facebook-x"
    assert claim["authors"] == ["ani", "budi"]
    assert claim["same_as"] == ["https://old.example.org/cek/vaksin-chip/"]
    assert claim["sources"][0]["url"] == "https://old.example.org/cek/vaksin-chip/"
    assert "Kami **memeriksa** klaim ini." in claim["analysis"]
    assert yaml.safe_load((project / "content/people/akun-facebook-x.yaml").read_text(encoding="utf-8"))["kind"] == "organization"
    assert run_cli("validate", project=project).exit_code == 0


def test_an_unknown_rating_is_asked_once(make_project, run_cli, tmp_path):
    project = make_project()
    source = tmp_path / "archive.csv"
    source.write_text(CSV.replace("Hoaks", "Keliru"), encoding="utf-8")
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(cli, ["-C", str(project), "import", str(source)], input="salah\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("Rating 'Keliru' is not on the scale") == 1
    assert yaml.safe_load((project / "content/claims/bumi-datar.yaml").read_text(encoding="utf-8"))["verdict"] == "salah"


def test_a_bad_map_is_a_usage_error(make_project, run_cli, tmp_path):
    source = tmp_path / "archive.csv"
    source.write_text(CSV, encoding="utf-8")
    result = run_cli("import", "--map", "Keliru=palsu", str(source), project=make_project())
    assert result.exit_code == 2 and "'palsu' is not on the scale" in result.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("rating,what\nx,y\n", encoding="utf-8")
    result = run_cli("import", str(bad), project=make_project())
    assert result.exit_code == 2 and "lacks the column(s) claim_reviewed" in result.stderr


PAGE = """<!doctype html><html><head><title>x</title>
<script type="application/ld+json">{json}</script></head>
<body><nav>menu</nav><article><h1>Judul</h1><p>Isi <a href="javascript:alert(1)">tautan jahat</a>
dan <a href="https://sumber.example.org/a">sumber</a>.</p><script>alert("body")</script>
<img src=x onerror="alert(2)"><p onclick="alert(3)">Selesai.</p></article></body></html>
"""


def page_review(slug: str, rating: str, **extra) -> str:
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://old.example.org/{slug}/",
        "claimReviewed": f"Klaim {slug}",
        "reviewRating": {"@type": "Rating", "alternateName": rating},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Pak Z"}, "datePublished": "2021-05-01"},
        "author": {"@type": "Organization", "name": "Desk Lama"},
        "datePublished": "2021-05-02",
        **extra,
    }
    return json.dumps({"@graph": [{"@type": "WebPage"}, review]})


def test_a_folder_of_html_pages_sanitised(make_project, run_cli, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE.replace("{json}", page_review("satu", "Salah")), encoding="utf-8")
    hostile = page_review("dua", "Benar", itemReviewed={"@type": "Claim", "appearance": [{"url": "javascript:alert(4)"}]})
    (folder / "b.htm").write_text(PAGE.replace("{json}", hostile), encoding="utf-8")
    (folder / "notes.txt").write_text("not read", encoding="utf-8")
    project = make_project()
    result = run_cli("import", "--no-input", str(folder), project=project)
    assert result.exit_code == 0, result.stderr
    text = (project / "content/claims/satu.yaml").read_text(encoding="utf-8")
    claim = yaml.safe_load(text)
    assert "[sumber](https://sumber.example.org/a)" in claim["analysis"]
    for bad in ("javascript", "alert", "onerror", "onclick", "<script"):
        assert bad not in text
    assert "Selesai." in claim["analysis"] and "menu" not in claim["analysis"]
    second = yaml.safe_load((project / "content/claims/dua.yaml").read_text(encoding="utf-8"))
    assert "javascript" not in json.dumps(second)
    # No claimant, no claim date in the second page: it is written as a draft naming what to fill.
    assert second["draft"] is True
    assert "content/claims/dua.yaml: draft; still to fill: claimant" in result.stderr


def test_yaml_is_emitted_safely(make_project, run_cli, tmp_path):
    hostile = page_review("tiga", "Salah", claimReviewed="!!python/object:os.system 'rm -rf /'\n# comment\n--- x")
    source = tmp_path / "one.json"
    source.write_text(hostile, encoding="utf-8")
    project = make_project()
    assert run_cli("import", "--no-input", str(source), project=project).exit_code == 0
    text = (project / "content/claims/tiga.yaml").read_text(encoding="utf-8")
    claim = yaml.safe_load(text)
    assert claim["claim_short"].startswith("!!python/object")
    assert run_cli("validate", project=project).exit_code == 0


def test_bodies_keep_only_web_links_and_no_citations():
    from generator.content.fields import find_citations
    from generator.tasks.importer.body import html_to_markdown

    text = html_to_markdown('<p><a href="/old/path">lama</a> <a href="data:text/html,x">d</a> [@original] <style>p{}</style></p>')
    assert "/old/path" not in text and "data:" not in text and "p{}" not in text
    assert "@original" in text and not find_citations(text)  # an imported "[@id]" must not cite this record's sources


def test_only_the_named_folder_is_read_not_its_subfolders(make_project, run_cli, tmp_path):
    folder = tmp_path / "pages"
    (folder / "deeper").mkdir(parents=True)
    (folder / "deeper" / "c.html").write_text(PAGE.replace("{json}", page_review("tiga", "Salah")), encoding="utf-8")
    (folder / "a.html").write_text(PAGE.replace("{json}", page_review("satu", "Salah")), encoding="utf-8")
    project = make_project()
    assert run_cli("import", "--no-input", str(folder), project=project).exit_code == 0
    assert (project / "content/claims/satu.yaml").exists()
    assert not (project / "content/claims/tiga.yaml").exists()
