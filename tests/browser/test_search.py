"""Search, open data and sharing on the demo site in Chromium: the header box finds fact-checks by Indonesian
words, a verdict filter narrows the results, nothing is requested from another host, and the search and data
pages pass axe; without JavaScript the search page offers the lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

RESULT_LINK = ".pagefind-ui__result-link"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(demo_site: Path):
    from tests.browser.conftest import start_static_server

    server = start_static_server(demo_site)
    yield server.base_url
    server.stop()


def search_from_header(page_checker, served: str, words: str):
    """Type into the header box of the home page and submit, as a reader would."""
    visit = page_checker(served + "/")
    page = visit.page
    page.get_by_role("searchbox", name="Cari cek fakta").fill(words)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_selector(RESULT_LINK)
    return visit


def result_urls(page) -> list[str]:
    return [a.get_attribute("href") for a in page.locator(RESULT_LINK).all()]


def all_result_urls(page) -> list[str]:
    """Every result, not only the first few: Pagefind's UI shows five and a 'load more' button."""
    more = page.locator(".pagefind-ui__button")
    while more.count() and more.first.is_visible():
        shown = page.locator(RESULT_LINK).count()
        more.first.click()
        page.wait_for_function(f"document.querySelectorAll('{RESULT_LINK}').length > {shown}")
    return result_urls(page)


def test_header_box_finds_the_diplomat_fact_check(served: str, page_checker) -> None:
    visit = search_from_header(page_checker, served, "diplomat")
    urls = result_urls(visit.page)
    assert "/claims/pengusiran-10-diplomat-termasuk-mata-mata/" in urls
    assert all(u.startswith("/claims/") for u in urls)
    visit.assert_clean()  # no console errors, no failed request, nothing sent to another host


def test_32_orang_finds_the_sanctions_fact_check_first(served: str, page_checker) -> None:
    visit = search_from_header(page_checker, served, "32 orang")
    assert result_urls(visit.page)[0] == "/claims/sanksi-32-orang-pemilu-2020/"
    assert "32" in visit.page.locator(".pagefind-ui__result-title").first.inner_text()
    visit.assert_clean()


def test_a_verdict_filter_narrows_the_results(demo_site: Path, served: str, page_checker) -> None:
    verdict_of = {
        c["url"].split("example.org")[1]: c["verdict"]["label"]
        for c in json.loads((demo_site / "api/claims.json").read_text())["claims"]
    }
    visit = page_checker(served + "/search/?q=diplomat")
    page = visit.page
    page.wait_for_selector(RESULT_LINK)
    before = all_result_urls(page)
    assert len({verdict_of[u] for u in before}) > 1, "the query should span several verdicts"
    page.locator("summary", has_text="Penilaian").click()
    page.get_by_role("checkbox", name="Salah").check()
    page.wait_for_function(f"document.querySelectorAll('{RESULT_LINK}').length < {len(before)}")
    after = all_result_urls(page)
    assert after and set(after) < set(before)
    assert {verdict_of[u] for u in after} == {"Salah"}
    visit.assert_clean()


def test_a_query_in_the_address_shows_every_filter_on_a_slow_connection(demo_site: Path, page_checker) -> None:
    """Pagefind counts a search's filters over the filter files it has loaded so far, and its UI keeps the
    first counts: a search started before they are all in left filters out of the panel. Two of the three
    filter files are held back here; the search page waits for them before it searches."""
    from tests.browser.conftest import start_static_server

    asked: list[str] = []

    def delay(path: str) -> float:
        if "/pagefind/filter/" not in path:
            return 0.0
        asked.append(path)
        return 1.5 if len(asked) > 1 else 0.0

    server = start_static_server(demo_site, delay=delay)
    try:
        visit = page_checker(server.base_url + "/search/?q=diplomat")
        page = visit.page
        page.wait_for_selector(RESULT_LINK)
        groups = page.locator(".pagefind-ui__filter-name").all_inner_texts()
        assert sorted(groups) == ["Pengklaim", "Penilaian", "Topik"], groups
        assert len(asked) == 3
        visit.assert_clean()
    finally:
        server.stop()


@pytest.mark.parametrize("path", ["/search/?q=diplomat", "/data/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_and_data_pages_are_accessible(path: str, scheme: str, served: str, page_checker, run_axe) -> None:
    visit = page_checker(served + path, color_scheme=scheme)
    if path.startswith("/search/"):
        visit.page.wait_for_selector(RESULT_LINK)
        visit.page.locator("summary", has_text="Penilaian").click()  # the open filter list too
    visit.assert_clean()
    assert visit.page.locator("h1").count() == 1 and visit.page.locator("main").count() == 1
    violations = run_axe(visit.page)
    assert not violations, violations.report()


def test_without_javascript_the_search_page_offers_the_lists(served: str, page_checker) -> None:
    visit = page_checker(served + "/", javascript=False)
    page = visit.page
    page.get_by_role("searchbox", name="Cari cek fakta").fill("diplomat")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url("**/search/?q=diplomat")
    assert "Pencarian memerlukan JavaScript" in page.locator("main").inner_text()
    for href in ("/tags/", "/verdicts/", "/people/"):
        assert page.locator(f'main a[href="{href}"]').count() == 1
    visit.assert_clean()


def test_share_links_and_copy_text(served: str, page_checker, browser) -> None:
    visit = page_checker(served + "/claims/sanksi-32-orang-pemilu-2020/")
    page = visit.page
    links = {a.inner_text(): a.get_attribute("href") for a in page.locator(".share-links a").all()}
    assert list(links) == ["WhatsApp", "Telegram", "X", "Facebook", "Surel"]
    assert links["WhatsApp"].startswith("https://wa.me/?text=") and links["Surel"].startswith("mailto:?subject=")
    text = page.locator("#share-text").input_value()
    assert text.startswith("Klaim: AS menjatuhkan sanksi kepada 32 orang") and "Sebagian benar" in text
    assert text.endswith("https://cekfakta.example.org/claims/sanksi-32-orang-pemilu-2020/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Salin teks").click()
    page.wait_for_function("document.querySelector('.share-status').textContent === 'Tersalin'")
    assert page.evaluate("navigator.clipboard.readText()") == text
    visit.assert_clean()
