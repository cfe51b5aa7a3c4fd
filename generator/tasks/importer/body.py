"""An imported HTML body as Markdown: sanitised with nh3 first, then converted with markdownify."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import nh3
from markdownify import MarkdownConverter

# What a fact-check body needs; everything else (scripts, styles, forms, frames, images) is dropped.
ALLOWED_TAGS = {
    "p", "br", "hr", "a", "strong", "b", "em", "i", "blockquote", "q", "code", "pre",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}}

# Python-Markdown (what the site renders with) takes a backslash away only before these characters.
_ALWAYS_ESCAPED = re.compile(r"([\\`*_\[\]])")
# A heading, quote, list item or numbered item, if the text began a line; the text of one element
# has no line breaks (wrap, below), so only its start can.
_LINE_MARKER = re.compile(r"^(\s*)([#>]|[+-](?=\s|$)|\d+(?=\.(?:\s|$)))")
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")


class _Converter(MarkdownConverter):
    """markdownify, escaping text for Python-Markdown: what would read as markup is escaped with the
    backslashes Python-Markdown removes (markdownify's own `escape_misc` leaves some showing), and an
    `&` or `<` that would start an entity or a tag is written as an entity."""

    def escape(self, text: str, parent_tags: set[str]) -> str:
        if not text:
            return ""
        text = _ALWAYS_ESCAPED.sub(r"\\\1", text)
        text = _LINE_MARKER.sub(
            lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2).isdigit() else m.group(2) + "\\"), text
        )
        return _TAG_LIKE.sub("&lt;", _ENTITY_LIKE.sub("&amp;", text))


def is_web_url(value: object) -> bool:
    """An absolute http(s) address: the only kind an imported record keeps."""
    if not isinstance(value, str) or any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and "." in (parts.hostname or "")


def _keep_web_links(tag: str, attribute: str, value: str) -> str | None:
    # Relative links pointed into the old site; they would be dead (or worse) in this one.
    return value if attribute != "href" or is_web_url(value) else None


def html_to_markdown(html: str) -> str:
    """Untrusted HTML as Markdown: only harmless tags and http(s) links survive, then converted."""
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        attribute_filter=_keep_web_links,
        link_rel=None,
    )
    # wrap without a width: HTML's line breaks inside text are only spaces (a line of '===' is no heading)
    text = _Converter(heading_style="ATX", bullets="-", wrap=True, wrap_width=None).convert(clean)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def plain_text(html: str) -> str:
    """Untrusted HTML or text as one line of plain text (for titles, claims and summaries)."""
    return " ".join(unescape(nh3.clean(html, tags=set())).split())
