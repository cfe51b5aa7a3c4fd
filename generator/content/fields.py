"""The value types of record fields (text, URLs, ids, dates) and the citation syntax of Markdown fields.

Each type checks what an editor typed and says what is wrong in words; it knows nothing of which
record holds it, nor of files and lines.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, PlainValidator, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.core.values import MAX_SLUG_LENGTH

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)  # use fullmatch: '$' also matches before a final newline
# Ids become file and folder names in the site. Windows refuses these names whatever
# the extension, so a site holding /people/con/ could not be checked out or copied there.
WINDOWS_DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})


# ---------------------------------------------------------------- value types


# Invisible characters that XML 1.0 forbids (a YAML escape such as "\x01" can produce them): one in a
# title would make the Atom feeds unreadable, so they are refused here rather than dropped silently.
_FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The same characters one by one: thirty-one substring searches scan a long text ten times faster than
# the character class does (tests check that both list the same characters).
_FORBIDDEN_LIST = tuple(map(chr, (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)))


def _has_forbidden(value: str) -> bool:
    for character in _FORBIDDEN_LIST:  # noqa: SIM110 - a plain loop: any() over a generator is slower here
        if character in value:
            return True
    return False


def _check_text(value: str) -> str:
    if not value or value.isspace():  # as `not value.strip()`, without copying the text
        raise PydanticCustomError("empty_text", "is empty; write a value or remove the key")
    # Every forbidden character is unprintable, so one line of visible text needs no search.
    bad = None if value.isprintable() or not _has_forbidden(value) else _FORBIDDEN_CHARACTERS.search(value)
    if bad:
        raise PydanticCustomError(
            "control_character",
            "contains the invisible control character U+{code}; remove it",
            {"code": f"{ord(bad.group()):04X}"},
        )
    return value


_URL_BLANKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")  # whitespace and control characters (category Cc)


# The shape of nearly every URL in a record: http(s), a host name of ASCII letters, digits and hyphens
# with at least one inner dot, an optional port below 10000, then only visible ASCII. Every URL of this
# shape passes the full check below (scheme, no user name, a dotted host, a valid port), so it is
# accepted without splitting it; anything else, good or bad, takes the full check.
_SIMPLE_URL = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\.?(?::[0-9]{1,4})?(?:[/?#][!-~]*)?")


def _check_url(value: str) -> str:
    if _SIMPLE_URL.fullmatch(value):
        return value
    return _check_url_fully(value)


def _check_url_fully(value: str) -> str:
    if _URL_BLANKS.search(value):
        raise PydanticCustomError("url_invalid", "URL contains spaces or control characters")
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https"):
        raise PydanticCustomError("url_scheme", "URL must start with http:// or https://")
    if parts.username is not None or parts.password is not None:
        raise PydanticCustomError("url_credentials", "URL must not contain a user name or password")
    try:
        host = parts.hostname
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        host = None
    if not host or "." not in host.strip("."):
        raise PydanticCustomError("url_invalid", "URL has no valid host name")
    return value


def slug_problem(value: str) -> str | None:
    """Why `value` cannot be an id (ids end up as file and folder names), or None when it can."""
    if len(value) > MAX_SLUG_LENGTH:
        return f"is {len(value)} characters long; an id has at most {MAX_SLUG_LENGTH}"
    if SLUG_RE.fullmatch(value):
        if value in WINDOWS_DEVICE_NAMES:
            return f"'{value}' is a reserved device name on Windows and cannot name a file or folder there"
        return None
    odd = next((ch for ch in value if not ("a" <= ch <= "z" or "0" <= ch <= "9" or ch == "-")), None)
    if odd is not None and (odd in "/\\." or not odd.isascii() or not odd.isprintable()):
        # Path separators, dots, look-alike letters and invisible characters: name the culprit.
        if "\udc80" <= odd <= "\udcff":  # from a file name that is not UTF-8
            culprit = f"the byte 0x{ord(odd) - 0xDC00:02X}, which is not UTF-8"
        else:
            culprit = f"U+{ord(odd):04X} " + unicodedata.name(
                odd, "CONTROL CHARACTER" if unicodedata.category(odd) == "Cc" else "UNNAMED CHARACTER"
            )
        return f"must be a lowercase slug (letters a-z, digits and single hyphens) but contains {culprit}"
    return "must be a lowercase slug: letters a-z, digits and single hyphens, like 'joe-biden'"


def _check_slug(value: str) -> str:
    problem = slug_problem(value)
    if problem:
        raise PydanticCustomError("slug", "{problem}", {"problem": problem})
    return value


def _parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        raise PydanticCustomError("date_type", "expected a date like 2021-04-15, without a time")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
        raise PydanticCustomError("date_invalid", "'{value}' is not a real date in the form YYYY-MM-DD", {"value": _clip(value)})
    raise PydanticCustomError("date_type", "expected a date like 2021-04-15")


def _parse_timestamp(value: Any) -> datetime | date:
    if isinstance(value, str):
        text = value.strip()
        try:
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        except ValueError:
            raise PydanticCustomError(
                "date_invalid",
                "'{value}' is not a real date or date-time like 2021-04-16 or 2021-04-16T09:00:00+07:00",
                {"value": _clip(value)},
            ) from None
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise PydanticCustomError("datetime_naive", "date-time needs a time zone, like 2021-04-16T09:00:00+07:00")
        return value
    if isinstance(value, date):
        return value
    raise PydanticCustomError("date_type", "expected a date or a date-time with a zone")


def _clip(value: str, limit: int = 60) -> str:
    """A value short enough to quote in a message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _check_site_address(value: str) -> str:
    """Pages, feeds and the search index are addressed from the base URL's path: a query or fragment
    would end up in the middle of every address."""
    if "?" in value or "#" in value:
        raise PydanticCustomError(
            "url_site",
            "the site's address cannot have a query (?…) or fragment (#…); give the address its pages live "
            "under, e.g. https://org.github.io/cekfakta/",
        )
    return value


_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_SITE_PAGE_RE = re.compile(r"/[a-z0-9]+(?:-[a-z0-9]+)*/")


def contact_kind(value: str) -> str:
    """'email', 'page' (an address on the site such as /kontak/) or 'url', for a valid `Contact`."""
    if value.startswith("/"):
        return "page"
    return "url" if "://" in value else "email"


def _check_contact(value: str) -> str:
    kind = contact_kind(value)
    if kind == "url":
        return _check_url(value)
    if (_EMAIL_RE if kind == "email" else _SITE_PAGE_RE).fullmatch(value):
        return value
    raise PydanticCustomError(
        "contact_invalid",
        "'{value}' is neither an e-mail address (redaksi@example.org), an http(s) address nor a page of the site "
        "such as /kontak/",
        {"value": _clip(value)},
    )


Text = Annotated[str, AfterValidator(_check_text)]
Url = Annotated[
    str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"})
]
SiteAddress = Annotated[Url, AfterValidator(_check_site_address)]
# Where readers reach the desk: an e-mail address, an http(s) address, or a page of the site ("/kontak/").
Contact = Annotated[str, AfterValidator(_check_contact), WithJsonSchema({"type": "string"})]
Slug = Annotated[str, AfterValidator(_check_slug), WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN})]
Day = Annotated[date, PlainValidator(_parse_date), WithJsonSchema({"type": "string", "format": "date"})]
Timestamp = Annotated[
    datetime | date,
    PlainValidator(_parse_timestamp),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}]}),
]
LanguageTag = Annotated[
    str,
    StringConstraints(pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$"),
    Field(examples=["id", "en", "id-ID"]),
]


# `[@source-id]` in an analysis or a correction note: the checks and the Markdown converter share it.
CITATION_RE = re.compile(r"\[@([a-z0-9]+(?:-[a-z0-9]+)*)\]")


def find_citations(text: str) -> list[str]:
    """Source ids cited in Markdown text, in order of first appearance, without repeats."""
    return list(dict.fromkeys(CITATION_RE.findall(text)))
