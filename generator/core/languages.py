"""The interface languages a site can have: factcheck's own catalogues and the project's
`locale/<language>.po`, merged into the one the site uses, and what that one leaves untranslated.

A site's language tag finds its catalogues by lookup (RFC 4647): `pt-BR` tries `pt-br`, then `pt`, in the
built-in catalogues and in the project's `locale/` alike. The project's translations win over the
built-in ones of the same language. Knows catalogues, never templates or records.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import NullTranslations, Translations

from generator.core.catalogues import (
    MessageKey,
    ReadCatalogue,
    babel_locale_name,
    message_key,
    message_string,
    read_catalogue,
    translated,
)
from generator.core.diagnostics import Diagnostic
from generator.core.resources import locale_folder

PROJECT_FOLDER = "locale"  # a project's own catalogues: locale/<language>.po
SOURCE_LANGUAGE = "en"  # the language of the templates' msgids


def tag_key(tag: str) -> str:
    """A language tag as catalogues are looked up: 'pt_BR' and 'PT-br' are 'pt-br'."""
    return tag.replace("_", "-").lower()


def candidates(tag: str) -> list[str]:
    """The lookup order for a tag: 'zh-hant-tw', 'zh-hant', 'zh'."""
    parts = tag_key(tag).split("-")
    return ["-".join(parts[:n]) for n in range(len(parts), 0, -1)]


def base_language(tag: str) -> str:
    """The language subtag alone: 'id' for 'id-ID'."""
    return candidates(tag)[-1]


@cache
def builtin_languages() -> dict[str, Path]:
    """factcheck's own catalogues by language: <locale folder>/<language>/LC_MESSAGES/messages.po."""
    found = {}
    for folder in sorted(locale_folder().iterdir()):
        po = folder / "LC_MESSAGES" / "messages.po"
        if po.is_file():
            found[tag_key(folder.name)] = po
    return found


def project_languages(locale_dir: Path | None) -> dict[str, Path]:
    """The project's catalogues by language: locale/<language>.po (hidden files left out)."""
    if locale_dir is None or not locale_dir.is_dir():
        return {}
    return {
        tag_key(path.stem): path for path in sorted(locale_dir.glob("*.po")) if path.is_file() and not path.name.startswith(".")
    }


def language_name(tag: str) -> str | None:
    """'Malay' for 'ms', as messages name a language for people; None when Babel has no name for it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(tag.replace("-", "_")).get_display_name("en") or None
    except (ValueError, UnknownLocaleError):
        return None


def named(tag: str) -> str:
    """'ms (Malay)', or the tag alone."""
    name = language_name(tag)
    return f"{tag} ({name})" if name else tag


@dataclass(frozen=True)
class Interface:
    """The interface catalogue of a site: the translations templates use, and how complete they are."""

    language: str  # the site's language tag
    builtin: str | None  # the built-in catalogue used, by language
    project: str | None  # the project's catalogue used, as diagnostics name it (locale/es.po)
    translations: NullTranslations
    strings: dict[MessageKey, str | tuple[str, ...]]  # every translated message
    missing: tuple[str, ...]  # msgids of the theme without a translation: shown in English
    fuzzy: int  # of those, how many the project's catalogue marks fuzzy (gettext does not use them)
    problems: tuple[Diagnostic, ...]  # of the project's catalogue; with an error it is not used

    def has(self, msgid: str, context: str | None = None) -> bool:
        return (msgid, context) in self.strings


def find_interface(tag: str, locale_dir: Path | None) -> Interface | None:
    """The catalogue for `tag` with the project's catalogues in `locale_dir`; None when there is none."""
    builtin = next((key for key in candidates(tag) if key in builtin_languages()), None)
    own = project_languages(locale_dir)
    project = next((own[key] for key in candidates(tag) if key in own), None)
    if builtin is None and project is None:
        return None
    shown = f"{PROJECT_FOLDER}/{project.name}" if project is not None else None
    raw = project.read_bytes() if project is not None else None
    return _interface(tag, builtin, shown, raw)


@lru_cache(maxsize=8)
def _interface(tag: str, builtin: str | None, shown: str | None, raw: bytes | None) -> Interface:
    base = _builtin_catalogue(builtin) if builtin is not None else None
    own = read_catalogue(raw, shown, tag) if raw is not None and shown is not None else ReadCatalogue(None)
    usable = own.catalog if not any(p.severity.value == "error" for p in own.problems) else None
    merged = merge_catalogues(base, usable, tag)
    strings = {message_key(m): message_string(m) for m in merged if m.id}
    missing: list[str] = []
    if candidates(tag)[-1] != SOURCE_LANGUAGE:
        missing = [msgid for msgid, context in required_messages() if (msgid, context) not in strings]
    unused = {message_key(m) for m in usable or () if m.id and m.fuzzy}
    fuzzy = sum(1 for key in required_messages() if key in unused and key not in strings)
    return Interface(tag, builtin, shown, compile_catalogue(merged), strings, tuple(missing), fuzzy, tuple(own.problems))


def merge_catalogues(base: Catalog | None, own: Catalog | None, tag: str) -> Catalog:
    """The translated messages of `base` and `own` (own wins), under the header, and so the plural
    rule, of `own` when there is one. Plural forms are fitted to that rule."""
    header = own if own is not None else base
    merged = Catalog(locale=None, fuzzy=False)
    if header is not None:
        merged.mime_headers = header.mime_headers
    else:
        merged = Catalog(locale=babel_locale_name(tag), fuzzy=False)
    forms = merged.num_plurals
    for catalog in (base, own):
        for message in catalog or ():
            if not message.id or message.fuzzy or not translated(message.string):
                continue
            string = message_string(message)
            if isinstance(string, tuple):  # repeat the last form, so ngettext never falls back to English
                string = tuple(string[min(i, len(string) - 1)] for i in range(forms))
            if merged.get(message.id, message.context) is not None:
                merged.delete(message.id, message.context)
            merged.add(message.id, string, context=message.context)
    return merged


def compile_catalogue(catalog: Catalog) -> NullTranslations:
    """gettext translations made in memory from a catalogue (no .mo file, no build step)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)


@cache
def required_messages() -> tuple[MessageKey, ...]:
    """Every message of the built-in theme: the msgids of the English catalogue, which lists them all
    (a test keeps it equal to what the templates and the code use)."""
    catalog = _builtin_catalogue(SOURCE_LANGUAGE)
    return tuple(message_key(m) for m in catalog if m.id)


@cache
def _builtin_catalogue(language: str) -> Catalog:
    path = builtin_languages()[language]
    read = read_catalogue(path.read_bytes(), path.as_posix(), language)
    if read.catalog is None:  # a broken installation, not a problem of the project
        raise RuntimeError(f"factcheck's catalogue {path} cannot be read: {read.problems[0].message}")
    return read.catalog
