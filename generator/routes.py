"""The URL scheme of the site, in one place."""

from __future__ import annotations

# First path segments the generator owns; a Markdown page may not take one of these slugs.
RESERVED_SLUGS = frozenset({
    "claims", "articles", "people", "verdicts", "tags", "page", "corrections", "search",
    "data", "api", "static", "pagefind", "og", "feed", "sitemap", "robots", "404",
})
