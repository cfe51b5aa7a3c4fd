"""Interface language: the translations a site's pages use, and dates and numbers written the way the
site's language writes them, through Babel's own (CLDR) patterns for that locale.

Knows locales and words of the interface, never records or pages.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal
from babel.support import NullTranslations

from generator.core.languages import find_interface


@lru_cache(maxsize=64)
def babel_locale(language: str) -> Locale | None:
    """Babel's locale for a BCP 47 tag such as 'ms-MY'; None when Babel has no data for it."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def load_translations(language: str, locale_dir: Path | None = None) -> NullTranslations:
    """The interface translations for `language`, the project's `locale/` catalogues included.
    Validation has made sure there is a catalogue; without one the msgids (English) are shown."""
    found = find_interface(language, locale_dir)
    return found.translations if found is not None else NullTranslations()


def format_long_date(value: date | datetime, language: str) -> str:
    """The locale's full date: 'Jumat, 16 April 2021', 'Friday, April 16, 2021', 'viernes, 16 de abril de 2021'."""
    return _format(_day(value), "full", language)


def format_short_date(value: date | datetime, language: str) -> str:
    """The locale's long date, without the weekday, for cards and lists: '16 April 2021', 'April 16, 2021'."""
    return _format(_day(value), "long", language)


@lru_cache(maxsize=4096)
def _format(day: date, form: str, language: str) -> str:
    locale = babel_locale(language)
    # A language Babel does not know (validation warns of it) gets the one form every reader can read.
    return _babel_format_date(day, form, locale=locale) if locale is not None else day.isoformat()


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


@lru_cache(maxsize=4096)
def format_number(value: int, language: str) -> str:
    """A count with the locale's grouping: 12.345 in Indonesian, 12,345 in English and Malay."""
    locale = babel_locale(language)
    return format_decimal(value, locale=locale) if locale is not None else str(value)


def locale_code(language: str) -> str:
    """Open Graph's language_TERRITORY: the tag's own region ('en-GB' -> 'en_GB'), else the region
    CLDR's likely subtags give the language ('ms' -> 'ms_MY', 'id' -> 'id_ID', 'en' -> 'en_US')."""
    parts = language.replace("_", "-").split("-")
    base = parts[0].lower()
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    territory = next((p.upper() for p in parts[1:] if (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit())), None)
    if territory is None:
        likely = get_global("likely_subtags")
        guess = likely.get(f"{base}_{script}" if script else base) or likely.get(base)
        if guess:
            territory = next((p for p in guess.split("_")[1:] if p.isupper() or p.isdigit()), None)
    return f"{base}_{territory}" if territory else base
