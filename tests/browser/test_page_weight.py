"""A fact-check page is light and needs no script: everything Chromium fetches for it except images
weighs under 60 KB once compressed as a host compresses text (gzip), and with JavaScript off the claim,
the verdict, the short answer, the analysis and the sources are all there to read."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.browser.conftest import start_static_server

pytestmark = pytest.mark.browser

BUDGET = 60 * 1024
FACT_CHECK = "claims/biden-telepon-putin-setelah-sanksi/"
COMPRESSED_FORMATS = (".woff2", ".woff")  # fonts are compressed already; a host sends them as they are


def transferred(url: str, body: bytes) -> int:
    return len(body) if url.endswith(COMPRESSED_FORMATS) else len(gzip.compress(body, 9))


def test_a_fact_check_weighs_under_60_kb_before_images(browser, demo_site: Path) -> None:
    server = start_static_server(demo_site)
    context = browser.new_context()
    weights: dict[str, int] = {}
    try:
        page = context.new_page()

        def counted(response) -> None:
            if response.request.resource_type != "image" and response.ok:
                weights[response.url] = transferred(response.url, response.body())

        page.on("response", counted)
        page.goto(f"{server.base_url}/{FACT_CHECK}", wait_until="networkidle")
    finally:
        context.close()
        server.stop()
    assert f"{server.base_url}/{FACT_CHECK}" in weights and any(u.endswith(".css") for u in weights), weights
    total = sum(weights.values())
    listing = ", ".join(f"{u.rsplit('/', 2)[-2:]}: {w} B" for u, w in sorted(weights.items()))
    assert total < BUDGET, f"{total} bytes compressed ({listing})"


def test_a_fact_check_reads_whole_without_javascript(browser, demo_site: Path) -> None:
    server = start_static_server(demo_site)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server.base_url}/{FACT_CHECK}")
        main = page.locator("main")
        assert main.locator("blockquote, q").first.is_visible()  # the claim as quoted
        text = main.inner_text()
        for words in ("Salah", "Sumber"):  # the verdict on the demo's scale, and the heading of the sources
            assert words in text, words
        assert main.locator("a[href^='http']").count() >= 2  # the sources link out
        assert len(text.split()) > 150  # the analysis itself, not only its frame
    finally:
        context.close()
        server.stop()
