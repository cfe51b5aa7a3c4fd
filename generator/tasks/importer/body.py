"""An imported HTML body as Markdown: sanitised with nh3 first, then converted with markdownify."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import nh3
from markdownify import markdownify

# What a fact-check body needs; everything else (scripts, styles, forms, frames, images) is dropped.
ALLOWED_TAGS = {
    "p", "br", "hr", "a", "strong", "b", "em", "i", "blockquote", "q", "code", "pre",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}}


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
    text = markdownify(clean, heading_style="ATX", bullets="-", escape_misc=True)
    text = re.sub(r"(?<!\\)\[@", r"\\[@", text)  # an imported "[@x]" is not a citation of this site's sources
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def plain_text(html: str) -> str:
    """Untrusted HTML or text as one line of plain text (for titles, claims and summaries)."""
    return " ".join(unescape(nh3.clean(html, tags=set())).split())
