"""schema.org ClaimReview for one claim, and JSON that is safe inside a <script> element.

Maps records to a plain dict; knows nothing of templates or files.
"""

from __future__ import annotations

import json
from typing import Any

from generator.content.entries import Content, Entry
from generator.content.models import Claim
from generator.plan.urls import claim_url, theme_file_url

_SCRIPT_ESCAPES = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def to_script_json(data: Any) -> str:
    """JSON for a <script type="application/ld+json"> block: no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Inside JSON strings these escapes mean the same characters; outside strings they never occur.
    return text.translate(_SCRIPT_ESCAPES)


def _organisation(name: str, url: str | None, logo: str | None = None, same_as: list[str] | None = None) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "Organization", "name": name}
    if url:
        org["url"] = url
    if logo:
        org["logo"] = {"@type": "ImageObject", "url": logo}
    if same_as:
        org["sameAs"] = same_as
    return org


def publisher(content: Content, base: str) -> dict[str, Any]:
    """The desk as schema.org sees it: its logo (site.yaml's publisher.logo, else the theme's logo on this
    site, at `base`) and its social profiles as sameAs."""
    site = content.site.model
    logo = site.publisher.logo
    image = content.theme_files.get("logo")
    if logo is None and image is not None:
        logo = base + theme_file_url(image.file)
    return _organisation(site.publisher.name, site.publisher.url, logo, list(site.theme.social))


def claim_review(content: Content, entry: Entry[Claim], base: str) -> dict[str, Any]:
    """The ClaimReview of one claim page, on the site whose address (without its final slash) is `base`."""
    url = base + claim_url(entry.id)
    site = content.site.model
    claim = entry.model
    verdict = next(v for v in site.scale if v.id == claim.verdict)
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.label}
    ratings = [v.rating for v in site.scale if v.rating is not None]
    if verdict.rating is not None:
        rating.update(ratingValue=verdict.rating, bestRating=max(ratings), worstRating=min(ratings))

    claimant = content.people[claim.claimant].model
    author: dict[str, Any] = {"@type": "Person" if claimant.kind == "person" else "Organization", "name": claimant.name}
    same_as = [u for u in [claimant.url, *claimant.same_as] if u]
    if same_as:
        author["sameAs"] = same_as if len(same_as) > 1 else same_as[0]

    appearances: list[dict[str, Any]] = []
    if claim.article is not None and claim.article in content.articles:
        article = content.articles[claim.article].model
        work: dict[str, Any] = {"@type": "CreativeWork"}
        if article.url or article.archive_url:
            work["url"] = article.url or article.archive_url
        work["name" if article.title_is_description else "headline"] = article.title
        work["datePublished"] = article.published.isoformat()
        if article.publisher in content.people:
            outlet = content.people[article.publisher].model
            work["publisher"] = _organisation(outlet.name, outlet.url)
        appearances.append(work)
    for appearance in claim.appearances:
        appearances.append({"@type": "CreativeWork", "url": appearance.url})

    item: dict[str, Any] = {
        "@type": "Claim",
        "author": author,
        "datePublished": claim.claim_date.isoformat(),
    }
    if appearances:
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]

    published = content.moment(claim.published)
    modified = content.last_modified(claim)  # a correction counts as a modification
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.claim_short,
        "reviewRating": rating,
        "itemReviewed": item,
        "author": _organisation(site.publisher.name, site.publisher.url),
        "publisher": publisher(content, base),
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "inLanguage": claim.language or site.language,
    }
    if claim.same_as:  # the original page of an imported fact-check: the same review, first published there
        review["sameAs"] = claim.same_as if len(claim.same_as) > 1 else claim.same_as[0]
    return review
