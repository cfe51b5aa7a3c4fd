"""The benchmark project generator: deterministic, valid records, counts that follow N."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchmarks.__main__ import main as bench_main
from benchmarks.synth import AUTHOR_ID, generate, plan
from generator.content.fields import find_citations
from generator.content.models import CLAIM_SHORT_MAX, Article, Claim, Page, Person, Site

N = 30


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bench") / "project"
    generate(root, N, seed=7)
    return root


def test_same_seed_gives_identical_bytes(project, tmp_path):
    generate(tmp_path / "again", N, seed=7)
    assert tree(tmp_path / "again") == tree(project)


def test_other_seed_gives_other_content(project, tmp_path):
    generate(tmp_path / "other", N, seed=8)
    assert tree(tmp_path / "other") != tree(project)


def test_cli_generate_matches_library(project, tmp_path, capsys):
    assert bench_main(["generate", "--claims", str(N), "--seed", "7", str(tmp_path / "cli")]) == 0
    assert tree(tmp_path / "cli") == tree(project)
    # A second run refuses to overwrite without --force.
    assert bench_main(["generate", "--claims", str(N), "--seed", "7", str(tmp_path / "cli")]) == 2


def test_every_record_validates(project):
    content = project / "content"
    site = Site.model_validate(load(content / "site.yaml"))
    people = {p.stem: Person.model_validate(load(p)) for p in (content / "people").glob("*.yaml")}
    articles = {p.stem: Article.model_validate(load(p)) for p in (content / "articles").glob("*.yaml")}
    verdicts = {v.id for v in site.scale}
    assert len(site.scale) == 6 and sum(v.rating is None for v in site.scale) == 1
    assert people[AUTHOR_ID].kind == "organization"
    for article in articles.values():
        assert article.publisher in people
    positions = set()
    for path in (content / "claims").glob("*.yaml"):
        claim = Claim.model_validate(load(path))
        assert len(claim.claim_short) <= CLAIM_SHORT_MAX
        assert claim.claimant in people and claim.authors == [AUTHOR_ID]
        assert claim.verdict in verdicts
        assert set(claim.tags) <= set(site.tags)
        assert 3 <= len(claim.sources) <= 6
        assert set(find_citations(claim.analysis)) == {s.id for s in claim.sources}
        assert claim.published.tzinfo is not None and 2020 <= claim.published.year <= 2024
        assert claim.published.date() >= claim.claim_date
        if claim.updated is not None:
            assert claim.updated >= claim.published
        if claim.article:
            assert claim.article in articles
            assert (claim.article, claim.article_position) not in positions
            positions.add((claim.article, claim.article_position))
        assert 450 <= len(claim.analysis.split()) <= 900
    roles = set()
    for path in (content / "pages").glob("*.md"):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        page = Page.model_validate(yaml.safe_load(front))
        roles.add(page.role)
        assert body.strip()
    assert {"about", "methodology", "corrections-policy", "funding", "team", "contact", "submit-claim"} <= roles


def test_only_example_domains(project):
    import re

    hosts = set()
    for path in (project / "content").rglob("*"):
        if path.is_file():
            hosts.update(re.findall(r"https?://([^/\s)\"]+)", path.read_text(encoding="utf-8")))
    assert hosts and all(re.search(r"(^|\.)example\.(org|com|net)$", h) for h in hosts), hosts


def test_counts_follow_n(project):
    counts = plan(N)
    content = project / "content"
    claims = [load(p) for p in (content / "claims").glob("*.yaml")]
    assert len(claims) == N
    assert sum(1 for c in claims if c.get("draft")) == counts.drafts
    assert len(list((content / "people").glob("*.yaml"))) == counts.people
    assert len(list((content / "articles").glob("*.yaml"))) == counts.articles
    assert len(load(content / "site.yaml")["tags"]) == counts.tags


def test_plan_matches_reference_setup():
    ten_k = plan(10_000)
    assert (ten_k.people, ten_k.articles, ten_k.tags, ten_k.drafts) == (500, 1800, 200, 100)
    hundred = plan(100)
    assert (hundred.people, hundred.articles, hundred.tags, hundred.drafts) == (8, 18, 5, 1)


def test_every_benchmark_step_runs_on_a_tiny_project(tmp_path, monkeypatch):
    """`make bench` on a fresh clone: each step (builds, validate, the live preview's edit-to-reload) succeeds."""
    from benchmarks import run

    monkeypatch.setattr(run, "PAUSE", 0.3)
    rows = run.bench_size(12, 1, tmp_path, None, timeout=300)
    steps = [r["step"] for r in rows]
    assert steps == [
        "generate",
        "cold build",
        "no-change rebuild",
        "one-file rebuild",
        "template rebuild",
        "new folder, cache kept",
        "validate",
        "serve: edit to reload",
        "serve: edit to whole site",
        "serve: template edit",
    ]
    assert all(r["ok"] for r in rows), [r.get("error") for r in rows if not r["ok"]]
    assert rows[-3]["edits"] == 5 and rows[-3]["wall_s"] > 0 and rows[-2]["wall_s"] > 0
    assert rows[-1]["edits"] == 3 and rows[-1]["wall_s"] > 0
    assert "template edit" in run.table(rows)
    assert not (tmp_path / "generated" / "project" / "templates").exists(), "the template step cleans up after itself"
