"""factcheck import of ClaimReview JSON-LD: factcheck's own DataFeed (round trip), one review, an array,
an @graph; people by name; ratings by text and by number; never overwriting."""

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


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "content").rglob("*")) if p.is_file()}


def review(slug: str, rating: str | None = "Salah", **extra) -> dict:
    """A ClaimReview as another desk's site would publish it."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://old.example.org/{slug}/",
        "claimReviewed": f"Klaim {slug}",
        "reviewRating": {"@type": "Rating", "alternateName": rating},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Pak Z"}, "datePublished": "2021-05-01"},
        "author": {"@type": "Organization", "name": "Desk Lama"},
        "datePublished": "2021-05-02",
    }
    if rating is None:
        del data["reviewRating"]["alternateName"]
    return {**data, **extra}


def load(project: Path, rel: str) -> dict:
    return yaml.safe_load((project / rel).read_text(encoding="utf-8"))


def test_round_trip_of_the_demo_datafeed(demo_feed, tmp_path, run_cli):
    project = fresh(tmp_path, (REPO / "content" / "site.yaml").read_text(encoding="utf-8"))
    result = run_cli("import", "--no-input", str(demo_feed), project=project)
    assert result.exit_code == 0, result.stderr
    assert "(0 draft(s))" in result.stderr and "12 fact-check(s)" in result.stderr
    assert run_cli("validate", project=project).exit_code == 0
    before, after = reviews(demo_feed), reviews(build(project) / "claimreview.json")
    assert sorted(after) == sorted(before) and len(before) == 12
    for cid, old in before.items():
        new = after[cid]
        assert new["reviewRating"] == old["reviewRating"]  # the verdict: label, value, best and worst
        assert new["claimReviewed"] == old["claimReviewed"]
        assert new["itemReviewed"]["author"] == {k: v for k, v in old["itemReviewed"]["author"].items() if k != "sameAs"}
        assert new["itemReviewed"]["datePublished"] == old["itemReviewed"]["datePublished"]
        assert new["datePublished"] == old["datePublished"]
        assert new["dateModified"] == old["dateModified"]
        assert new["sameAs"] == old["url"]  # the original address is kept as the record's sameAs


def test_people_are_reused_by_name_and_created_once(demo_feed, make_project, run_cli):
    project = make_project({"content/people/zakharova.yaml": "name: Maria Zakharova\nkind: person\n"})
    site = yaml.safe_load((REPO / "content" / "site.yaml").read_text(encoding="utf-8"))
    maps = [f"--map={v['label']}=salah" for v in site["scale"]]
    result = run_cli("import", "--no-input", *maps, str(demo_feed), project=project)
    assert result.exit_code == 0, result.stderr
    claim = load(project, "content/claims/zakharova-as-harus-membayar.yaml")
    assert claim["claimant"] == "zakharova"
    assert claim["verdict"] == "salah"
    assert not (project / "content/people/maria-zakharova.yaml").exists()
    assert [p.name for p in (project / "content/people").glob("joe-biden*.yaml")] == ["joe-biden.yaml"]
    desk = load(project, "content/people/cek-fakta-demo.yaml")  # the authors, created once for twelve reviews
    assert desk == {"name": "Cek Fakta Demo", "kind": "organization"}
    assert result.stdout.count("person: content/people/cek-fakta-demo.yaml") == 1


def test_never_overwrites_and_says_so(demo_feed, tmp_path, run_cli):
    project = fresh(tmp_path, (REPO / "content" / "site.yaml").read_text(encoding="utf-8"))
    mine = project / "content/claims/zakharova-as-harus-membayar.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("mine\n", encoding="utf-8")
    result = run_cli("import", "--no-input", str(demo_feed), project=project)
    assert result.exit_code == 1
    assert mine.read_text(encoding="utf-8") == "mine\n"
    assert (
        f"{demo_feed}: item 1 (https://cekfakta.example.org/claims/zakharova-as-harus-membayar/): not imported: " in result.stderr
    )
    assert "content/claims/zakharova-as-harus-membayar.yaml exists already; it is never overwritten" in result.stderr
    before = snapshot(project)
    again = run_cli("import", "--no-input", str(demo_feed), project=project)
    assert again.exit_code == 1 and "imported 0 fact-check(s)" in again.stderr
    assert again.stderr.count("exists already; it is never overwritten") == 12
    assert snapshot(project) == before  # not one byte of any claim or person changed


@pytest.mark.parametrize(
    ("shape", "both"),
    [
        (lambda r: r[0], False),
        (lambda r: r, True),
        (lambda r: {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "x"}, *r]}, True),
    ],
    ids=["object", "array", "graph"],
)
def test_a_json_ld_file(shape, both, make_project, run_cli, tmp_path):
    source = tmp_path / "reviews.json"
    source.write_text(json.dumps(shape([review("satu"), review("dua", "Benar")])), encoding="utf-8")
    project = make_project()
    result = run_cli("import", "--no-input", str(source), project=project)
    assert result.exit_code == 0, result.stderr
    claim = load(project, "content/claims/satu.yaml")
    assert claim["verdict"] == "salah" and claim["claimant"] == "pak-z" and claim["authors"] == ["desk-lama"]
    assert claim["claim_date"] == "2021-05-01" and claim["published"] == "2021-05-02"
    assert claim["same_as"] == ["https://old.example.org/satu/"]
    assert claim["sources"] == [
        {
            "id": "original",
            "title": "Klaim satu",
            "url": "https://old.example.org/satu/",
            "publisher": "Desk Lama",
            "published": "2021-05-02",
        }
    ]
    assert "draft" not in claim
    assert (project / "content/claims/dua.yaml").exists() == both
    assert run_cli("validate", project=project).exit_code == 0


def test_a_rating_with_only_a_number_takes_the_verdict_at_that_place(make_project, run_cli, tmp_path):
    numbered = review("angka", None)
    numbered["reviewRating"].update(ratingValue="1", bestRating=3, worstRating=1)  # the test scale: benar 3 … salah 1
    other = review("lain", None)
    other["reviewRating"].update(ratingValue=2, bestRating=10)
    source = tmp_path / "reviews.json"
    source.write_text(json.dumps([numbered, other]), encoding="utf-8")
    project = make_project()
    result = run_cli("import", "--no-input", str(source), project=project)
    assert result.exit_code == 1
    assert load(project, "content/claims/angka.yaml")["verdict"] == "salah"
    assert f"{source}: item 2 (https://old.example.org/lain/): not imported: rating '2/10' matches no verdict" in result.stderr
    mapped = run_cli("import", "--no-input", "--map", "2/10=salah", str(source), project=project)
    assert "lain.yaml" in mapped.stdout


def test_no_rating_at_all_is_reported(make_project, run_cli, tmp_path):
    source = tmp_path / "one.json"
    source.write_text(json.dumps(review("kosong", None)), encoding="utf-8")
    result = run_cli("import", "--no-input", str(source), project=make_project())
    assert result.exit_code == 1
    assert "not imported: has no rating (reviewRating.alternateName or ratingValue)" in result.stderr


def test_what_the_original_lacks_is_left_to_fill_at_its_line(make_project, run_cli, tmp_path):
    bare = review("bare", itemReviewed={"@type": "Claim"}, author=None, datePublished="kemarin")
    source = tmp_path / "one.json"
    source.write_text(json.dumps(bare), encoding="utf-8")
    project = make_project()
    result = run_cli("import", "--no-input", str(source), project=project)
    assert result.exit_code == 0, result.stderr
    claim = load(project, "content/claims/bare.yaml")
    assert claim["draft"] is True and claim["claimant"] == "" and claim["authors"] == [] and claim["published"] == ""
    lines = (project / "content/claims/bare.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("# Draft: fill in claimant, claim_date, authors, published")
    claimant_line = lines.index("claimant: ''") + 1
    assert f"content/claims/bare.yaml: draft; still to fill: claimant (line {claimant_line})," in result.stderr
    check = run_cli("validate", project=project)
    assert check.exit_code == 1 and f"content/claims/bare.yaml:{claimant_line}:11: error: 'claimant'" in check.stderr


def test_an_update_before_publication_is_left_out(make_project, run_cli, tmp_path):
    source = tmp_path / "one.json"
    source.write_text(json.dumps(review("mundur", dateModified="2021-04-01T10:00:00Z")), encoding="utf-8")
    project = make_project()
    assert run_cli("import", "--no-input", str(source), project=project).exit_code == 0
    assert "updated" not in load(project, "content/claims/mundur.yaml")
    assert run_cli("validate", project=project).exit_code == 0


def test_two_items_with_one_address_get_two_files(make_project, run_cli, tmp_path):
    source = tmp_path / "reviews.json"
    source.write_text(json.dumps([review("sama"), review("sama", "Benar")]), encoding="utf-8")
    project = make_project()
    result = run_cli("import", "--no-input", str(source), project=project)
    assert result.exit_code == 0
    assert load(project, "content/claims/sama.yaml")["verdict"] == "salah"
    assert load(project, "content/claims/sama-2.yaml")["verdict"] == "benar"
