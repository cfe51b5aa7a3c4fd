"""A desk's theme in Chromium: the demo with a logo, favicon, brand colours (a light palette with a dark one, and
a dark palette alone), its own menu, footer and social links stays WCAG 2.1 AA (axe) in light and dark mode,
shows the brand's colours, and loads nothing from another host; the pages pass the HTML checker."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.browser.conftest import REPO_ROOT, start_static_server
from tests.content.test_theme import png

pytestmark = pytest.mark.browser

THEMES = {
    "light-and-dark": """
theme:
  logo: {file: templates/static/logo.png, alt: Cek Fakta Demo}
  favicon: templates/static/icon.png
  colours: {text: "#2b2118", background: "#fff8ee", accent: "#9c2a00"}
  dark_colours: {text: "#f3ece2", background: "#1b1612", accent: "#ffb38a"}
  navigation:
    - page: home
    - page: tentang
    - page: metodologi
      label: Cara kami bekerja
    - url: https://donasi.example.org/
      label: Donasi
  footer:
    text: "© 2026 Cek Fakta Demo. Isi berlisensi CC BY 4.0."
  social: [https://www.instagram.com/cekfaktademo, https://x.com/cekfaktademo]
""",
    "dark-only": """
theme:
  colours: {text: "#e8eef5", background: "#0e1a26", accent: "#7cc4ff"}
""",
}
PAGES = ["", "claims/sanksi-32-orang-pemilu-2020/", "search/?q=diplomat", "verdicts/", "tentang/", "no-such-page/"]


@pytest.fixture(scope="module", params=sorted(THEMES))
def themed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    from generator.core.project import Project
    from generator.engine.build import BuildOptions, build_site

    project = tmp_path_factory.mktemp(f"theme-{request.param}") / "project"
    shutil.copytree(REPO_ROOT / "content", project / "content")
    static = project / "templates" / "static"
    static.mkdir(parents=True)
    (static / "logo.png").write_bytes(png((240, 60)))
    (static / "icon.png").write_bytes(png((32, 32)))
    site_yaml = project / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + THEMES[request.param], encoding="utf-8")
    out = project / "site"
    result = build_site(Project.at(project), BuildOptions(output=out, clock=datetime(2026, 1, 1, tzinfo=UTC)))
    assert result.ok, [d.format_text() for d in result.diagnostics]
    server = start_static_server(out)
    yield request.param, server.base_url, out
    server.stop()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_a_themed_site_stays_accessible(themed, path: str, scheme: str, page_checker, run_axe) -> None:
    name, base, _ = themed
    visit = page_checker(f"{base}/{path}", color_scheme=scheme, expect_status=404 if path == "no-such-page/" else 200)
    page = visit.page
    if path.startswith("search/"):
        page.wait_for_selector(".pagefind-ui__result-link")
    visit.assert_clean()
    violations = run_axe(page)
    assert not violations, violations.report()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    expected = {
        ("light-and-dark", "light"): "rgb(255, 248, 238)",
        ("light-and-dark", "dark"): "rgb(27, 22, 18)",
        ("dark-only", "light"): "rgb(14, 26, 38)",
        ("dark-only", "dark"): "rgb(14, 26, 38)",
    }[(name, scheme)]
    assert background == expected
    if name == "light-and-dark":
        assert page.evaluate("document.querySelector('.site-logo').naturalWidth") == 240
        assert page.get_by_role("link", name="Cek Fakta Demo").first.get_attribute("href") == "/"


def test_the_themed_pages_pass_the_html_checker(themed, vnu_check) -> None:
    _, _, site = themed
    pages: list[Path] = [site / "index.html", site / "claims/sanksi-32-orang-pemilu-2020/index.html", site / "404.html"]
    assert vnu_check(pages) == []
