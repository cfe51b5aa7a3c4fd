"""Open data: every published fact-check as JSON (all and one per file), CSV and a ClaimReview DataFeed.

Pure functions from Content and plain options to bytes; `export_data` is the core of `factcheck export`.
Never prints, renders templates or writes files.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime
from contextlib import ExitStack, contextmanager
from typing import Any, BinaryIO, Callable, ContextManager, Iterator

from generator.outputs.apischema import API_VERSION, schema_text
from generator.engine.cache import code_version
from generator.content.loading import Content, Entry
from generator.core.diagnostics import Diagnostic
from generator.plan.jsonld import claim_review
from generator.outputs.jsonwrite import ListStream, encode, with_last
from generator.content.models import Claim
from generator.render.ogimage import og_image_path

CLAIMS_JSON = "api/claims.json"
SCHEMA_JSON = "api/claims.schema.json"
CLAIMS_CSV = "claims.csv"
CLAIMREVIEW_JSON = "claimreview.json"
FORMATS = ("json", "csv", "claimreview")
CSV_COLUMNS = (
    "id", "url", "title", "claim", "claim_short", "claimant_id", "claimant", "claim_date", "verdict_id", "verdict",
    "rating", "best_rating", "worst_rating", "bucket", "summary", "tags", "topics", "authors", "published", "updated",
    "language", "article_url", "corrections", "image",
)
# Text that a spreadsheet would run as a formula gets a leading apostrophe (the JSON keeps the exact text).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def claim_api_path(claim_id: str) -> str:
    return f"api/claims/{claim_id}.json"


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
        article = {"id": claim.article, "title": a.title, "title_is_description": a.title_is_description, "url": a.url,
                   "archive_url": a.archive_url, "publisher": content.people[a.publisher].model.name
                   if a.publisher in content.people else a.publisher, "published": a.published.isoformat()}
    return {
        "id": entry.id,
        "url": f"{base}/claims/{entry.id}/",
        "api_url": f"{base}/{claim_api_path(entry.id)}",
        "image": f"{base}/{og_image_path(entry.id)}",
        "title": claim.title,
        "claim": claim.claim,
        "claim_short": claim.claim_short,
        "claimant": {"id": claim.claimant, "name": claimant.name, "kind": claimant.kind},
        "claim_date": claim.claim_date.isoformat(),
        "verdict": {"id": verdict.id, "label": verdict.label, "rating": verdict.rating,
                    "best_rating": max(ratings) if ratings else None, "worst_rating": min(ratings) if ratings else None,
                    "bucket": verdict.bucket},
        "summary": claim.summary,
        "tags": [{"id": t, "label": site.tags.get(t, t)} for t in sorted(set(claim.tags))],
        "authors": [{"id": a, "name": content.people[a].model.name if a in content.people else a}
                    for a in dict.fromkeys(claim.authors)],
        "published": _stamp(content, claim.published),
        "updated": _stamp(content, claim.updated) if claim.updated is not None else None,
        "language": claim.language or site.language,
        "article": article,
        "appearances": [{"url": a.url, "archive_url": a.archive_url, "note": a.note} for a in claim.appearances],
        "sources": [{"id": s.id, "title": s.title, "url": s.url, "publisher": s.publisher,
                     "published": s.published.isoformat() if s.published else None, "archive_url": s.archive_url}
                    for s in claim.sources],
        "corrections": [{"date": c.date.isoformat(), "note": c.note, "previous_verdict": c.previous_verdict}
                        for c in claim.corrections],
    }


@dataclass(frozen=True)
class OpenData:
    """The published claims of one build, with what every format shares."""

    content: Content
    claims: list[Entry[Claim]]  # newest first
    base: str  # site address without a trailing slash

    @classmethod
    def of(cls, content: Content, clock: datetime, base_url: str | None = None) -> "OpenData":
        base = (base_url or content.site.model.base_url).rstrip("/")
        return cls(content, content.public_claims(clock, drafts=False), base)  # drafts never enter the data

    def records(self) -> list[dict[str, Any]]:
        return [claim_record(self.content, e, self.base) for e in self.claims]

    def header(self) -> dict[str, Any]:
        site = self.content.site.model
        return {"$schema": f"{self.base}/{SCHEMA_JSON}", "version": API_VERSION,
                "license": {"name": site.data_license.name, "url": site.data_license.url}}

    def date_modified(self) -> str | None:
        """The newest publication or update: the data changes when the content does, never with the build time."""
        stamps = [_utc(self.content, self.content.last_modified(e.model)) for e in self.claims]
        return max(stamps, default=None)


def claims_json(data: OpenData, records: list[dict[str, Any]] | None = None) -> bytes:
    records = data.records() if records is None else records
    return _claims_json(data, [encode(r) for r in records])


def _claims_json(data: OpenData, encoded: list[str]) -> bytes:
    return with_last(_claims_head(data, len(encoded)), "claims", encoded)


def _claims_head(data: OpenData, count: int) -> dict[str, Any]:
    """api/claims.json up to its last member, the list of claims."""
    site = data.content.site.model
    header = data.header()
    return {
        "$schema": header["$schema"],
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
        r["id"], r["url"], _cell(r["title"]), _cell(r["claim"]), _cell(r["claim_short"]), r["claimant"]["id"],
        _cell(r["claimant"]["name"]), r["claim_date"], v["id"], _cell(v["label"]), v["rating"], v["best_rating"],
        v["worst_rating"], v["bucket"], _cell(r["summary"]), "; ".join(t["id"] for t in r["tags"]),
        _cell("; ".join(t["label"] for t in r["tags"])), _cell("; ".join(a["name"] for a in r["authors"])),
        r["published"], r["updated"], r["language"], (r["article"] or {}).get("url"), len(r["corrections"]), r["image"],
    ]
    return ["" if cell is None else cell for cell in row]


def feed_item(content: Content, entry: Entry[Claim], base: str) -> dict[str, Any]:
    """One DataFeedItem: the page's own ClaimReview (same function, same values), dated."""
    url = f"{base}/claims/{entry.id}/"
    review = claim_review(content, entry, url)
    review.pop("@context", None)
    return {"@type": "DataFeedItem", "url": url, "dateCreated": review["datePublished"],
            "dateModified": review["dateModified"], "item": [review]}


def claimreview_feed(data: OpenData) -> bytes:
    """A schema.org DataFeed of every ClaimReview, the form fact-check databases ingest."""
    return _claimreview_feed(data, [encode(feed_item(data.content, e, data.base)) for e in data.claims])


def _claimreview_feed(data: OpenData, encoded: list[str]) -> bytes:
    return with_last(_feed_head(data), "dataFeedElement", encoded)


def _feed_head(data: OpenData) -> dict[str, Any]:
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


LIST_FILES = (CLAIMS_JSON, CLAIMS_CSV, CLAIMREVIEW_JSON)  # the files listing every fact-check
# The code an open-data file depends on, besides the records: a change to it changes every key.
OPEN_DATA_CODE = ("outputs.opendata", "outputs.jsonwrite", "plan.jsonld", "outputs.apischema", "render.ogimage", "content.loading", "content.models")

Put = Callable[[str, bytes, "str | None"], None]
Stream = Callable[[str, "str | None"], ContextManager[BinaryIO]]
Reuse = Callable[[str, str], bool]


def claim_data_key(content: Content, entry: Entry[Claim], base: str) -> str | None:
    """A fingerprint of everything one fact-check's open data is made from: the bytes of its file, of
    site.yaml and of the people and article it names, the site address and this code. None when a
    record's bytes are unknown (then nothing made from it is cached)."""
    claim = entry.model
    people = content.people
    named = [("site", content.site), ("claim", entry), ("claimant", people.get(claim.claimant))]
    article = content.articles.get(claim.article) if claim.article is not None else None
    if article is not None:
        named += [("article", article), ("publisher", people.get(article.model.publisher))]
    named += [("author", people.get(a)) for a in claim.authors]
    parts = [code_version(OPEN_DATA_CODE), base, entry.id]
    for label, named_entry in named:
        if named_entry is not None and not named_entry.source:
            return None
        parts.append(f"{label}:{named_entry.source if named_entry is not None else '-'}")
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def _lists_key(keys: list[str | None], base: str, site: Entry) -> str | None:
    """The list files' fingerprint: the fact-checks' keys in order, and what their heads show (site.yaml
    and the address), which the keys alone would not say when there is no fact-check."""
    if not site.source or any(key is None for key in keys):
        return None
    digest = hashlib.blake2b(f"{code_version(OPEN_DATA_CODE)}\0{base}\0{site.source}\0{len(keys)}".encode(), digest_size=16)
    for key in keys:
        digest.update(key.encode())  # type: ignore[union-attr]
    return digest.hexdigest()


def write_open_data(content: Content, clock: datetime, base_url: str | None, put: Put, stream: Stream,
                    reuse: Reuse | None = None, memo: Any = None) -> None:
    """Every open-data file of the site, one fact-check at a time: `put(path, bytes, key)` for the files of
    one fact-check and the schema, `stream(path, key)` for the files listing them all, which are written
    as they grow. Each record is encoded once, and no list file is ever held in memory whole.

    With `reuse(path, key)` (true when the previous build's file made from `key` was taken over), files
    whose inputs did not change are not made again; with a `memo` (get/put/keep by key), a fact-check's
    encoded parts are kept between builds, so a list file with one changed fact-check encodes only that one."""
    data = OpenData.of(content, clock, base_url)
    header = data.header()
    cached = reuse is not None or memo is not None
    keys = [claim_data_key(content, e, data.base) if cached else None for e in data.claims]
    lists_key = _lists_key(keys, data.base, content.site) if cached else None
    lists = [path for path in LIST_FILES if not (reuse is not None and lists_key is not None and reuse(path, lists_key))]
    with ExitStack() as files:
        out = {path: files.enter_context(stream(path, lists_key)) for path in lists}
        claims = ListStream(out[CLAIMS_JSON], _claims_head(data, len(data.claims)), "claims", len(data.claims)) \
            if CLAIMS_JSON in out else None
        feed = ListStream(out[CLAIMREVIEW_JSON], _feed_head(data), "dataFeedElement", len(data.claims)) \
            if CLAIMREVIEW_JSON in out else None
        text = io.TextIOWrapper(out[CLAIMS_CSV], encoding="utf-8", newline="", write_through=True) if CLAIMS_CSV in out else None
        rows = csv.writer(text, lineterminator="\r\n") if text is not None else None
        if rows is not None:
            rows.writerow(CSV_COLUMNS)
        for entry, key in zip(data.claims, keys):
            path = claim_api_path(entry.id)
            own = reuse is not None and key is not None and reuse(path, key)
            if own and not lists:
                continue
            parts = memo.get(key) if memo is not None and key is not None else None
            if parts is None:
                record = claim_record(content, entry, data.base)
                parts = (encode(record), csv_row(record), encode(feed_item(content, entry, data.base)))
                if memo is not None and key is not None:
                    memo.put(key, parts)
            encoded, row, item = parts
            if not own:
                put(path, with_last(header, "claim", encoded), key)
            if claims is not None:
                claims.add(encoded)
            if rows is not None:
                rows.writerow(row)
            if feed is not None:
                feed.add(item)
        for listing in (claims, feed):
            if listing is not None:
                listing.close()
        if text is not None:
            text.detach()  # leave the byte stream open for `stream` to close
    if memo is not None and not lists:
        memo.keep(k for k in keys if k is not None)  # not looked up this time, still current
    put(SCHEMA_JSON, schema_text().encode("utf-8"), None)


def open_data_files(content: Content, clock: datetime, base_url: str | None = None) -> dict[str, bytes]:
    """Every open-data file of the site: output path -> bytes (in memory: for tests and small sites)."""
    files: dict[str, bytes] = {}

    @contextmanager
    def stream(path: str) -> Iterator[BinaryIO]:
        buffer = io.BytesIO()
        yield buffer
        files[path] = buffer.getvalue()

    write_open_data(content, clock, base_url, lambda path, data, key: files.__setitem__(path, data),
                    lambda path, key: stream(path))
    return files


def data_page(site, published_ids: list[str]) -> dict[str, Any]:
    """What the Open data page shows: addresses (from the site root), licence, fields and columns."""
    from generator.outputs.apischema import claim_fields

    return {
        "count": len(published_ids),
        "license": {"name": site.data_license.name, "url": site.data_license.url},
        "publisher": site.publisher.name,
        "version": API_VERSION,
        "claims_json": "/" + CLAIMS_JSON,
        "schema": "/" + SCHEMA_JSON,
        "claim_json": "/" + claim_api_path(published_ids[0]) if published_ids else None,
        "csv": "/" + CLAIMS_CSV,
        "claimreview": "/" + CLAIMREVIEW_JSON,
        "fields": claim_fields(),
        "csv_columns": list(CSV_COLUMNS),
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
