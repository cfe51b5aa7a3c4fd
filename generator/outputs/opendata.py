"""Open data: every published fact-check as JSON (all and one per file), CSV and a ClaimReview DataFeed.

Pure functions from Content and plain options to bytes; `export_data` is the core of `factcheck export`.
Never prints, renders templates or writes files.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from generator.content.entries import Content, Entry
from generator.content.models import Claim
from generator.core.diagnostics import Diagnostic
from generator.outputs.jsonwrite import encode, with_last
from generator.plan.apischema import API_VERSION, CSV_COLUMNS
from generator.plan.jsonld import claim_review
from generator.plan.urls import CLAIM_SCHEMA_JSON, CLAIMREVIEW_JSON, SCHEMA_JSON, claim_api_path, claim_url, og_image_path

FORMATS = ("json", "csv", "claimreview")
# Text that a spreadsheet would run as a formula gets a leading apostrophe (the JSON keeps the exact text).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _stamp(content: Content, value: date | datetime) -> str:
    return content.moment(value).isoformat()


def _utc(content: Content, value: date | datetime) -> str:
    return content.utc_stamp(value)


def claim_record(content: Content, entry: Entry[Claim], base: str) -> dict[str, Any]:
    """One fact-check as plain JSON values; `base` is the site's address without a trailing slash."""
    site = content.site.model
    claim = entry.model
    verdict = next(v for v in site.scale if v.id == claim.verdict)
    ratings = [v.rating for v in site.scale if v.rating is not None]
    claimant = content.people[claim.claimant].model
    article = None
    if claim.article is not None and claim.article in content.articles:
        a = content.articles[claim.article].model
        article = {
            "id": claim.article,
            "title": a.title,
            "title_is_description": a.title_is_description,
            "url": a.url,
            "archive_url": a.archive_url,
            "publisher": content.people[a.publisher].model.name if a.publisher in content.people else a.publisher,
            "published": a.published.isoformat(),
        }
    return {
        "id": entry.id,
        "url": base + claim_url(entry.id),
        "api_url": f"{base}/{claim_api_path(entry.id)}",
        "image": f"{base}/{og_image_path(entry.id)}",
        "title": claim.title,
        "claim": claim.claim,
        "claim_short": claim.claim_short,
        "claimant": {"id": claim.claimant, "name": claimant.name, "kind": claimant.kind},
        "claim_date": claim.claim_date.isoformat(),
        "verdict": {
            "id": verdict.id,
            "label": verdict.label,
            "rating": verdict.rating,
            "best_rating": max(ratings) if ratings else None,
            "worst_rating": min(ratings) if ratings else None,
            "bucket": verdict.bucket,
        },
        "summary": claim.summary,
        "tags": [{"id": t, "label": site.tags.get(t, t)} for t in sorted(set(claim.tags))],
        "authors": [
            {"id": a, "name": content.people[a].model.name if a in content.people else a} for a in dict.fromkeys(claim.authors)
        ],
        "published": _stamp(content, claim.published),
        "updated": _stamp(content, claim.updated) if claim.updated is not None else None,
        "language": claim.language or site.language,
        "article": article,
        "appearances": [{"url": a.url, "archive_url": a.archive_url, "note": a.note} for a in claim.appearances],
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "url": s.url,
                "publisher": s.publisher,
                "published": s.published.isoformat() if s.published else None,
                "archive_url": s.archive_url,
            }
            for s in claim.sources
        ],
        "corrections": [
            {"date": c.date.isoformat(), "note": c.note, "previous_verdict": c.previous_verdict} for c in claim.corrections
        ],
        "updates": [{"date": u.date.isoformat(), "note": u.note} for u in claim.updates],
    }


@dataclass(frozen=True)
class OpenData:
    """The published claims of one build, with what every format shares."""

    content: Content
    claims: list[Entry[Claim]]  # newest first
    base: str  # site address without a trailing slash

    @classmethod
    def of(cls, content: Content, clock: datetime, base_url: str | None = None) -> OpenData:
        base = (base_url or content.site.model.base_url).rstrip("/")
        return cls(content, content.public_claims(clock, drafts=False), base)  # drafts never enter the data

    def records(self) -> list[dict[str, Any]]:
        return [claim_record(self.content, e, self.base) for e in self.claims]

    def header(self) -> dict[str, Any]:
        """The head of each api/claims/<id>.json, up to its last member, the claim."""
        site = self.content.site.model
        return {
            "$schema": f"{self.base}/{CLAIM_SCHEMA_JSON}",
            "version": API_VERSION,
            "license": {"name": site.data_license.name, "url": site.data_license.url},
        }

    def date_modified(self) -> str | None:
        """The newest publication or update: the data changes when the content does, never with the build time."""
        stamps = [_utc(self.content, self.content.last_modified(e.model)) for e in self.claims]
        return max(stamps, default=None)


def claims_json(data: OpenData, records: list[dict[str, Any]] | None = None) -> bytes:
    records = data.records() if records is None else records
    return _claims_json(data, [encode(r) for r in records])


def _claims_json(data: OpenData, encoded: list[str]) -> bytes:
    return with_last(claims_head(data, len(encoded)), "claims", encoded)


def claims_head(data: OpenData, count: int) -> dict[str, Any]:
    """api/claims.json up to its last member, the list of claims."""
    site = data.content.site.model
    header = data.header()
    return {
        "$schema": f"{data.base}/{SCHEMA_JSON}",
        "version": API_VERSION,
        "site": {"title": site.title, "url": data.base + "/", "language": site.language, "publisher": site.publisher.name},
        "license": header["license"],
        "date_modified": data.date_modified(),
        "count": count,
    }


def claim_json(data: OpenData, record: dict[str, Any]) -> bytes:
    return with_last(data.header(), "claim", encode(record))


def _cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def claims_csv(records: list[dict[str, Any]]) -> bytes:
    """One row per fact-check, UTF-8, comma-separated, CRLF line ends (RFC 4180); lists joined with '; '."""
    return _csv_bytes([csv_row(r) for r in records])


def _csv_bytes(rows: list[list[Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def csv_row(r: dict[str, Any]) -> list[Any]:
    """The row of claims.csv for one record, in CSV_COLUMNS order."""
    v = r["verdict"]
    row = [
        r["id"],
        r["url"],
        _cell(r["title"]),
        _cell(r["claim"]),
        _cell(r["claim_short"]),
        r["claimant"]["id"],
        _cell(r["claimant"]["name"]),
        r["claim_date"],
        v["id"],
        _cell(v["label"]),
        v["rating"],
        v["best_rating"],
        v["worst_rating"],
        v["bucket"],
        _cell(r["summary"]),
        "; ".join(t["id"] for t in r["tags"]),
        _cell("; ".join(t["label"] for t in r["tags"])),
        _cell("; ".join(a["name"] for a in r["authors"])),
        r["published"],
        r["updated"],
        r["language"],
        (r["article"] or {}).get("url"),
        len(r["corrections"]),
        r["image"],
        len(r["updates"]),
    ]
    return ["" if cell is None else cell for cell in row]


def feed_item(content: Content, entry: Entry[Claim], base: str) -> dict[str, Any]:
    """One DataFeedItem: the page's own ClaimReview (same function, same values), dated."""
    url = base + claim_url(entry.id)
    review = claim_review(content, entry, base)
    review.pop("@context", None)
    return {
        "@type": "DataFeedItem",
        "url": url,
        "dateCreated": review["datePublished"],
        "dateModified": review["dateModified"],
        "item": [review],
    }


def claimreview_feed(data: OpenData) -> bytes:
    """A schema.org DataFeed of every ClaimReview, the form fact-check databases ingest."""
    return _claimreview_feed(data, [encode(feed_item(data.content, e, data.base)) for e in data.claims])


def _claimreview_feed(data: OpenData, encoded: list[str]) -> bytes:
    return with_last(feed_head(data), "dataFeedElement", encoded)


def feed_head(data: OpenData) -> dict[str, Any]:
    site = data.content.site.model
    return {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": site.title,
        "description": site.description,
        "url": f"{data.base}/{CLAIMREVIEW_JSON}",
        "inLanguage": site.language,
        "publisher": {"@type": "Organization", "name": site.publisher.name, "url": site.publisher.url},
        "license": site.data_license.url,
        "sdLicense": site.data_license.url,
        "sdPublisher": {"@type": "Organization", "name": site.publisher.name, "url": site.publisher.url},
        "dateModified": data.date_modified(),
    }


def export_bytes(data: OpenData, fmt: str) -> bytes:
    """One format as the site publishes it: json (api/claims.json), csv (claims.csv) or claimreview."""
    if fmt == "json":
        return claims_json(data)
    if fmt == "csv":
        return claims_csv(data.records())
    if fmt == "claimreview":
        return claimreview_feed(data)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def export_data(project, fmt: str, clock: datetime, base_url: str | None = None) -> tuple[bytes | None, list[Diagnostic]]:
    """Validate the project and return one export format, or None with the diagnostics when the content has errors."""
    from generator.content.loading import load_content

    content, diagnostics = load_content(project, clock)
    if content is None:
        return None, diagnostics
    return export_bytes(OpenData.of(content, clock, base_url), fmt), diagnostics
