"""`factcheck build --drafts` marks itself (issue 19, item 6): drafts stay out of the feeds, the sitemap and
the open data; every page is noindex and carries a banner saying it is a drafts preview. A normal build
shows neither the banner nor a draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CLAIM_YAML
from tests.engine.test_build import build, tree

MARKERS = ("zzdraftmarker", "zzfuturemarker", "draf-rahasia", "nanti-terbit")
BANNER = '<p class="drafts-build-banner" role="note"><strong>Pratinjau draf</strong>'
NOINDEX = '<meta name="robots" content="noindex">'
CORRECTED = CLAIM_YAML + "corrections:\n  - date: 2021-04-25\n    note: Zzdraftmarker koreksi.\n"


@pytest.fixture
def project(make_project) -> Path:
    draft = CORRECTED.replace("title: Apakah", "title: Zzdraftmarker apakah") + "draft: true\n"
    scheduled = CORRECTED.replace("title: Apakah", "title: Zzfuturemarker apakah").replace(
        "published: 2021-04-19T09:00:00+07:00", "published: 2030-01-01T09:00:00+07:00"
    )
    return make_project({"content/claims/draf-rahasia.yaml": draft, "content/claims/nanti-terbit.yaml": scheduled})


def pages(site: Path) -> dict[str, str]:
    return {rel: data.decode("utf-8") for rel, data in tree(site).items() if rel.endswith(".html")}


def test_a_drafts_build_keeps_drafts_out_of_feeds_sitemap_and_open_data(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out, drafts=True)
    assert "Zzdraftmarker apakah" in (out / "claims/draf-rahasia/index.html").read_text()  # the preview shows it
    leaving = ["feed.xml", "corrections/feed.xml", "sitemap.xml", "claims.csv", "claimreview.json"]
    leaving += [p.relative_to(out).as_posix() for p in (out / "api").rglob("*.json")]
    for rel in leaving:
        text = (out / rel).read_text(encoding="utf-8").lower()
        for marker in MARKERS:
            assert marker not in text, f"{marker} is in {rel} of a drafts build"
    assert "<entry>" in (out / "feed.xml").read_text()  # the published fact-check is still in the feed
    assert "<url>" not in (out / "sitemap.xml").read_text()  # every page is noindex: none is offered to crawlers


def test_every_page_of_a_drafts_build_is_noindex_and_says_it_is_a_preview(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out, drafts=True)
    found = pages(out)
    assert len(found) > 15
    for rel, text in found.items():
        assert NOINDEX in text, f"{rel} of a drafts build can be indexed"
        assert BANNER in text, f"{rel} of a drafts build does not say it is a preview"


def test_a_normal_build_has_no_banner_and_no_draft(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    found = pages(out)
    for rel, text in found.items():
        assert "drafts-build-banner" not in text, rel
    assert NOINDEX not in found["index.html"] and NOINDEX not in found["claims/biden-telepon/index.html"]
    assert "<loc>https://cekfakta.example.org/claims/biden-telepon/</loc>" in (out / "sitemap.xml").read_text()
    for rel, data in tree(out).items():
        text = data.decode("utf-8", "replace").lower()
        for marker in MARKERS:
            assert marker not in text and marker not in rel, f"{marker} leaked into {rel}"
