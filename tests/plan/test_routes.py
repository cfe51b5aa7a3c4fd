"""plan_site: the URL scheme, ordering, pagination and the values handed to templates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from generator.content.loading import load_content
from generator.content.models import RESERVED_SLUGS
from generator.core.project import Project
from generator.engine.build import BuildOptions
from generator.plan.planner import plan_site
from generator.plan.routes import Route

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)


def claim_yaml(
    title: str,
    verdict: str = "salah",
    published: str = "2021-04-19T09:00:00+07:00",
    tags: str = "[sanksi]",
    position: int | None = None,
    extra: str = "",
) -> str:
    pos = f"article_position: {position}\n" if position else ""
    return (
        f"title: {title}\nclaim: Kutipan {title}.\nclaim_short: Klaim {title}\nclaimant: joe-biden\n"
        f"article: medcom-berita\n{pos}claim_date: 2021-04-16\nverdict: {verdict}\nsummary: Ringkas.\n"
        f"analysis: Analisis [@b] lalu [@a].\nsources:\n"
        f"  - {{id: a, title: Sumber A, url: 'https://a.example.org/'}}\n"
        f"  - {{id: b, title: Sumber B, url: 'https://b.example.org/'}}\n"
        f"  - {{id: c, title: Sumber C, url: 'https://c.example.org/'}}\n"
        f"tags: {tags}\nauthors: [tim]\npublished: {published}\n{extra}"
    )


def plan(make_project, files=None, **options) -> dict[str, Route]:
    root = make_project(files or {})
    content, diagnostics = load_content(Project.at(root), CLOCK)
    assert content is not None, [d.format_text() for d in diagnostics]
    options.setdefault("clock", CLOCK)
    routes = plan_site(content, BuildOptions(**options))
    assert [r.url for r in routes] == sorted(r.url for r in routes)
    return {r.url: r for r in routes}


def test_url_scheme(make_project) -> None:
    routes = plan(make_project)
    assert set(routes) == {
        "/",
        "/404.html",
        "/feed.xml",
        "/corrections/feed.xml",
        "/sitemap.xml",
        "/robots.txt",
        "/claims/biden-telepon/",
        "/articles/",
        "/articles/medcom-berita/",
        "/people/",
        "/people/medcom/",
        "/people/tim/",
        "/verdicts/",
        "/verdicts/benar/",
        "/verdicts/sebagian-benar/",
        "/verdicts/salah/",
        "/verdicts/tidak-terbukti/",
        "/tags/",
        "/tags/sanksi/",
        "/corrections/",
        "/tentang/",
        "/search/",
        "/data/",
    }
    assert routes["/claims/biden-telepon/"].output_path == "claims/biden-telepon/index.html"
    assert routes["/feed.xml"].output_path == "feed.xml"
    generated_segments = {url.strip("/").split("/")[0].split(".")[0] for url in routes if url != "/"} - {"tentang"}
    assert generated_segments <= RESERVED_SLUGS


def test_canonical_urls_follow_base_url_option(make_project) -> None:
    routes = plan(make_project, base_url="https://mirror.example.net/")
    page = routes["/claims/biden-telepon/"].context["page"]
    assert page["canonical"] == "https://mirror.example.net/claims/biden-telepon/"
    assert '"url":"https://mirror.example.net/claims/biden-telepon/"' in routes["/claims/biden-telepon/"].context["jsonld"]


def test_sources_numbered_by_first_citation_then_uncited(make_project) -> None:
    routes = plan(make_project, {"content/claims/biden-telepon.yaml": claim_yaml("Satu")})
    sources = routes["/claims/biden-telepon/"].context["claim"]["sources"]
    assert [(s["number"], s["id"]) for s in sources] == [(1, "b"), (2, "a"), (3, "c")]
    assert 'href="#source-b">[1]' in routes["/claims/biden-telepon/"].context["claim"]["analysis_html"]


def test_home_is_paginated_newest_first(make_project) -> None:
    from tests.conftest import SITE_YAML

    files = {"content/site.yaml": SITE_YAML + "per_page: 2\n"}
    for n in range(1, 6):
        files[f"content/claims/k{n}.yaml"] = claim_yaml(f"K{n}", published=f"2021-05-0{n}")
    routes = plan(make_project, files)
    assert "/page/2/" in routes and "/page/3/" in routes and "/page/4/" not in routes
    first = routes["/"].context
    assert [c["id"] for c in first["cards"]] == ["k5", "k4"]
    assert first["pagination"] == {"number": 1, "total": 3, "prev_url": None, "next_url": "/page/2/"}
    assert routes["/page/3/"].context["pagination"]["prev_url"] == "/page/2/"
    assert [c["id"] for c in routes["/page/3/"].context["cards"]] == ["k1", "biden-telepon"]
    assert "/tags/sanksi/page/3/" in routes


def test_article_page_keeps_article_order_and_tally(make_project) -> None:
    files = {
        "content/claims/biden-telepon.yaml": claim_yaml("Tiga", position=3),
        "content/claims/a.yaml": claim_yaml("Satu", verdict="benar", position=1, published="2021-05-01"),
        "content/claims/z.yaml": claim_yaml("Dua", position=2),
    }
    context = plan(make_project, files)["/articles/medcom-berita/"].context
    assert [c["id"] for c in context["cards"]] == ["a", "z", "biden-telepon"]
    assert {row["verdict"]["id"]: row["count"] for row in context["verdicts"]} == {
        "benar": 1,
        "sebagian-benar": 0,
        "salah": 2,
        "tidak-terbukti": 0,
    }


def test_person_scorecard_counts_every_verdict_with_total_and_range(make_project) -> None:
    files = {
        "content/claims/biden-telepon.yaml": claim_yaml("Satu"),
        "content/claims/b.yaml": claim_yaml("Dua", verdict="benar").replace("claim_date: 2021-04-16", "claim_date: 2021-03-01"),
    }
    context = plan(make_project, files)["/people/joe-biden/"].context
    card = context["scorecard"]
    assert [(r["verdict"]["id"], r["count"]) for r in card["rows"]] == [
        ("benar", 1),
        ("sebagian-benar", 0),
        ("salah", 1),
        ("tidak-terbukti", 0),
    ]
    assert card["total"] == 2 and card["first"]["iso"] == "2021-03-01" and card["last"]["iso"] == "2021-04-16"
    assert plan(make_project, files)["/people/tim/"].context["scorecard"] is None


def test_related_prefers_same_article_then_shared_tags(make_project) -> None:
    files = {
        "content/claims/biden-telepon.yaml": claim_yaml("Satu", position=1),
        "content/claims/b.yaml": claim_yaml("Dua", position=2, tags="[lain]"),
        "content/claims/c.yaml": claim_yaml("Tiga", tags="[sanksi]").replace("article: medcom-berita\n", ""),
        "content/claims/d.yaml": claim_yaml("Empat", tags="[lain]").replace("article: medcom-berita\n", ""),
    }
    related = plan(make_project, files)["/claims/biden-telepon/"].context["claim"]["related"]
    assert [c["id"] for c in related] == ["b", "c"]


def test_drafts_and_future_claims_are_not_planned(make_project) -> None:
    files = {
        "content/claims/draf.yaml": claim_yaml("Draf", tags="[rahasia]", extra="draft: true\n"),
        "content/claims/nanti.yaml": claim_yaml("Nanti", published="2030-01-01"),
    }
    routes = plan(make_project, files)
    assert "/claims/draf/" not in routes and "/claims/nanti/" not in routes and "/tags/rahasia/" not in routes
    with_drafts = plan(make_project, files, drafts=True)
    assert with_drafts["/claims/draf/"].context["page"]["noindex"] is True
    assert with_drafts["/claims/draf/"].context["claim"]["draft"] is True
    assert with_drafts["/claims/nanti/"].context["claim"]["draft"] is True
    sitemap = [u["loc"] for u in with_drafts["/sitemap.xml"].context["urls"]]
    assert not any("draf" in u or "nanti" in u for u in sitemap)


def test_appearance_links_prefer_archive_and_are_nofollow(make_project) -> None:
    files = {
        "content/articles/medcom-berita.yaml": (
            "title: Berita\npublisher: medcom\npublished: 2021-04-16\nurl: https://www.medcom.id/a\n"
            "archive_url: https://web.archive.org/web/2021/https://www.medcom.id/a\n"
        )
    }
    article = plan(make_project, files)["/claims/biden-telepon/"].context["claim"]["article"]
    assert [(link["kind"], link["rel"]) for link in article["links"]] == [
        ("archive", "nofollow noopener"),
        ("original", "nofollow noopener"),
    ]


def test_feed_updated_is_newest_content_date_not_build_time(make_project) -> None:
    routes = plan(make_project)
    assert routes["/feed.xml"].context["updated"] == "2021-04-19T02:00:00Z"
    # No correction yet: the corrections feed was last updated with the site, not on 1 January 1970.
    assert routes["/corrections/feed.xml"].context["updated"] == "2021-04-19T02:00:00Z"


def test_an_empty_corrections_feed_is_dated_with_the_sites_latest_change_not_1970(make_project, tmp_path) -> None:
    from generator.engine.build import build_site

    out = tmp_path / "site"
    assert build_site(Project.at(make_project()), BuildOptions(output=out, clock=CLOCK)).ok
    feed = (out / "corrections/feed.xml").read_text(encoding="utf-8")
    assert "<entry>" not in feed and "1970" not in feed
    assert "<updated>2021-04-19T02:00:00Z</updated>" in feed  # the one fact-check's publication, in UTC


def test_plan_needs_a_clock(make_project) -> None:
    root = make_project()
    content, _ = load_content(Project.at(root), CLOCK)
    with pytest.raises(ValueError):
        plan_site(content, BuildOptions())


def test_markdown_page_slugs_cannot_shadow_generated_ones() -> None:
    assert {"claims", "articles", "people", "verdicts", "tags", "page", "corrections", "static"} <= RESERVED_SLUGS


def test_person_pages_are_paginated_and_a_desk_shows_its_newest_work(make_project) -> None:
    from tests.conftest import SITE_YAML

    files = {"content/site.yaml": SITE_YAML + "per_page: 2\n"}
    for n in range(1, 4):
        files[f"content/claims/k{n}.yaml"] = claim_yaml(f"K{n}", published=f"2021-05-0{n}")
    routes = plan(make_project, files)
    assert [c["id"] for c in routes["/people/joe-biden/"].context["cards"]] == ["k3", "k2"]
    assert [c["id"] for c in routes["/people/joe-biden/page/2/"].context["cards"]] == ["k1"]
    assert routes["/people/joe-biden/page/2/"].context["scorecard"]["total"] == 3
    desk = routes["/people/tim/"].context
    assert [c["id"] for c in desk["written"]] == ["k3", "k2"] and desk["written_count"] == 4
