"""The built-in catalogues are complete, and a hand-written .po is read strictly, each problem at its line."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.core.catalogues import read_catalogue
from generator.core.languages import builtin_languages, candidates, find_interface, required_messages
from generator.core.resources import locale_folder
from generator.tasks.messages import extract_messages, refresh_catalogues


def test_the_builtin_languages_are_english_indonesian_and_malay() -> None:
    assert set(builtin_languages()) >= {"en", "id", "ms"}


def test_the_english_catalogue_lists_exactly_the_messages_the_templates_and_code_use() -> None:
    used = set(extract_messages())
    assert used, "nothing extracted"
    assert any(place.startswith("generator/") for found in extract_messages().values() for place, _ in found.places)
    assert set(required_messages()) == used, "run `python -m generator.tasks.messages` to refresh the catalogues"


@pytest.mark.parametrize("language", sorted(set(builtin_languages()) - {"en"}))
def test_every_builtin_catalogue_translates_every_message(language: str) -> None:
    po = builtin_languages()[language]
    read = read_catalogue(po.read_bytes(), po.as_posix(), language)
    assert read.catalog is not None and read.problems == []
    interface = find_interface(language, None)
    assert interface is not None
    untranslated = [msgid for msgid, context in extract_messages() if not interface.has(msgid, context)]
    assert untranslated == [], f"translate these in {po}"
    fuzzy = [m.id for m in read.catalog if m.id and m.fuzzy]
    assert fuzzy == [], "fuzzy translations are not used by gettext"


def test_committed_catalogues_are_up_to_date(tmp_path: Path) -> None:
    shutil.copytree(locale_folder(), tmp_path / "locale")
    missing = refresh_catalogues(tmp_path / "locale")
    assert missing == {}
    for po in sorted((tmp_path / "locale").rglob("*.po")):
        committed = locale_folder() / po.relative_to(tmp_path / "locale")
        assert messages(po) == messages(committed), f"run `python -m generator.tasks.messages` to refresh {committed}"


def messages(po: Path) -> list[tuple]:
    """Messages, translations and flags. Not the places (`#:` lines), which move with every template edit
    and mean nothing to gettext; the refresh rewrites them, a stale one is harmless."""
    with po.open("rb") as handle:
        catalog = read_po(handle)
    return [(m.id, m.string, sorted(m.flags)) for m in catalog if m.id]


# Words of Indonesian that Malay writes otherwise: a Malay catalogue holding them is Indonesian with a new header.
INDONESIAN_ONLY = ["cek fakta", "klaim", "koreksi", "tautan", "berkas", "diperbarui", "pratinjau", "bagikan", "resmi", "situs"]


def test_the_malay_catalogue_is_malay_not_indonesian() -> None:
    interface = find_interface("ms", None)
    assert interface is not None
    texts = [" ".join(s) if isinstance(s, tuple) else s for s in interface.strings.values()]
    found = sorted({word for word in INDONESIAN_ONLY for text in texts if word in text.lower()})
    assert found == []
    joined = " ".join(texts)
    for word in ("semakan fakta", "dakwaan", "Pembetulan", "Keputusan kami", "Dikemas kini", "pautan", "E-mel"):
        assert word in joined


def test_lookup_goes_from_the_whole_tag_to_the_language() -> None:
    assert candidates("zh-Hant-TW") == ["zh-hant-tw", "zh-hant", "zh"]
    assert candidates("pt_BR") == ["pt-br", "pt"]
    assert find_interface("ms-MY", None).builtin == "ms"  # type: ignore[union-attr]
    assert find_interface("xx", None) is None


def test_a_project_catalogue_overrides_and_extends_the_builtin_one(tmp_path: Path) -> None:
    po = 'msgid ""\nmsgstr ""\n"Language: id\\n"\n\nmsgid "Our verdict"\nmsgstr "Putusan kami"\n\nmsgid "House text"\nmsgstr "Teks kami"\n'
    (tmp_path / "id.po").write_text(po, encoding="utf-8")
    interface = find_interface("id", tmp_path)
    assert interface is not None and interface.project == "locale/id.po" and interface.builtin == "id"
    gettext = interface.translations.gettext
    assert gettext("Our verdict") == "Putusan kami" and gettext("House text") == "Teks kami"
    assert gettext("Sources") == "Sumber"  # the rest still comes from the built-in catalogue
    assert interface.missing == ()


def test_missing_messages_of_a_project_catalogue_are_counted(tmp_path: Path) -> None:
    (tmp_path / "es.po").write_text('msgid "Our verdict"\nmsgstr "Nuestro veredicto"\n\nmsgid "Sources"\nmsgstr ""\n', "utf-8")
    interface = find_interface("es", tmp_path)
    assert interface is not None and interface.builtin is None
    assert len(interface.missing) == len(required_messages()) - 1 and "Sources" in interface.missing


def problems(text: str, language: str = "es") -> list[tuple[int, int, str]]:
    raw = text if isinstance(text, bytes) else textwrap.dedent(text).encode()
    read = read_catalogue(raw, "locale/es.po", language)
    return [(p.line, p.column, p.message) for p in read.problems]


HEADER = 'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'

BAD_CATALOGUES = [
    # (text after the header, line, column, part of the message)
    ('msgid "Search"\nmsgstr "Buscar\n', 7, 8, "not in double quotes"),
    ('msgid "Topics"\nmsgstr Temas\n', 7, 8, "not in double quotes"),
    ('msgid "Sources"\n\nmsgid "Topics"\nmsgstr "Temas"\n', 6, 1, "has no msgstr"),
    ('msgid "Topics"\nmsgstr "Temas"\n\nmsgid "Topics"\nmsgstr "Asuntos"\n', 9, 1, "already translated on line 6"),
    ('msgid "Topics"\nmsgstr "Te\\mas"\n', 7, 8, "unknown escape"),
    ("Topics = Temas\n", 6, 1, "not part of a catalogue"),
    ('msgstr "Temas"\n', 6, 1, "a second msgstr for the msgid on line 1"),
    ('msgctxt "menu"\nmsgstr "Temas"\n', 7, 1, "without a msgid"),
    ('msgid "Page %(number)s"\nmsgstr "Página %(numero)s"\n', 6, 1, "uses %(numero)s"),
    ('msgid "Topics"\nmsgstr "100% temas"\n', 6, 1, "stray %"),
    ('msgid "No results for [SEARCH_TERM]"\nmsgstr "Sin resultados"\n', 6, 1, "leaves out [SEARCH_TERM]"),
    ('msgid "Author:"\nmsgid_plural "Authors:"\nmsgstr "Autor:"\n', 8, 1, "needs msgstr[0]"),
    (
        'msgid "Author:"\nmsgid_plural "Authors:"\nmsgstr[0] "Autor:"\nmsgstr[1] "Autores:"\nmsgstr[2] "x"\n',
        6,
        1,
        "more translations",
    ),
]


@pytest.mark.parametrize(("text", "line", "column", "message"), BAD_CATALOGUES)
def test_a_broken_catalogue_is_reported_at_its_line(text: str, line: int, column: int, message: str) -> None:
    found = problems(HEADER + text)
    assert found and (found[0][0], found[0][1]) == (line, column) and message in found[0][2], found


def test_a_catalogue_that_is_not_utf8_is_reported_at_the_line() -> None:
    assert problems(HEADER.encode() + b'msgid "Topics"\nmsgstr "T\xe9mas"\n') == [(7, 1, "the catalogue is not UTF-8")]


def test_a_broken_plural_rule_is_reported_at_its_line() -> None:
    found = problems('msgid ""\nmsgstr ""\n"Language: es\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1;\\n"\n')
    assert [(line, text.split(" '")[0]) for line, _, text in found] == [(4, "the Plural-Forms rule")]


def test_a_good_catalogue_has_no_problems() -> None:
    text = (
        HEADER
        + '#, python-format\nmsgid "Page %(number)s"\nmsgstr ""\n"Página "\n"%(number)s"\n\n#~ msgid "Old"\n#~ msgstr "Viejo"\n'
    )
    assert problems(text) == []
