"""One ClaimReview dict made a claim record (a plain dict in the model's field order), naming its people.

Knows nothing of files: the people are asked for by name through a callback that returns their id,
the verdict is already mapped. What cannot be filled from the review is listed, and the record is
then a draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from generator.content.models import CLAIM_SHORT_MAX
from generator.core.values import slugify
from generator.tasks.importer.body import html_to_markdown, is_web_url, plain_text
from generator.tasks.importer.sources import is_type

PersonId = Callable[[str, str], str]  # (name, 'person' | 'organization') -> the person's id
ORIGINAL = "original"  # id of the source that is the original fact-check page


@dataclass
class Converted:
    record_id: str
    data: dict[str, Any]
    to_fill: list[str] = field(default_factory=list)


def first(value: object) -> object:
    return value[0] if isinstance(value, list) and value else value


def text_of(value: object) -> str:
    """A plain one-line text from a JSON-LD value that should be a string (anything else counts as empty)."""
    value = first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("text")
    return plain_text(value) if isinstance(value, str) else ""


def rating_label(review: dict[str, Any]) -> str:
    rating = first(review.get("reviewRating"))
    return text_of(rating.get("alternateName") or rating.get("name")) if isinstance(rating, dict) else ""


def names(value: object) -> list[tuple[str, str]]:
    """(name, kind) of each Person or Organization in a JSON-LD author value."""
    found: list[tuple[str, str]] = []
    for node in value if isinstance(value, list) else [value]:
        if isinstance(node, str) and plain_text(node):
            found.append((plain_text(node), "person"))
        elif isinstance(node, dict) and text_of(node.get("name")):
            found.append((text_of(node.get("name")), "organization" if is_type(node, "Organization") else "person"))
    return found


def as_day(value: object) -> str | None:
    """The date of a JSON-LD date or date-time, as YYYY-MM-DD."""
    moment = as_moment(value)
    return moment[:10] if moment else None


def as_moment(value: object) -> str | None:
    """A date (YYYY-MM-DD) or a date-time with a zone, as the record's Timestamp field takes it."""
    value = first(value)
    if not isinstance(value, str):
        return None
    text = value.strip().replace("Z", "+00:00") if value.strip().endswith("Z") else value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.isoformat() if moment.tzinfo else moment.date().isoformat()


def original_url(review: dict[str, Any]) -> str | None:
    """Where the review was published: its `url`, else the page it is the main entity of, else its `@id`
    (WordPress SEO plugins give a ClaimReview an `@id` of the post's address with a #fragment)."""
    page = first(review.get("mainEntityOfPage"))
    for value in (review.get("url"), page.get("@id") if isinstance(page, dict) else page, review.get("@id")):
        value = first(value)
        if is_web_url(value):
            return urlsplit(str(value))._replace(fragment="").geturl()
    return None


def record_id(review: dict[str, Any], claim: str) -> str:
    """The id: the last part of the original address (so a re-import finds the same file), else the claim."""
    url = original_url(review)
    if url:
        segments = [s for s in urlsplit(str(url)).path.split("/") if s]
        if segments:
            slug = slugify(segments[-1].rsplit(".", 1)[0])
            if slug and not slug.isdigit():
                return slug[:60].rstrip("-")
    return slugify(claim)[:60].rstrip("-") or "imported"


def review_id(review: dict[str, Any]) -> str:
    """The id an imported review gets, known before anything is made of it."""
    return record_id(
        review, text_of(review.get("claimReviewed")) or text_of(review.get("headline")) or text_of(review.get("name"))
    )


def short(text: str) -> str:
    if len(text) <= CLAIM_SHORT_MAX:
        return text
    cut = text[: CLAIM_SHORT_MAX - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def convert(review: dict[str, Any], verdict: str, person_id: PersonId, page_body: str | None = None) -> Converted:
    item = first(review.get("itemReviewed"))
    item = item if isinstance(item, dict) else {}
    claim_reviewed = text_of(review.get("claimReviewed"))
    claim_text = text_of(item.get("text")) or text_of(item.get("name")) or claim_reviewed
    title = text_of(review.get("headline")) or text_of(review.get("name")) or claim_reviewed
    url = original_url(review)
    to_fill: list[str] = []
    data: dict[str, Any] = {"title": title, "claim": claim_text, "claim_short": short(claim_reviewed or claim_text)}
    if not claim_reviewed or len(claim_reviewed) > CLAIM_SHORT_MAX:
        to_fill.append("claim_short")  # shortened or guessed: an editor must check it
    for key, value in (("title", title), ("claim", claim_text)):
        if not value:
            to_fill.append(key)

    claimants = names(item.get("author"))
    if claimants:
        data["claimant"] = person_id(*claimants[0])
    else:
        to_fill.append("claimant")
    appearances: list[dict[str, str]] = []
    more = item.get("appearance") or []
    for node in [first(item.get("firstAppearance")), *(more if isinstance(more, list) else [more])]:
        link = node.get("url") if isinstance(node, dict) else node
        if is_web_url(link) and link not in [a["url"] for a in appearances]:
            appearances.append({"url": str(link)})
    if appearances:
        data["appearances"] = appearances

    published = as_moment(review.get("datePublished"))
    claim_date = as_day(item.get("datePublished")) or (published or "")[:10]
    if claim_date:
        data["claim_date"] = claim_date
    else:
        to_fill.append("claim_date")
    data["verdict"] = verdict

    rating = first(review.get("reviewRating"))
    explanation = text_of(rating.get("ratingExplanation")) if isinstance(rating, dict) else ""
    data["summary"] = explanation or text_of(review.get("description")) or rating_label(review) or ""
    if not data["summary"]:
        to_fill.append("summary")
    html = next((v for v in (review.get("reviewBody"), review.get("articleBody"), page_body) if isinstance(v, str) and v), "")
    body = html_to_markdown(html) if html else ""
    if url:
        # The original page is the record's first source, so the analysis cites it.
        data["analysis"] = (body + "\n\n" if body else "") + f"<{url}> [@{ORIGINAL}]"
        source: dict[str, Any] = {"id": ORIGINAL, "title": title or url, "url": url}
        publisher = names(review.get("publisher")) or names(review.get("author"))
        if publisher:
            source["publisher"] = publisher[0][0]
        if published:
            source["published"] = published[:10]
        data["sources"] = [source]
    elif body:
        data["analysis"] = body
        to_fill.append("sources")
    else:
        to_fill += ["analysis", "sources"]

    authors = names(review.get("author")) or names(review.get("publisher"))
    if authors:
        data["authors"] = list(dict.fromkeys(person_id(name, kind) for name, kind in authors))
    else:
        to_fill.append("authors")
    if published:
        data["published"] = published
        updated = as_moment(review.get("dateModified"))
        if updated and updated != published:
            data["updated"] = updated
    else:
        to_fill.append("published")
    language = text_of(review.get("inLanguage"))
    if language:
        data["language"] = language
    if url:
        data["same_as"] = [url]
    if to_fill:
        data["draft"] = True
    return Converted(review_id(review), data, to_fill)
