"""A desk's look without forking: site.yaml's theme shows on every page, a project's templates/ replaces the
built-in theme file by file and can extend the file it replaces (builtin:NAME), the same for static/, and
the built-in templates say which blocks and context they have."""

from __future__ import annotations

import html.parser
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.core.project import Project
from generator.core.resources import builtin_theme
from generator.engine.build import BuildOptions, build_site
from generator.plan.palette import FIXED
from tests.conftest import SITE_YAML
from tests.content.test_theme import GOOD_THEME, IMAGES

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)


def build(project: Path, base_url: str | None = None) -> Path:
    out = project / "site"
    result = build_site(Project.at(project), BuildOptions(output=out, clock=CLOCK, base_url=base_url))
    assert result.ok, [d.format_text() for d in result.diagnostics]
    return out


class _Page(html.parser.HTMLParser):
    """The parts of a page the theme decides: header logo, menu, stylesheets, icon, footer."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.logo: dict[str, str | None] | None = None
        self.menu: list[tuple[str | None, str]] = []
        self.styles: list[str | None] = []
        self.icon: str | None = None
        self.footer_text = ""
        self._link: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.stack.append(values.get("class") or tag)
        if tag == "img" and "site-logo" in (values.get("class") or ""):
            self.logo = values
        if tag == "link" and values.get("rel") == "stylesheet":
            self.styles.append(values.get("href"))
        if tag == "link" and values.get("rel") == "icon":
            self.icon = values.get("href")
        if tag == "a" and "site-menu" in self.stack:
            self._link = values.get("href")
            self.menu.append((self._link, ""))

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()
        self._link = None

    def handle_data(self, data: str) -> None:
        if self._link is not None and self.menu:
            href, text = self.menu[-1]
            self.menu[-1] = (href, text + data)
        if "footer-text" in self.stack:
            self.footer_text += data


def parse(page: Path) -> _Page:
    parser = _Page()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize(("base_url", "root"), [(None, "/"), ("https://org.github.io/cekfakta/", "/cekfakta/")])
def test_a_theme_in_site_yaml_shows_on_every_page(make_project, base_url: str | None, root: str) -> None:
    site = build(make_project({"content/site.yaml": SITE_YAML + GOOD_THEME, **IMAGES}), base_url)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        seen = parse(page)
        where = page.relative_to(site).as_posix()
        assert seen.logo is not None, where
        assert (seen.logo["src"], seen.logo["alt"], seen.logo["width"], seen.logo["height"]) == (
            f"{root}static/logo.png",
            "Cek Fakta Uji",
            "200",
            "50",
        ), where
        assert seen.styles == [f"{root}static/style.css", f"{root}static/brand.css"] or (
            where.startswith("search/") and seen.styles[:2] == [f"{root}static/style.css", f"{root}static/brand.css"]
        ), where
        assert seen.icon == f"{root}static/icon.png", where
        assert seen.menu == [
            (root, "Cek fakta"),
            (f"{root}tentang/", "Tentang kami"),
            ("https://donasi.example.org/", "Donasi"),
        ], where
        assert seen.footer_text == "Hak cipta Cek Fakta Uji", where
    assert (site / "static/logo.png").read_bytes() == IMAGES["templates/static/logo.png"]
    css = (site / "static/brand.css").read_text(encoding="utf-8")
    assert "--fg: #1a1a1a;" in css and "--bg: #ffffff;" in css and "--link: #0b57d0;" in css
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta name="color-scheme" content="light">' in home
    assert 'href="https://www.instagram.com/cekfaktauji" rel="me">Instagram</a>' in home
    assert f'<a href="{root}corrections/">Daftar koreksi</a>' in home and f'<a href="{root}data/">Data terbuka</a>' in home
    assert f'href="{root}articles/">' not in home.split('class="site-footer"')[1]  # the footer is the desk's list


def test_the_publisher_gets_the_theme_logo_and_social_profiles_as_same_as(make_project) -> None:
    site = build(make_project({"content/site.yaml": SITE_YAML + GOOD_THEME, **IMAGES}))
    page = (site / "claims/biden-telepon/index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found is not None
    publisher = json.loads(found.group(1))["publisher"]
    assert publisher["logo"] == {"@type": "ImageObject", "url": "https://cekfakta.example.org/static/logo.png"}
    assert publisher["sameAs"] == ["https://www.instagram.com/cekfaktauji"]
    feed = json.loads((site / "claimreview.json").read_text(encoding="utf-8"))
    assert feed["dataFeedElement"][0]["item"][0]["publisher"] == publisher  # the open data says the same


def test_dark_colours_come_in_a_dark_media_block(make_project) -> None:
    theme = GOOD_THEME + '  dark_colours:\n    text: "#eeeeee"\n    background: "#101418"\n    accent: "#8ab4f8"\n'
    site = build(make_project({"content/site.yaml": SITE_YAML + theme, **IMAGES}))
    css = (site / "static/brand.css").read_text(encoding="utf-8")
    light, dark = css.split("@media (prefers-color-scheme: dark)")
    assert "--bg: #ffffff;" in light and "--bg: #101418;" in dark and "color-scheme: dark;" in dark
    assert '<meta name="color-scheme" content="light dark">' in (site / "index.html").read_text(encoding="utf-8")


OVERRIDE_BASE = """\
{% extends "builtin:base.html" %}
{% block head_extra %}{{ super() }}<link rel="stylesheet" href="{{ site.root }}static/desk.css">{% endblock %}
{% block footer %}{{ super() }}<p class="desk-note">Catatan meja redaksi</p>{% endblock %}
"""


def test_an_override_extends_the_builtin_file_it_replaces_and_head_extra_reaches_every_page(make_project) -> None:
    project = make_project({"templates/base.html": OVERRIDE_BASE, "templates/static/desk.css": "body { margin: 0; }\n"})
    site = build(project)
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        where = page.relative_to(site).as_posix()
        assert '<link rel="stylesheet" href="/static/desk.css">' in text, where
        assert '<p class="desk-note">Catatan meja redaksi</p>' in text, where
        assert 'class="site-footer"' in text and "Diterbitkan oleh" in text, where  # super(): the built-in footer stays
    claim = (site / "claims/biden-telepon/index.html").read_text(encoding="utf-8")
    assert '<script type="application/ld+json">' in claim and "static/share.js" in claim  # claim.html's own head_extra
    search = (site / "search/index.html").read_text(encoding="utf-8")
    assert "pagefind/pagefind-ui.css" in search and "static/search.js" in search
    assert (site / "static/desk.css").read_text(encoding="utf-8") == "body { margin: 0; }\n"


def test_one_template_and_one_static_file_replace_the_builtin_ones(make_project) -> None:
    tag = '{% extends "builtin:tag.html" %}\n{% block title %}Topik: {{ tag.label }}{% endblock %}\n'
    project = make_project({"templates/tag.html": tag, "templates/static/style.css": "/* the desk's own */\n"})
    site = build(project)
    assert "<title>Topik: Sanksi</title>" in (site / "tags/sanksi/index.html").read_text(encoding="utf-8")
    assert "<title>Topik" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "static/style.css").read_text(encoding="utf-8") == "/* the desk's own */\n"
    builtin_js = (builtin_theme() / "static/search.js").read_bytes()
    assert (site / "static/search.js").read_bytes() == builtin_js  # the files it does not replace stay


def documented_blocks(comment: str) -> set[str]:
    """The block names after 'Blocks:' in a template's top comment, remarks in parentheses left out."""
    text = comment.split("Blocks:", 1)[1]
    while True:
        shorter = re.sub(r"\([^()]*\)", "", text)
        if shorter == text:
            break
        text = shorter
    return {name.strip() for name in text.split(".")[0].split(",")} - {"none", ""}


def test_every_builtin_template_documents_its_context_and_exactly_its_blocks() -> None:
    for path in sorted(builtin_theme().glob("*.*")):
        if path.suffix not in (".html", ".xml", ".txt", ".css"):
            continue
        text = path.read_text(encoding="utf-8")
        comment = re.search(r"\{#-?(.*?)-?#\}", text, re.S)
        assert comment is not None and text.index(comment.group(0)) < 60, f"{path.name} has no comment at its top"
        assert "Context:" in comment.group(1) and "Blocks:" in comment.group(1), path.name
        defined = set(re.findall(r"\{%-?\s*block\s+(\w+)", text))
        assert documented_blocks(comment.group(1)) == defined, path.name


def test_every_template_that_fills_head_extra_calls_super() -> None:
    for path in sorted(builtin_theme().glob("*.html")):
        text = path.read_text(encoding="utf-8")
        for body in re.findall(r"\{%-?\s*block\s+head_extra\s*-?%\}(.*?)\{%-?\s*endblock", text, re.S):
            if path.name != "base.html":
                assert "super()" in body, f"{path.name} fills head_extra without super()"


def test_the_palette_keeps_the_builtin_colours_it_does_not_replace() -> None:
    css = (builtin_theme() / "static/style.css").read_text(encoding="utf-8")
    light = css.split("@media (prefers-color-scheme: dark)")[0]
    dark = css.split("@media (prefers-color-scheme: dark)")[1].split("}")[0]
    for scheme, block in (("light", light), ("dark", dark)):
        for name, value in FIXED[scheme].items():
            assert re.search(rf"{re.escape(name)}:\s*{value}\b", block), f"{scheme} {name} is not {value} in style.css"


def test_a_rebuild_after_the_logo_changed_measures_and_checks_it_again(make_project) -> None:
    from dataclasses import replace

    from tests.content.test_theme import png

    project = make_project({"content/site.yaml": SITE_YAML + GOOD_THEME, **IMAGES})
    options = BuildOptions(output=project / "site", clock=CLOCK)
    first = build_site(Project.at(project), options)
    assert first.ok and first.snapshot is not None
    (project / "templates/static/logo.png").write_bytes(png((120, 40)))
    changed = ("templates/static/logo.png",)
    again = build_site(Project.at(project), replace(options, since=first.snapshot, changed=changed))
    assert again.ok, [d.format_text() for d in again.diagnostics]
    assert 'width="120" height="40"' in (project / "site/index.html").read_text(encoding="utf-8")
    (project / "templates/static/logo.png").write_bytes(b"no longer an image")
    broken = build_site(Project.at(project), replace(options, since=again.snapshot, changed=changed))
    assert not broken.ok and any(d.code == "bad-theme-file" for d in broken.diagnostics)


def test_every_page_of_the_site_can_be_named_in_the_menu_and_the_footer(make_project) -> None:
    from generator.content.theme import BUILTIN_PAGES

    links = "".join(f"    - page: {name}\n" for name in BUILTIN_PAGES)
    theme = f"theme:\n  navigation:\n{links}  footer:\n    links:\n{links.replace('    -', '      -')}"
    site = build(make_project({"content/site.yaml": SITE_YAML + theme}))
    seen = parse(site / "index.html")
    assert [href for href, _ in seen.menu] == [BUILTIN_PAGES[name] for name in BUILTIN_PAGES]
    assert all(text.strip() for _, text in seen.menu)  # each worded in the interface language
    footer = (site / "index.html").read_text(encoding="utf-8").split('class="site-footer"')[1]
    assert footer.count("<li><a href=") == len(BUILTIN_PAGES)
    for address in BUILTIN_PAGES.values():
        page = address.lstrip("/")
        assert (site / (page + "index.html" if address.endswith("/") else page)).is_file(), address
