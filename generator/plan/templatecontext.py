"""What each page template is given: the names of its context besides the ones every page gets, and the
keys of `site` and `page`. `factcheck validate` holds a project's templates to it (render.templatecheck);
a test holds the planner to it, so it cannot drift from what templates really receive.
"""

from __future__ import annotations

SHARED = frozenset({"site", "page", "drafts"})  # every route's context has these
SITE_KEYS = frozenset(
    {
        "title",
        "description",
        "language",
        "locale",
        "base_url",
        "root",
        "publisher",
        "data_license",
        "menu",
        "methodology_url",
        "feed_url",
        "corrections_feed_url",
        "scale",
        "labels_only",
        "corrections_request",
        "logo",
        "favicon",
        "navigation",
        "footer",
        "social",
        "brand_css",
        "color_scheme",
    }
)
PAGE_KEYS = frozenset({"url", "canonical", "title", "description", "og_type", "noindex", "lastmod", "image"})
CONTEXT: dict[str, frozenset[str]] = {
    "404.html": frozenset(),
    "article.html": frozenset({"article", "cards", "verdicts"}),
    "articles.html": frozenset({"articles"}),
    "brand.css": frozenset({"light", "dark"}),
    "claim.html": frozenset({"claim", "jsonld", "share"}),
    "corrections.html": frozenset({"corrections"}),
    "data.html": frozenset({"data"}),
    "feed.xml": frozenset({"entries", "feed", "kind", "updated"}),
    "home.html": frozenset({"cards", "count", "pagination", "tags", "verdicts"}),
    "page.html": frozenset({"body_html", "role", "funding"}),
    "people.html": frozenset({"people"}),
    "person.html": frozenset({"articles", "cards", "count", "pagination", "person", "scorecard", "written", "written_count"}),
    "robots.txt": frozenset({"sitemap"}),
    "scale.html": frozenset({"verdicts"}),
    "search.html": frozenset({"searchable"}),
    "sitemap.xml": frozenset({"urls"}),
    "tag.html": frozenset({"cards", "count", "pagination", "tag"}),
    "tags.html": frozenset({"tags"}),
    "verdict.html": frozenset({"cards", "count", "pagination", "verdict"}),
}
# The frame every page extends sees only what every page gets.
FRAMES = frozenset({"base.html"})


def names_for(template: str) -> frozenset[str] | None:
    """The context names a template can rely on, or None when it is not a page of its own (a partial such as
    _macros.html or _share.html, included or imported from any page: it may see any page's names)."""
    if template in CONTEXT:
        return SHARED | CONTEXT[template]
    if template in FRAMES:
        return SHARED
    return None


def any_page_names() -> frozenset[str]:
    return SHARED.union(*CONTEXT.values())
