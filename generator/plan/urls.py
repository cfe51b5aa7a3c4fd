"""The site's URL scheme in one place: where each kind of page and file lives, from the site root.

Plain strings in, plain strings out; every other module asks here instead of spelling a path.
A site address such as "/claims/x/" names a page inside the site (and its file in the output folder);
the site may live under a path of its host (https://org.github.io/cekfakta/), so what a page links to
is that address under the site's root path (`link`), and what leaves the site is the base URL + the address.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

SHARE_IMAGE_SIZE = (1200, 630)  # Open Graph's recommended size; render.ogimage draws at it
FEED = "/feed.xml"
CORRECTIONS_FEED = "/corrections/feed.xml"
CLAIMS_JSON = "api/claims.json"
SCHEMA_JSON = "api/claims.schema.json"  # the schema of CLAIMS_JSON
CLAIM_SCHEMA_JSON = "api/claim.schema.json"  # the schema of each api/claims/<id>.json
CLAIMS_CSV = "claims.csv"
CLAIMREVIEW_JSON = "claimreview.json"
BRAND_CSS = "/static/brand.css"  # the desk's colours (site.yaml theme), generated beside the theme's style.css
THEME_STATIC = "templates/static/"  # a project's theme files; the site publishes them under /static/


def claim_url(claim_id: str) -> str:
    return f"/claims/{claim_id}/"


def article_url(article_id: str) -> str:
    return f"/articles/{article_id}/"


def person_url(person_id: str) -> str:
    return f"/people/{person_id}/"


def verdict_url(verdict_id: str) -> str:
    return f"/verdicts/{verdict_id}/"


def tag_url(tag: str) -> str:
    return f"/tags/{tag}/"


def page_url(base: str, number: int) -> str:
    """Page `number` of a paginated list whose first page is `base`."""
    return base if number == 1 else f"{base}page/{number}/"


def claim_api_path(claim_id: str) -> str:
    """The open-data file of one fact-check, as a path inside the output folder."""
    return f"api/claims/{claim_id}.json"


def og_image_path(claim_id: str) -> str:
    """Where a claim's share image lands in the site; the URL is the same path from the site root."""
    return f"og/{claim_id}.png"


def og_image_view(url: str, verdict_label: str, claim_short: str) -> dict[str, Any]:
    """The share image as page metadata: absolute URL, size and a text alternative."""
    width, height = SHARE_IMAGE_SIZE
    return {"url": url, "width": width, "height": height, "alt": f"{verdict_label}: “{claim_short}”"}


def output_path(url: str) -> str:
    """Where the page of a root-relative URL lands inside the output folder: folders get an index.html."""
    path = url.lstrip("/")
    return path + "index.html" if url.endswith("/") else path


def site_root(base_url: str) -> str:
    """The path the site lives under on its host, from its public address: "/" for https://example.org/,
    "/cekfakta/" for https://org.github.io/cekfakta (with or without the final slash)."""
    segments = [s for s in urlsplit(base_url).path.split("/") if s]
    return "/" + "".join(f"{s}/" for s in segments)


def link(root: str, address: str) -> str:
    """A site address as pages link to it, under the site's root path: "/claims/x/" -> "/cekfakta/claims/x/".
    Anything else (an absolute URL, a fragment) is returned as it is."""
    if address.startswith("/") and not address.startswith("//"):
        return root + address[1:]
    return address


def theme_file_url(file: str) -> str:
    """The site address of a file of the project's theme: templates/static/logo.png -> /static/logo.png."""
    return "/static/" + file.removeprefix(THEME_STATIC)
