"""The interface's messages: extracted from the templates and the code, exported as a catalogue for a
desk's own language (`factcheck messages export`), and the built-in catalogues refreshed (a maintainer's
step: `python -m generator.tasks.messages`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

import generator
from generator import __version__
from generator.core.catalogues import MessageKey, babel_locale_name, message_key, message_string, read_catalogue, translated
from generator.core.diagnostics import Diagnostic
from generator.core.languages import SOURCE_LANGUAGE, builtin_languages, find_interface, named
from generator.core.project import Project
from generator.core.resources import builtin_theme, locale_folder

_TEMPLATE_METHODS = [("**.html", "jinja2"), ("**.xml", "jinja2"), ("**.txt", "jinja2")]
_TEMPLATE_OPTIONS = {"**": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
# Header lines that would change with every run or Babel release; a catalogue changes only with its messages.
_VOLATILE = re.compile(rb'"(?:Generated-By|POT-Creation-Date|PO-Revision-Date): [^"]*"\n')


@dataclass
class Found:
    """One message as the sources use it: its ids (singular, plural) and where it occurs."""

    ids: str | tuple[str, str]
    places: list[tuple[str, int]] = field(default_factory=list)


class MessagesError(Exception):
    """A catalogue cannot be exported: the problems say where."""

    def __init__(self, problems: list[Diagnostic]):
        super().__init__(problems[0].message if problems else "cannot export")
        self.problems = problems


def extract_messages(project: Project | None = None) -> dict[MessageKey, Found]:
    """Every message of the built-in theme and of factcheck's code, and of the project's own templates."""
    from babel.messages.extract import extract_from_dir

    found: dict[MessageKey, Found] = {}

    def add(prefix: str, folder: Path, methods: list, options: dict) -> None:
        for filename, line, message, _comments, context in extract_from_dir(str(folder), methods, options):
            ids = message if isinstance(message, str) else (message[0], message[1])
            entry = found.setdefault((ids if isinstance(ids, str) else ids[0], context), Found(ids))
            entry.places.append((f"{prefix}{filename}", line))

    add("templates/", builtin_theme(), _TEMPLATE_METHODS, _TEMPLATE_OPTIONS)
    add("generator/", Path(generator.__file__).parent, [("**.py", "python")], {})
    if project is not None and project.templates_dir.is_dir() and project.templates_dir.resolve() != builtin_theme():
        add("project templates/", project.templates_dir, _TEMPLATE_METHODS, _TEMPLATE_OPTIONS)
    return dict(sorted(found.items(), key=lambda item: (item[0][0], item[0][1] or "")))


def export_catalogue(project: Project | None, language: str | None, existing: bytes | None = None, shown: str = "") -> bytes:
    """A catalogue of every message: a template (.pot) without `language`; with it, a .po for that
    language holding the translations the site has now (factcheck's and the project's), and those of
    `existing` (the file being updated), so re-exporting after an upgrade adds the new msgids only."""
    messages = extract_messages(project)
    old = None
    if existing is not None:
        read = read_catalogue(existing, shown, language)
        if read.catalog is None:
            raise MessagesError(read.problems)
        old = read.catalog
    known = find_interface(language, project.locale_dir if project else None) if language else None
    catalog = _new_catalog(language)
    for (msgid, context), entry in messages.items():
        string = _blank(entry.ids, catalog)
        if known is not None and (found := known.strings.get((msgid, context))) is not None:
            string = found
        previous = old.get(msgid, context) if old is not None else None
        flags = {"python-format"} if "%(" in msgid else set()
        if previous is not None and translated(previous.string):
            string = message_string(previous)
            flags |= {"fuzzy"} if previous.fuzzy else set()
        catalog.add(entry.ids, _fit(string, catalog), locations=entry.places, flags=flags, context=context)
    if old is not None:  # translations of messages no longer used are kept, as gettext's obsolete entries
        for message in old:
            if message.id and message_key(message) not in messages and translated(message.string):
                catalog.obsolete[message_key(message)[0]] = message
    return _po_bytes(catalog)


def refresh_catalogues(locale_dir: Path | None = None) -> dict[str, list[str]]:
    """Write every built-in catalogue (in `locale_dir`, by default factcheck's own) again from the messages
    the theme and the code use, keeping the translations; return the msgids still untranslated per
    language (English needs none)."""
    locale_dir = locale_dir or locale_folder()
    messages = extract_messages(None)
    missing: dict[str, list[str]] = {}
    for language in sorted(builtin_languages()):
        po = locale_dir / language / "LC_MESSAGES" / "messages.po"
        read = read_catalogue(po.read_bytes(), po.as_posix(), language) if po.is_file() else None
        old = read.catalog if read is not None else None
        catalog = _new_catalog(language, header_comment=old.header_comment if old is not None else None)
        for (msgid, context), entry in messages.items():
            previous = old.get(msgid, context) if old is not None else None
            string = message_string(previous) if previous is not None else _blank(entry.ids, catalog)
            flags = {"python-format"} if "%(" in msgid else set()
            catalog.add(entry.ids, _fit(string, catalog), locations=entry.places, flags=flags, context=context)
            if language != SOURCE_LANGUAGE and not translated(string):
                missing.setdefault(language, []).append(msgid)
        po.parent.mkdir(parents=True, exist_ok=True)
        po.write_bytes(_po_bytes(catalog))
    return missing


def _new_catalog(language: str | None, header_comment: str | None = None) -> Catalog:
    catalog = Catalog(locale=babel_locale_name(language), project="factcheck", version=__version__, fuzzy=False)
    if language and catalog.locale is None:  # a language Babel does not know: named, with gettext's default plural rule
        catalog.mime_headers = [*catalog.mime_headers, ("Language", language)]
    if header_comment:
        catalog.header_comment = header_comment
    else:
        catalog.header_comment = (
            "# Interface texts of factcheck"
            + (f" in {named(language)}" if language else " (template)")
            + ".\n# Translate each msgstr; keep %(name)s placeholders and [SEARCH_TERM]/[COUNT] as they are."
        )
    return catalog


def _blank(ids: str | tuple[str, str], catalog: Catalog) -> str | tuple[str, ...]:
    return ("",) * catalog.num_plurals if isinstance(ids, tuple) else ""


def _fit(string: str | tuple[str, ...], catalog: Catalog) -> str | tuple[str, ...]:
    """A translation with as many plural forms as the catalogue's language has."""
    if not isinstance(string, tuple):
        return string or ""
    forms = catalog.num_plurals
    return tuple(string[min(i, len(string) - 1)] if string else "" for i in range(forms))


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=True)
    return _VOLATILE.sub(b"", buffer.getvalue())


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    for lang, ids in refresh_catalogues().items():
        print(f"{lang}: {len(ids)} untranslated")
        for msgid in ids:
            print(f"  {msgid}")
