"""Dates, numbers and Open Graph locales follow the site's language through Babel's own patterns."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from generator.core.i18n import format_long_date, format_number, format_short_date, locale_code

DAY = date(2021, 4, 16)


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [
        ("id", "Jumat, 16 April 2021", "16 April 2021"),
        ("ms", "Jumaat, 16 April 2021", "16 April 2021"),
        # One order on an English site: the weekday form and the card form both put the month first.
        ("en", "Friday, April 16, 2021", "April 16, 2021"),
        ("en-GB", "Friday, 16 April 2021", "16 April 2021"),
        ("es", "viernes, 16 de abril de 2021", "16 de abril de 2021"),
        ("pt-BR", "sexta-feira, 16 de abril de 2021", "16 de abril de 2021"),
        ("xx", "2021-04-16", "2021-04-16"),  # no locale data: the one form everybody reads
    ],
)
def test_dates_use_the_locales_own_patterns(language: str, long: str, short: str) -> None:
    assert format_long_date(DAY, language) == long
    assert format_short_date(datetime(2021, 4, 16, 12, tzinfo=UTC), language) == short


@pytest.mark.parametrize(
    ("language", "text"), [("id", "12.345"), ("ms", "12,345"), ("en", "12,345"), ("es", "12.345"), ("xx", "12345")]
)
def test_numbers_use_the_locales_grouping(language: str, text: str) -> None:
    assert format_number(12345, language) == text


@pytest.mark.parametrize(
    ("language", "og_locale"),
    [
        ("id", "id_ID"),
        ("en", "en_US"),
        ("ms", "ms_MY"),
        ("en-GB", "en_GB"),
        ("ms-SG", "ms_SG"),
        ("pt", "pt_BR"),
        ("zh-Hant", "zh_TW"),
        ("xx", "xx"),
    ],
)
def test_og_locale_is_language_territory(language: str, og_locale: str) -> None:
    assert locale_code(language) == og_locale
