"""A Malay site in Chromium: Pagefind finds its index (kept under Indonesian, whose stemmer it uses) and
its widget speaks Malay, from the site's catalogue; nothing in English is left in the widget."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest

from tests.browser.conftest import REPO_ROOT, start_static_server

pytestmark = pytest.mark.browser
RESULT_LINK = ".pagefind-ui__result-link"


@pytest.fixture(scope="module")
def malay_site(tmp_path_factory: pytest.TempPathFactory):
    from generator.core.project import Project
    from generator.engine.build import BuildOptions, build_site

    root = tmp_path_factory.mktemp("malay")
    shutil.copytree(REPO_ROOT / "content", root / "content")
    site_yaml = root / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text("utf-8").replace("\nlanguage: id\n", "\nlanguage: ms\n"), "utf-8")
    out = root / "site"
    result = build_site(Project.at(root), BuildOptions(output=out, clock=datetime(2026, 1, 1, tzinfo=UTC)))
    assert result.ok, [d.format_text() for d in result.diagnostics]
    server = start_static_server(out)
    yield server.base_url
    server.stop()


def test_the_search_widget_speaks_malay(malay_site: str, page_checker) -> None:
    visit = page_checker(malay_site + "/search/?q=diplomat")
    page = visit.page
    page.wait_for_selector(RESULT_LINK)
    assert "/claims/pengusiran-10-diplomat-termasuk-mata-mata/" in [
        a.get_attribute("href") for a in page.locator(RESULT_LINK).all()
    ]
    box = page.locator(".pagefind-ui__search-input")
    assert box.get_attribute("placeholder") == "Cari"
    assert page.locator(".pagefind-ui__form").get_attribute("aria-label") == "Cari di laman ini"
    message = page.locator(".pagefind-ui__message").inner_text()
    assert "hasil untuk diplomat" in message and "result" not in message
    assert "Penapis" in page.locator(".pagefind-ui__filter-panel-label").all_inner_texts()[0]
    box.fill("zzzqqq")
    page.wait_for_function("document.querySelector('.pagefind-ui__message')?.textContent.includes('Tiada hasil')")
    visit.assert_clean()
