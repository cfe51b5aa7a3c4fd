"""What templates get of site.yaml's `theme`: the logo and favicon with their addresses, the main menu and
the footer as lists of links, the social profiles, and the address of the brand stylesheet.

Links to the site's own pages carry a `name` ("home", "verdicts"…) and no label unless the desk gave one:
templates word them in the interface language. No I/O; the images were checked when content was loaded.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from generator.content.entries import Content
from generator.content.theme import BUILTIN_PAGES, Link
from generator.core.colours import parse_hex
from generator.plan.palette import scheme_of
from generator.plan.urls import BRAND_CSS, link, theme_file_url

# The built-in menu and footer, as they were before themes: kept so a site without a theme is unchanged.
DEFAULT_MENU = ("home", "verdicts", "corrections")
DEFAULT_FOOTER = ("verdicts", "corrections", "articles", "people", "tags", "feed", "corrections-feed", "data", "search")
# Names people know social networks by, from the host of a profile's address (anything else shows its host).
SOCIAL_NAMES = {
    "facebook.com": "Facebook",
    "instagram.com": "Instagram",
    "x.com": "X",
    "twitter.com": "X",
    "youtube.com": "YouTube",
    "tiktok.com": "TikTok",
    "threads.net": "Threads",
    "linkedin.com": "LinkedIn",
    "t.me": "Telegram",
    "whatsapp.com": "WhatsApp",
    "bsky.app": "Bluesky",
    "mastodon.social": "Mastodon",
}


def theme_view(content: Content, root: str) -> dict[str, Any]:
    """The theme's values for the `site` every template gets."""
    theme = content.site.model.theme
    images = content.theme_files
    logo = images.get("logo")
    favicon = images.get("favicon")
    return {
        "logo": (
            {"url": link(root, theme_file_url(logo.file)), "alt": theme.logo.alt, "width": logo.width, "height": logo.height}
            if logo is not None and theme.logo is not None
            else None
        ),
        "favicon": {"url": link(root, theme_file_url(favicon.file)), "mime": favicon.mime} if favicon is not None else None,
        "navigation": _links(content, root, theme.navigation) if theme.navigation is not None else _default_menu(content, root),
        "footer": {
            "text": theme.footer.text,
            "links": _links(content, root, theme.footer.links)
            if theme.footer.links is not None
            else [_builtin(root, name) for name in DEFAULT_FOOTER],
        },
        "social": [{"url": url, "name": social_name(url)} for url in theme.social],
        "brand_css": link(root, BRAND_CSS) if theme.colours is not None or theme.dark_colours is not None else None,
        # Brand colours for one scheme only hold in both: the browser is told so before the styles load.
        "color_scheme": (
            scheme_of(parse_hex(theme.colours.background))
            if theme.colours is not None and theme.dark_colours is None
            else "light dark"
        ),
    }


def social_name(url: str) -> str:
    host = (urlsplit(url).hostname or url).lower().removeprefix("www.").removeprefix("m.")
    return SOCIAL_NAMES.get(host, host)


def _builtin(root: str, name: str, label: str | None = None) -> dict[str, Any]:
    return {"name": name, "label": label, "url": link(root, BUILTIN_PAGES[name])}


def _default_menu(content: Content, root: str) -> list[dict[str, Any]]:
    pages = sorted((p for p in content.pages.values() if p.model.menu is not None), key=lambda p: (p.model.menu, p.id))
    items = [_builtin(root, name) for name in DEFAULT_MENU]
    return items + [{"name": None, "label": p.model.title, "url": link(root, f"/{p.id}/")} for p in pages]


def _links(content: Content, root: str, links: list[Link]) -> list[dict[str, Any]]:
    items = []
    for item in links:
        if item.url is not None:
            items.append({"name": None, "label": item.label, "url": item.url})
        elif item.page in BUILTIN_PAGES:
            items.append(_builtin(root, item.page, item.label))
        elif item.page is not None and item.page in content.pages:
            page = content.pages[item.page]
            items.append({"name": None, "label": item.label or page.model.title, "url": link(root, f"/{page.id}/")})
    return items
