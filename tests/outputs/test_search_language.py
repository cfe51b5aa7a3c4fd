"""Pagefind is told the site's language: its widget gets the catalogue's words, and a language it
cannot stem (Malay) is indexed with its close relative's stemmer (Indonesian)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.core.languages import find_interface
from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site
from generator.outputs import search
from generator.outputs.pagefind import stemming_language
from generator.render.searchui import WIDGET_STRINGS, widget_translations
from tests.conftest import SITE_YAML


def page(lang: str) -> bytes:
    return f'<!DOCTYPE html>\n<html lang="{lang}" dir="ltr">\n<body data-pagefind-body>x</body></html>'.encode()


@pytest.mark.parametrize(
    ("languages", "stemmed_as"),
    [(["ms"], "id"), (["ms-MY", "ms"], "id"), (["id"], None), (["en"], None), (["ms", "en"], None)],
)
def test_only_a_site_wholly_in_malay_is_stemmed_as_indonesian(languages: list[str], stemmed_as: str | None) -> None:
    documents = {f"{n}/index.html": page(lang) for n, lang in enumerate(languages)}
    assert stemming_language(documents) == stemmed_as


def test_the_widget_gets_every_string_the_catalogue_translates() -> None:
    malay = widget_translations(find_interface("ms", None))
    assert set(malay) == set(WIDGET_STRINGS) and malay["filters_label"] == "Penapis"
    assert widget_translations(find_interface("en", None)) == {}  # Pagefind's English is the same


@pytest.mark.skipif(search.find_pagefind() is None, reason="the pagefind package is not installed")
def test_a_malay_site_gets_an_index_with_a_stemmer(make_project, tmp_path: Path) -> None:
    project = make_project({"content/site.yaml": SITE_YAML.replace("language: id", "language: ms")})
    out = tmp_path / "site"
    result = build_site(Project.at(project), BuildOptions(output=out, clock=datetime(2026, 1, 1, tzinfo=UTC)))
    assert result.ok, [d.format_text() for d in result.diagnostics]
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text())
    assert {name: index["wasm"] for name, index in entry["languages"].items()} == {"id": "id"}
