"""The built demo site in Debian's Chromium: every page type loads cleanly, stays on this host,
passes axe-core (no serious or critical violation) and the Nu HTML checker, and fits narrow screens."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site

REPO_ROOT = Path(__file__).resolve().parents[2]
CLOCK = datetime(2026, 1, 1, tzinfo=UTC)

pytestmark = pytest.mark.browser


def first(site: Path, folder: str) -> str:
    """URL of the first page in a folder of generated pages, e.g. the first claim."""
    names = sorted(p.parent.name for p in (site / folder).glob("*/index.html") if p.parent.name != "page")
    assert names, f"no pages under /{folder}/"
    return f"/{folder}/{names[0]}/"


def page_types(site: Path) -> dict[str, str]:
    pages = sorted(
        p.parent.name
        for p in site.glob("*/index.html")
        if p.parent.name not in {"claims", "articles", "people", "verdicts", "tags", "corrections", "page", "search", "data"}
    )
    return {
        "home": "/",
        "claim": first(site, "claims"),
        "article": first(site, "articles"),
        "articles": "/articles/",
        "person": first(site, "people"),
        "people": "/people/",
        "verdict": first(site, "verdicts"),
        "scale": "/verdicts/",
        "tag": first(site, "tags"),
        "tags": "/tags/",
        "corrections": "/corrections/",
        "markdown page": f"/{pages[0]}/",
        "search": "/search/",
        "open data": "/data/",
    }


@pytest.fixture(scope="module")
def served(demo_site: Path):
    from tests.browser.conftest import start_static_server

    server = start_static_server(demo_site)
    yield server.base_url
    server.stop()


@pytest.mark.parametrize(
    "kind",
    [
        "home",
        "claim",
        "article",
        "articles",
        "person",
        "people",
        "verdict",
        "scale",
        "tag",
        "tags",
        "corrections",
        "markdown page",
        "search",
        "open data",
    ],
)
def test_page_type_loads_cleanly_and_is_accessible(kind: str, demo_site: Path, served: str, page_checker, run_axe) -> None:
    url = served + page_types(demo_site)[kind]
    visit = page_checker(url)
    visit.assert_clean()
    assert visit.page.locator("h1").count() == 1
    assert visit.page.locator("main").count() == 1
    violations = run_axe(visit.page)
    assert not violations, violations.report()


def test_404_page(served: str, page_checker, run_axe) -> None:
    visit = page_checker(served + "/no/such/page/", expect_status=404)
    visit.assert_clean()
    assert not run_axe(visit.page)


def test_dark_mode_is_accessible(demo_site: Path, served: str, page_checker, run_axe) -> None:
    for path in ("/", page_types(demo_site)["claim"]):
        visit = page_checker(served + path, color_scheme="dark")
        visit.assert_clean()
        violations = run_axe(visit.page)
        assert not violations, violations.report()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("kind", ["home", "claim"])
def test_layout_fits_the_screen(kind: str, width: int, demo_site: Path, served: str, page_checker, run_axe) -> None:
    visit = page_checker(served + page_types(demo_site)[kind], width=width)
    visit.assert_clean()
    overflow = visit.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page is {overflow}px wider than a {width}px screen"
    badge = visit.page.locator(".verdict").first
    assert badge.is_visible() and badge.inner_text().strip()  # the verdict is told in words
    violations = run_axe(visit.page)
    assert not violations, violations.report()


def test_claim_page_works_without_javascript(demo_site: Path, served: str, page_checker) -> None:
    visit = page_checker(served + page_types(demo_site)["claim"], javascript=False)
    visit.assert_clean()
    assert visit.page.locator(".sources li").count() >= 1


def test_no_html_errors_from_vnu(demo_site: Path, vnu_check) -> None:
    files = sorted(demo_site.rglob("*.html"))
    assert len(files) > 10
    errors = vnu_check(files)
    assert errors == [], "\n".join(errors)


def test_no_html_errors_in_golden_pages(vnu_check) -> None:
    """The golden project covers what the demo may not: corrections, appearances, archive links."""
    golden = REPO_ROOT / "tests" / "golden"
    errors = vnu_check(sorted(golden.rglob("*.html")))
    assert errors == [], "\n".join(errors)


def test_no_html_errors_in_a_drafts_build(tmp_path: Path, vnu_check) -> None:
    out = tmp_path / "site"
    assert build_site(Project.at(REPO_ROOT), BuildOptions(output=out, clock=CLOCK, drafts=True)).ok
    errors = vnu_check(sorted(out.rglob("*.html")))
    assert errors == [], "\n".join(errors)
