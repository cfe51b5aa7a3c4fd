"""The site's language must have a catalogue; the project's catalogues are checked at their lines."""

from __future__ import annotations

from tests.conftest import SITE_YAML
from tests.content.test_validate import diagnose

SITE = "content/site.yaml"
LANGUAGE_LINE = 4  # `language:` in tests.conftest.SITE_YAML


def site_in(language: str) -> dict:
    return {SITE: SITE_YAML.replace("language: id", f"language: {language}")}


def test_malay_and_english_sites_are_valid(make_project) -> None:
    for language in ("ms", "ms-MY", "en", "en-GB"):
        content, found, _ = diagnose(make_project, site_in(language))
        assert found == [] and content is not None, language


def test_a_language_without_catalogue_is_an_error_saying_how_to_add_it(make_project) -> None:
    content, found, diagnostics = diagnose(make_project, site_in("xx"))
    assert content is None and found == [(SITE, LANGUAGE_LINE, "unknown-language", "error")]
    problem = diagnostics[0]
    assert problem.column == 11
    assert "'xx'" in problem.message and "en (English), id (Indonesian), ms (Malay)" in problem.message
    assert "factcheck messages export --language xx -o locale/xx.po" in problem.hint


def test_the_projects_languages_are_offered_too(make_project) -> None:
    _, _, diagnostics = diagnose(make_project, {**site_in("sw"), "locale/es.po": 'msgid "Sources"\nmsgstr "Fuentes"\n'})
    assert "es (Spanish)" in diagnostics[0].message and "Swahili" in diagnostics[0].message


def test_a_project_catalogue_makes_its_language_valid_and_says_what_is_missing(make_project) -> None:
    content, found, diagnostics = diagnose(make_project, {**site_in("es"), "locale/es.po": 'msgid "Sources"\nmsgstr "Fuentes"\n'})
    assert content is not None and found == [("locale/es.po", 1, "untranslated-interface", "warning")]
    assert "translates 1 of the" in diagnostics[0].message and "shown in English" in diagnostics[0].message
    assert "factcheck messages export --language es -o locale/es.po" in diagnostics[0].hint


def test_fuzzy_translations_are_counted_as_missing(make_project) -> None:
    po = '#, fuzzy\nmsgid "Sources"\nmsgstr "Fuentes"\n\nmsgid "Topics"\nmsgstr "Temas"\n'
    _, _, diagnostics = diagnose(make_project, {**site_in("es"), "locale/es.po": po})
    assert "translates 1 of the" in diagnostics[0].message and "1 marked fuzzy" in diagnostics[0].message


def test_a_broken_project_catalogue_is_an_error_at_its_line(make_project) -> None:
    po = 'msgid "Sources"\nmsgstr "Fuentes"\n\nmsgid "Topics"\nmsgstr "Temas\n'
    content, found, _ = diagnose(make_project, {**site_in("es"), "locale/es.po": po})
    assert content is None and found == [("locale/es.po", 5, "catalogue-syntax", "error")]


def test_a_broken_catalogue_of_another_language_is_reported_too(make_project) -> None:
    content, found, _ = diagnose(make_project, {"locale/es.po": 'msgid "Topics"\n'})
    assert content is None and found == [("locale/es.po", 1, "catalogue-syntax", "error")]


def test_a_catalogue_in_the_gettext_folder_layout_is_pointed_at_the_right_place(make_project) -> None:
    _, found, diagnostics = diagnose(make_project, {"locale/es/LC_MESSAGES/messages.po": 'msgid "a"\nmsgstr "b"\n'})
    assert found == [("locale/es", 1, "unexpected-file", "warning")] and "locale/es.po" in diagnostics[0].hint


def test_a_language_babel_does_not_know_is_warned_of(make_project) -> None:
    po = "".join(f'msgid "{m}"\nmsgstr "x"\n\n' for m in ("Sources",))
    _, found, _ = diagnose(make_project, {**site_in("qq"), "locale/qq.po": po})
    assert (SITE, LANGUAGE_LINE, "no-locale-data", "warning") in found
