"""The `theme` section of site.yaml: how a desk makes the built-in theme its own without forking it
(logo, favicon, brand colours, main navigation, footer, social profiles).

Shapes and single values only; the checks that look at other records (contrast, pages named in links)
or at the project's files (the images) are in themechecks.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.content.fields import Slug, Text, Url
from generator.content.recordbase import Record
from generator.core.colours import HEX_RE, normalise

STATIC_FOLDER = "templates/static/"  # a theme's files live here; the site publishes them under /static/
# Pages of the site a link can name instead of a Markdown page's slug, with their addresses (plan.urls has
# the same scheme). "home" is the list of the latest fact-checks.
BUILTIN_PAGES = {
    "home": "/",
    "verdicts": "/verdicts/",
    "corrections": "/corrections/",
    "articles": "/articles/",
    "people": "/people/",
    "tags": "/tags/",
    "search": "/search/",
    "data": "/data/",
    "feed": "/feed.xml",
    "corrections-feed": "/corrections/feed.xml",
}


def _colour_given(value: Any) -> Any:
    if value is None:  # `text: #1a1a1a` unquoted: YAML reads a comment, so the value is empty
        raise PydanticCustomError(
            "colour_missing",
            'has no colour; write it in quotes, e.g. "#1a1a1a" (an unquoted # starts a YAML comment)',
        )
    if isinstance(value, int) and not isinstance(value, bool):
        raise PydanticCustomError("colour_format", 'must be written in quotes with its #, e.g. "#{value}"', {"value": value})
    return value


def _check_colour(value: str) -> str:
    if not HEX_RE.fullmatch(value.strip()):
        raise PydanticCustomError(
            "colour_format", "'{value}' is not a colour; write it as #rrggbb, e.g. \"#1a1a1a\"", {"value": value[:40]}
        )
    return normalise(value.strip())


def _check_theme_path(value: str) -> str:
    parts = value.split("/")
    if (
        not value.startswith(STATIC_FOLDER)
        or "\\" in value
        or any(p in ("", ".", "..") or p.startswith(".") for p in parts)
        or not value.isprintable()
    ):
        raise PydanticCustomError(
            "theme_path",
            "must be a file in the project's templates/static/ folder, written from the project folder, "
            "e.g. templates/static/logo.png",
        )
    return value


Colour = Annotated[
    str,
    BeforeValidator(_colour_given),
    AfterValidator(_check_colour),
    WithJsonSchema({"type": "string", "pattern": "^#([0-9a-fA-F]{3}){1,2}$"}),
]
ThemeFile = Annotated[str, AfterValidator(_check_theme_path), WithJsonSchema({"type": "string", "pattern": "^templates/static/"})]


class Logo(Record):
    file: ThemeFile = Field(
        description="The logo image in templates/static/, e.g. templates/static/logo.png (PNG, JPEG, GIF or WebP). "
        "It replaces the site's title in the header."
    )
    alt: Text = Field(description="What the logo says, read out as the name of the link to the home page, e.g. 'Cek Fakta'.")


class Colours(Record):
    text: Colour = Field(description='Colour of the text, e.g. "#1a1a1a". Needs a contrast of 4.5:1 with the background.')
    background: Colour = Field(description='Colour of the page, e.g. "#ffffff".')
    accent: Colour = Field(description='Colour of links and focus outlines, e.g. "#0b57d0". Needs 4.5:1 with the background.')


class Link(Record):
    page: Slug | None = Field(
        None,
        description="A page of the site: home, verdicts, corrections, articles, people, tags, search, data, feed, "
        "corrections-feed, or the slug of a page in content/pages/. Give either page or url.",
    )
    url: Url | None = Field(None, description="An address on another site (http or https). Needs a label.")
    label: Text | None = Field(None, description="The text of the link; a page's own name when left out.")


class Footer(Record):
    text: Text | None = Field(None, description="A line of plain text at the foot of every page, e.g. '© 2026 Cek Fakta'.")
    links: list[Link] | None = Field(
        None,
        description="The links in the footer, in order; leave out to keep the built-in list (rating scale, corrections "
        "log, lists, feeds, open data, search).",
    )


class Theme(Record):
    logo: Logo | None = Field(None, description="The desk's logo in the header of every page.")
    favicon: ThemeFile | None = Field(
        None,
        description="The icon browsers show in tabs: a PNG or ICO file in templates/static/, e.g. templates/static/icon.png.",
    )
    colours: Colours | None = Field(None, description="Brand colours; leave out to keep the built-in light and dark palettes.")
    dark_colours: Colours | None = Field(
        None, description="Brand colours for readers whose system is set to dark mode; without them `colours` are used."
    )
    navigation: list[Link] | None = Field(
        None,
        description="The main menu, in order; leave out for the built-in one (fact-checks, rating scale, corrections and "
        "the pages with `menu:`).",
    )
    footer: Footer = Field(
        default_factory=lambda: Footer.model_validate({}), description="The text and links at the foot of every page."
    )
    social: list[Url] = Field(
        default_factory=list,
        description="The desk's profiles on social networks (http or https), linked in the footer and given to search "
        "engines as the publisher's sameAs.",
    )


@dataclass(frozen=True)
class ThemeImage:
    """A theme image as checked on disk (themechecks.py): its path in the project, size in pixels, media type."""

    file: str  # templates/static/logo.png
    width: int
    height: int
    mime: str
