"""Interface language: gettext catalogues read from the .po files at run time, and dates per locale.

Knows locales and words of the interface, never records or pages.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from generator import __version__
from generator.core.resources import locale_folder

UI_LANGUAGES = ("en", "id")  # English is the source language of the templates
# Modules of the package (paths inside generator/) whose own words, marked _("…"), the catalogues hold
# beside the templates': the share text of a claim page, and the preview's banners.
CODE_WITH_MESSAGES = ("plan/share.py", "preview/page.py")
# Long dates the way each locale's readers expect them: "Jumat, 16 April 2021".
LONG_DATE = {"id": "EEEE, d MMMM y", "en": "EEEE, d MMMM y"}


def ui_language(language: str) -> str:
    """The interface language for a site language tag such as 'id-ID'; English when we have none."""
    base = language.replace("_", "-").split("-")[0].lower()
    return base if base in UI_LANGUAGES else "en"


def babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(ui_language(language))


@cache
def load_translations(language: str) -> NullTranslations:
    """Translations for the interface, compiled in memory from messages.po (no build step)."""
    po = locale_folder() / ui_language(language) / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=ui_language(language))
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)


def format_long_date(value: date | datetime, language: str) -> str:
    """'Jumat, 16 April 2021' in Indonesian; the locale's own long form elsewhere."""
    day = value.date() if isinstance(value, datetime) else value
    pattern = LONG_DATE.get(ui_language(language), "full")
    return _babel_format_date(day, pattern, locale=babel_locale(language))


def format_short_date(value: date | datetime, language: str) -> str:
    """'16 April 2021' / 'April 16, 2021': for cards and lists."""
    day = value.date() if isinstance(value, datetime) else value
    return _babel_format_date(day, "long", locale=babel_locale(language))


def locale_code(language: str) -> str:
    """Open Graph locale such as 'id_ID' or 'en_US'."""
    locale = babel_locale(language)
    territory = locale.territory or {"id": "ID", "en": "US"}.get(locale.language, "")
    return f"{locale.language}_{territory}" if territory else locale.language


def refresh_catalogues(templates: Path, locale_dir: Path | None = None) -> dict[str, list[str]]:
    """Re-extract the strings of `templates` (and of CODE_WITH_MESSAGES) into every messages.po, keeping
    existing translations.

    Returns the msgids still untranslated per language (English needs none). Run with
    `python -m generator.core.i18n` after changing a template's text, then fill in the blanks.
    """
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir, extract_from_file
    from babel.messages.pofile import write_po

    options = {"**": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
    methods = [("**.html", "jinja2"), ("**.xml", "jinja2"), ("**.txt", "jinja2")]
    locale_dir = locale_dir or locale_folder()
    found: dict[str | tuple[str, ...], list[tuple[str, int]]] = {}
    for filename, line, message, _comments, _context in extract_from_dir(str(templates), methods, options):
        found.setdefault(message, []).append((f"templates/{filename}", line))
    package = Path(__file__).resolve().parents[1]
    for module in CODE_WITH_MESSAGES:
        for line, message, _comments, _context in extract_from_file("python", str(package / module)):
            found.setdefault(message, []).append((f"generator/{module}", line))
    missing: dict[str, list[str]] = {}
    for language in UI_LANGUAGES:
        po = locale_dir / language / "LC_MESSAGES" / "messages.po"
        old = Catalog(locale=language)
        if po.is_file():
            with po.open("rb") as handle:
                old = read_po(handle, locale=language)
        new = Catalog(
            locale=language,
            project="factcheck",
            version=__version__,
            header_comment=old.header_comment,
            creation_date=old.creation_date,
            revision_date=old.revision_date,
            fuzzy=False,
        )
        for message, places in found.items():
            msgid = message[0] if isinstance(message, tuple) else message
            previous = old.get(msgid)
            string = previous.string if previous is not None else ("", "") if isinstance(message, tuple) else ""
            new.add(message, string, locations=places)
            empty = not all(string) if isinstance(string, tuple) else not string
            if empty and language != "en":
                missing.setdefault(language, []).append(msgid)
        po.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        write_po(buffer, new, width=100, sort_output=True)
        # Babel names its own version in the header; the catalogue must not change with that version.
        po.write_bytes(re.sub(rb'"Generated-By: [^"]*"\n', b"", buffer.getvalue()))
    return missing


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    from generator.core.resources import builtin_theme

    for lang, ids in refresh_catalogues(builtin_theme()).items():
        print(f"{lang}: {len(ids)} untranslated")
        for msgid in ids:
            print(f"  {msgid}")
