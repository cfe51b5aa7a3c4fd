"""The content model: one pydantic class per record kind, strict, every field described.

These classes know the shape of a record, never where it came from (file, line)
nor how it is shown. JSON Schemas for editors are generated from them.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)  # use fullmatch: '$' also matches before a final newline
MAX_SLUG_LENGTH = 100
# Ids become file and folder names in the site. Windows refuses these names whatever
# the extension, so a site holding /people/con/ could not be checked out or copied there.
WINDOWS_DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})
CLAIM_SHORT_MAX = 75
BUCKETS = ("true", "mostly-true", "mixed", "mostly-false", "false", "other")


# ---------------------------------------------------------------- value types


# Invisible characters that XML 1.0 forbids (a YAML escape such as "\x01" can produce them): one in a
# title would make the Atom feeds unreadable, so they are refused here rather than dropped silently.
_FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The same characters one by one: thirty-one substring searches scan a long text ten times faster than
# the character class does (tests check that both list the same characters).
_FORBIDDEN_LIST = tuple(map(chr, (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)))


def _has_forbidden(value: str) -> bool:
    for character in _FORBIDDEN_LIST:
        if character in value:
            return True
    return False


def _check_text(value: str) -> str:
    if not value or value.isspace():  # as `not value.strip()`, without copying the text
        raise PydanticCustomError("empty_text", "is empty; write a value or remove the key")
    # Every forbidden character is unprintable, so one line of visible text needs no search.
    bad = None if value.isprintable() or not _has_forbidden(value) else _FORBIDDEN_CHARACTERS.search(value)
    if bad:
        raise PydanticCustomError("control_character", "contains the invisible control character U+{code}; remove it",
                                  {"code": f"{ord(bad.group()):04X}"})
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
            culprit = f"U+{ord(odd):04X} " + unicodedata.name(odd, "CONTROL CHARACTER" if unicodedata.category(odd) == "Cc" else "UNNAMED CHARACTER")
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
            raise PydanticCustomError(
                "datetime_naive", "date-time needs a time zone, like 2021-04-16T09:00:00+07:00"
            )
        return value
    if isinstance(value, date):
        return value
    raise PydanticCustomError("date_type", "expected a date or a date-time with a zone")


def _clip(value: str, limit: int = 60) -> str:
    """A value short enough to quote in a message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


Text = Annotated[str, AfterValidator(_check_text)]
Url = Annotated[str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"})]
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


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# ------------------------------------------------------------------ site.yaml


class Publisher(Record):
    name: Text = Field(description="Name of the organisation that publishes the site.")
    url: Url = Field(description="Home page of the publisher.")
    logo: Url | None = Field(None, description="Absolute URL of the publisher's logo image, for ClaimReview.")


class DataLicense(Record):
    name: Text = Field(description="Name of the licence of the open data, e.g. 'CC BY 4.0'.")
    url: Url = Field(description="URL of the licence text.")


class Verdict(Record):
    id: Slug = Field(description="Identifier used by claims in their `verdict` field, e.g. 'salah'.")
    label: Text = Field(description="The verdict as readers see it, e.g. 'Salah'.")
    description: Text = Field(description="What this verdict means, shown on the rating-scale page.")
    rating: int | None = Field(
        None,
        ge=1,
        description="Place on the scale (1 = worst). Leave empty for off-scale verdicts such as 'Tidak terbukti'.",
    )
    bucket: Literal["true", "mostly-true", "mixed", "mostly-false", "false", "other"] = Field(
        description="Normalised bucket so exports stay comparable across sites."
    )


class Site(Record):
    title: Text = Field(description="Name of the site, shown in every page header.")
    description: Text = Field(description="One-sentence description of the site, for search engines and feeds.")
    base_url: Url = Field(description="Public address of the site, e.g. https://cekfakta.example.org/. Override with --base-url.")
    language: LanguageTag = Field(description="BCP 47 language of the site and its interface, e.g. 'id' or 'en'.")
    timezone: Text = Field("UTC", description="IANA time zone for dates given without a time, e.g. 'Asia/Jakarta'.")
    publisher: Publisher = Field(description="The organisation that publishes the fact-checks.")
    data_license: DataLicense = Field(description="Licence under which the open data exports are published.")
    scale: list[Verdict] = Field(min_length=1, description="The rating scale, best verdict first; off-scale verdicts last.")
    tags: dict[str, Text] = Field(default_factory=dict, description="Display labels for tags, e.g. {sanksi: Sanksi}.")
    per_page: int = Field(20, ge=1, le=500, description="Fact-checks per page on the home page and list pages.")


# --------------------------------------------------------------------- people


class Person(Record):
    name: Text = Field(description="Full name of the person or organisation.")
    kind: Literal["person", "organization"] = Field(description="'person' or 'organization'.")
    description: Text | None = Field(None, description="One line on who this is, e.g. 'Presiden Amerika Serikat'.")
    url: Url | None = Field(None, description="Official home page.")
    same_as: list[Url] = Field(default_factory=list, description="Pages about the same entity, e.g. Wikidata or Wikipedia.")


# ------------------------------------------------------------------- articles


class Article(Record):
    title: Text = Field(description="Headline of the work. When unknown, a plain description such as 'Berita Medcom.id, 16 April 2021', with title_is_description: true.")
    title_is_description: bool = Field(False, description="True when `title` describes the work because its real headline is unknown.")
    publisher: Slug = Field(description="Id of the outlet in content/people/.")
    url: Url | None = Field(None, description="Address of the work, when known. Never invent one.")
    archive_url: Url | None = Field(None, description="Address of an archived copy (e.g. Wayback Machine), when one exists.")
    published: Day = Field(description="Date the work was published.")
    language: LanguageTag | None = Field(None, description="Language of the work; defaults to the site's.")
    note: Text | None = Field(None, description="Editor's note about the record, e.g. which details are unconfirmed. Shown on the article page.")
    text: Text | None = Field(None, description="Full text, kept only to verify quotes. Never published.")


# --------------------------------------------------------------------- claims


class Appearance(Record):
    url: Url = Field(description="Where the claim appeared.")
    archive_url: Url | None = Field(None, description="Archived copy of that page; readers are sent here first.")
    note: Text | None = Field(None, description="What this appearance is, e.g. 'Post on X, 14 April 2021'.")


class Source(Record):
    id: Slug = Field(description="Identifier cited in the analysis as [@id].")
    title: Text = Field(description="Title of the source document or page.")
    url: Url = Field(description="Address of the source.")
    publisher: Text | None = Field(None, description="Who published the source.")
    published: Day | None = Field(None, description="Date the source was published.")
    accessed: Day | None = Field(None, description="Date the editor read the source.")
    archive_url: Url | None = Field(None, description="Address of an archived copy of the source.")
    note: Text | None = Field(None, description="What this source shows, or caveats about it.")


class Correction(Record):
    date: Day = Field(description="Date the correction was published.")
    note: Text = Field(description="What was corrected and why (Markdown).")
    previous_verdict: Slug | None = Field(None, description="The verdict before this correction, when it changed.")


class Claim(Record):
    title: Text = Field(description="The reader-facing question or headline of the fact-check.")
    claim: Text = Field(description="The claim quoted exactly as it appeared.")
    claim_short: Annotated[Text, StringConstraints(max_length=CLAIM_SHORT_MAX)] = Field(
        description=f"The claim in at most {CLAIM_SHORT_MAX} characters, for ClaimReview `claimReviewed`. No verdict words."
    )
    claimant: Slug = Field(description="Id in content/people/ of who made the claim.")
    article: Slug | None = Field(None, description="Id in content/articles/ of the work in which the claim appeared.")
    article_position: int | None = Field(None, ge=1, description="Order of the claim within its article (1 = first), for the article page.")
    appearances: list[Appearance] = Field(default_factory=list, description="Other places where the claim appeared.")
    claim_date: Day = Field(description="Date the claim was made or first appeared.")
    verdict: Slug = Field(description="Id of a verdict on the scale in content/site.yaml.")
    summary: Text = Field(description="The short answer in plain text, one or two sentences.")
    analysis: Text = Field(description="The analysis in Markdown; cite sources as [@source-id].")
    sources: list[Source] = Field(default_factory=list, description="Sources cited in the analysis. At least one unless the verdict is off the scale.")
    tags: list[Slug] = Field(default_factory=list, description="Topics, as slugs; labels come from site.yaml `tags`.")
    authors: list[Slug] = Field(min_length=1, description="Ids in content/people/ of the fact-checkers who wrote this.")
    published: Timestamp = Field(description="When the fact-check was published: date-time with zone, or a date (midnight in the site's time zone).")
    updated: Timestamp | None = Field(None, description="When the fact-check was last updated; not before `published`.")
    corrections: list[Correction] = Field(default_factory=list, description="Published corrections, oldest first.")
    draft: bool = Field(False, description="True keeps the fact-check out of the site unless built with --drafts.")
    language: LanguageTag | None = Field(None, description="Language of the fact-check; defaults to the site's.")


# ---------------------------------------------------------------------- pages

PAGE_ROLES = ("about", "methodology", "corrections-policy", "funding", "team", "contact", "submit-claim", "other")


class Page(Record):
    title: Text = Field(description="Title of the page.")
    description: Text | None = Field(None, description="One-sentence summary for search engines and link previews.")
    menu: int | None = Field(None, ge=0, description="Position in the site menu (lower first); leave out to keep the page off the menu.")
    role: Literal["about", "methodology", "corrections-policy", "funding", "team", "contact", "submit-claim", "other"] = Field(
        "other", description="What the page is for; `factcheck audit` looks pages up by role."
    )


MODELS: dict[str, type[Record]] = {
    "site": Site,
    "person": Person,
    "article": Article,
    "claim": Claim,
    "page": Page,
}
