"""Sites in other languages, built: a Malay interface with nothing left in English, a desk's own
catalogue (Spanish), overrides of a built-in one, and rebuilds when a catalogue changes."""

from __future__ import annotations

import json
import os
import re
import time
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

from generator.core.languages import find_interface, required_messages
from generator.core.project import Project
from generator.engine.build import build_site
from generator.engine.options import BuildOptions
from tests.conftest import SITE_YAML

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "data-pagefind-filter", "data-done", "content")


def build(project: Path, out: Path, cache: bool = False):
    result = build_site(Project.at(project), BuildOptions(output=out, clock=CLOCK, cache=cache))
    assert result.ok, [d.format_text() for d in result.diagnostics]
    return result


def site_in(language: str) -> dict:
    return {"content/site.yaml": SITE_YAML.replace("language: id", f"language: {language}")}


class Texts(HTMLParser):
    """What a reader sees or hears of a page: text (not scripts) and the attributes read out."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        self.texts.extend(value for name, value in attrs if name in READ_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.texts.append(" ".join(data.split()))


def page_texts(site: Path) -> dict[str, list[str]]:
    found = {}
    for page in sorted(site.rglob("*.html")):
        if "pagefind" in page.parts:
            continue
        parser = Texts()
        parser.feed(page.read_text("utf-8"))
        found[page.relative_to(site).as_posix()] = parser.texts
    return found


def english_texts(language: str) -> list[str]:
    """The theme's English texts that the language writes differently (a placeholder cut off the rest)."""
    interface = find_interface(language, None)
    assert interface is not None
    english = []
    for msgid, _ in required_messages():
        translation = interface.translations.gettext(msgid)
        text = re.split(r"%\(\w+\)\w|\[[A-Z_]+\]", msgid)[0].strip()
        if translation != msgid and len(text) > 3 and text.lower() not in translation.lower():
            english.append(text)
    return english


def test_a_malay_site_has_no_english_left(make_project, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(make_project(site_in("ms")), out)
    english = english_texts("ms")
    assert len(english) > 80
    leftovers = {
        (page, text)
        for page, texts in page_texts(out).items()
        if page != "data/index.html"  # its field descriptions are English by design, and say so
        for text in texts
        for msgid in english
        if text == msgid or (" " in msgid and msgid in text)
    }
    assert leftovers == set()
    claim = (out / "claims/biden-telepon/index.html").read_text()
    assert '<html lang="ms"' in claim and '<meta property="og:locale" content="ms_MY">' in claim
    assert "Keputusan kami" in claim and "Jumaat, 16 April 2021" in claim and "Kongsi semakan fakta ini" in claim
    search = (out / "search/index.html").read_text()
    words = json.loads(re.search(r"data-translations='([^']*)'", search).group(1))  # type: ignore[union-attr]
    assert words["zero_results"] == "Tiada hasil untuk [SEARCH_TERM]" and words["placeholder"] == "Cari"


def test_an_english_site_leaves_pagefind_its_own_words(make_project, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(make_project(site_in("en")), out)
    assert "data-translations" not in (out / "search/index.html").read_text()


SPANISH = """\
msgid ""
msgstr ""
"Language: es\\n"

msgid "Our verdict"
msgstr "Nuestro veredicto"

msgid "%(num)d fact-check"
msgid_plural "%(num)d fact-checks"
msgstr[0] "%(num)d verificación"
msgstr[1] "%(num)d verificaciones"
msgstr[2] "%(num)d verificaciones"

msgid "No results for [SEARCH_TERM]"
msgstr "Sin resultados para [SEARCH_TERM]"
"""


def test_a_desks_spanish_catalogue_is_used_with_spanish_dates(make_project, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build(make_project({**site_in("es"), "locale/es.po": SPANISH}), out)
    assert [d.code for d in result.diagnostics] == ["untranslated-interface"]  # said, never silent
    claim = (out / "claims/biden-telepon/index.html").read_text()
    assert "Nuestro veredicto" in claim and '<meta property="og:locale" content="es_ES">' in claim
    assert "viernes, 16 de abril de 2021" in claim
    home = (out / "index.html").read_text()
    assert "19 de abril de 2021" in home and "1 verificación" in home and "0 verificaciones" in home
    search = (out / "search/index.html").read_text()
    assert (
        '"zero_results": "Sin resultados para [SEARCH_TERM]"' in search and "placeholder" not in search
    )  # Pagefind's own Spanish


def test_counts_are_written_the_locales_way(make_project, tmp_path: Path) -> None:
    from generator.render.theme import make_environment

    template = '{{ ngettext("%(num)d fact-check", "%(num)d fact-checks", 12345) }} {{ 12345|number }}'
    indonesian = make_environment(None, "id").from_string(template).render()
    english = make_environment(None, "en").from_string(template).render()
    assert indonesian == "12.345 cek fakta 12.345" and english == "12,345 fact-checks 12,345"


def test_a_project_catalogue_overrides_one_text_and_a_change_to_it_is_rebuilt(make_project, tmp_path: Path) -> None:
    project = make_project({"locale/id.po": 'msgid "Our verdict"\nmsgstr "Putusan kami"\n'})
    age(project, 1000)  # old files: the no-change check trusts their sizes and dates
    out = tmp_path / "site"
    build(project, out, cache=True)
    claim = out / "claims/biden-telepon/index.html"
    assert "Putusan kami" in claim.read_text() and "Sumber" in claim.read_text()
    (project / "locale/id.po").write_text('msgid "Our verdict"\nmsgstr "Kesimpulan kami"\n', "utf-8")
    age(project / "locale/id.po", 900)
    build(project, out, cache=True)
    assert "Kesimpulan kami" in claim.read_text()


def age(path: Path, seconds: int) -> None:
    then = time.time() - seconds
    for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.utime(item, (then, then))
