"""Reading what to import: the files named on the command line, as plain ClaimReview dicts.

A JSON file may hold a DataFeed (what factcheck publishes as claimreview.json), one ClaimReview,
an array of them or an `@graph`; an HTML page holds them in <script type="application/ld+json">;
a folder is read for its own *.html/*.htm files (not its subfolders); a CSV has one review a row.
Nothing else is opened. Every value read stays untrusted.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

# CSV columns (documented in the README) -> where the value goes in the review dict.
CSV_COLUMNS = (
    "claim_reviewed", "title", "claim", "claimant", "claimant_kind", "claim_date", "appearance_url",
    "rating", "url", "published", "updated", "summary", "body", "authors", "language",
)  # fmt: skip
CSV_REQUIRED = ("claim_reviewed", "rating")


class SourceError(Exception):
    """A file that cannot be read as any of the formats (a usage error: exit 2)."""


@dataclass(frozen=True)
class Found:
    """One ClaimReview found, with where it came from and the page body around it (saved HTML pages)."""

    origin: str  # file name, and the item's place in it
    review: dict[str, Any]
    page_body: str | None = None


def is_type(node: object, name: str) -> bool:
    if not isinstance(node, dict):
        return False
    kind = node.get("@type")
    return kind == name or (isinstance(kind, list) and name in kind)


def claim_reviews(node: object) -> Iterator[dict[str, Any]]:
    """Every ClaimReview in a JSON-LD tree: DataFeed elements, items, @graph, arrays, nested once or more."""
    if isinstance(node, list):
        for item in node:
            yield from claim_reviews(item)
    elif isinstance(node, dict):
        if is_type(node, "ClaimReview"):
            yield node
            return
        for key in ("dataFeedElement", "item", "@graph", "mainEntity", "hasPart"):
            if key in node:
                yield from claim_reviews(node[key])


def read_path(path: Path) -> list[Found]:
    if path.is_dir():
        pages = sorted(p for p in path.iterdir() if p.suffix.lower() in (".html", ".htm") and p.is_file())
        if not pages:
            raise SourceError(f"{path}: the folder holds no .html or .htm file")
        return [found for page in pages for found in read_html(page)]
    if not path.is_file():
        raise SourceError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path)
    if suffix in (".html", ".htm"):
        return read_html(path)
    return read_json(path)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read: {exc.strerror}") from None


def read_json(path: Path) -> list[Found]:
    try:
        data = json.loads(_text(path))
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    found = [Found(f"{path.name} item {i}", review) for i, review in enumerate(claim_reviews(data), 1)]
    if not found:
        raise SourceError(f"{path}: holds no schema.org ClaimReview (a DataFeed, a ClaimReview, an array or an @graph)")
    return found


class _PageParser(HTMLParser):
    """Collects the JSON-LD scripts and the inner HTML of the first <article> of a saved page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.body: list[str] = []
        self._in_script = False
        self._article_depth = 0
        self._article_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and (dict(attrs).get("type") or "").strip().lower() == "application/ld+json":
            self._in_script = True
            self.scripts.append("")
            return
        if tag == "article" and not self._article_done:
            self._article_depth += 1
            if self._article_depth == 1:
                return
        if self._article_depth:
            self.body.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self._in_script and tag == "script":
            self._in_script = False
            return
        if self._article_depth:
            if tag == "article":
                self._article_depth -= 1
                if not self._article_depth:
                    self._article_done = True
                    return
            self.body.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        elif self._article_depth:
            self.body.append(data)

    def handle_entityref(self, name: str) -> None:
        if self._article_depth and not self._in_script:
            self.body.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if self._article_depth and not self._in_script:
            self.body.append(f"&#{name};")


def read_html(path: Path) -> list[Found]:
    parser = _PageParser()
    parser.feed(_text(path))
    parser.close()
    body = "".join(parser.body).strip() or None
    found: list[Found] = []
    for script in parser.scripts:
        try:
            data = json.loads(script)
        except json.JSONDecodeError:
            continue  # a broken block of someone else's markup; the others may still hold the review
        found.extend(Found(f"{path.name} item {len(found) + 1}", review, body) for review in claim_reviews(data))
    if not found:
        raise SourceError(f'{path}: no <script type="application/ld+json"> with a ClaimReview')
    return found


def read_csv(path: Path) -> list[Found]:
    reader = csv.DictReader(io.StringIO(_text(path), newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in CSV_REQUIRED if name not in header]
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if missing or unknown:
        problem = (f"lacks the column(s) {', '.join(missing)}" if missing else "") + (
            ("; " if missing else "") + f"has unknown column(s) {', '.join(unknown)}" if unknown else ""
        )
        raise SourceError(f"{path}:1:1: the header {problem}; the columns are: {', '.join(CSV_COLUMNS)}")
    reader.fieldnames = header
    return [Found(f"{path.name} line {reader.line_num}", row_review(row)) for row in reader]


def row_review(row: dict[str, str | None]) -> dict[str, Any]:
    """One CSV row as the ClaimReview it describes, so both kinds of source take the same road."""
    cell = {key: (value or "").strip() for key, value in row.items() if key}
    item: dict[str, Any] = {"@type": "Claim"}
    if cell.get("claimant"):
        kind = "Organization" if cell.get("claimant_kind", "").lower().startswith("org") else "Person"
        item["author"] = {"@type": kind, "name": cell["claimant"]}
    if cell.get("claim_date"):
        item["datePublished"] = cell["claim_date"]
    if cell.get("claim"):
        item["text"] = cell["claim"]
    if cell.get("appearance_url"):
        item["appearance"] = [{"@type": "CreativeWork", "url": cell["appearance_url"]}]
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "claimReviewed": cell.get("claim_reviewed", ""),
        "reviewRating": {"@type": "Rating", "alternateName": cell.get("rating", "")},
        "itemReviewed": item,
    }
    for column, key in (("title", "name"), ("url", "url"), ("published", "datePublished"), ("updated", "dateModified"),
                        ("summary", "description"), ("body", "reviewBody"), ("language", "inLanguage")):  # fmt: skip
        if cell.get(column):
            review[key] = cell[column]
    if cell.get("authors"):
        review["author"] = [{"@type": "Person", "name": name.strip()} for name in cell["authors"].split(";") if name.strip()]
    return review
