"""A CSV archive as ClaimReview dicts: one review a row, under the documented column names.

A desk's spreadsheet rarely uses our names, so `--column "Putusan=rating"` says which of its
headings holds which column (and `--column "Catatan="` that a heading is to be ignored).
Every cell stays untrusted text; the rows take the same road as JSON-LD from here on.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from generator.core.values import printable

# The columns (documented in the README's "Importing an archive"), in the order they are listed.
CSV_COLUMNS = (
    "claim_reviewed", "title", "claim", "claimant", "claimant_kind", "claim_date", "appearance_url",
    "rating", "url", "published", "updated", "summary", "body", "authors", "language",
)  # fmt: skip
CSV_REQUIRED = ("claim_reviewed", "rating")
IGNORED = ""  # what a heading is mapped to when its column is to be left out


class ColumnError(Exception):
    """A --column option or a CSV header that cannot be used (a usage error: exit 2)."""


def parse_columns(pairs: list[str]) -> dict[str, str]:
    """--column "HEADING=COLUMN" options as {heading (case-folded): column, or '' to ignore it}."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        heading, sep, column = pair.rpartition("=")
        heading, column = heading.strip(), column.strip().casefold()
        if not sep or not heading:
            raise ColumnError(f"--column '{printable(pair)}' is not of the form 'HEADING=COLUMN', e.g. 'Putusan=rating'")
        if column != IGNORED and column not in CSV_COLUMNS:
            raise ColumnError(
                f"--column '{printable(pair)}': '{printable(column)}' is not a column; use one of: {', '.join(CSV_COLUMNS)}"
                " (or nothing after '=' to ignore the heading)"
            )
        mapping[heading.casefold()] = column
    return mapping


def _header(path: Path, cells: list[str], columns: dict[str, str]) -> list[str]:
    """The column each heading holds ('' for an ignored one), or a ColumnError naming what is wrong."""
    named = [columns.get(key, key) for key in (cell.strip().casefold() for cell in cells)]  # a blank heading: ignored
    unknown = [printable(cell.strip()) for cell, name in zip(cells, named) if name != IGNORED and name not in CSV_COLUMNS]
    twice = sorted({name for name in named if name != IGNORED and named.count(name) > 1})
    missing = [name for name in CSV_REQUIRED if name not in named]
    problems = []
    if unknown:
        problems.append(f"has heading(s) that are no column: {', '.join(unknown)}")
    if twice:
        problems.append(f"has the column(s) {', '.join(twice)} more than once")
    if missing:
        problems.append(f"lacks the column(s) {', '.join(missing)}")
    if problems:
        raise ColumnError(
            f"{path}:1:1: the header {'; '.join(problems)}; the columns are: {', '.join(CSV_COLUMNS)}"
            ' (say which heading holds which with --column "HEADING=COLUMN", or ignore one with --column "HEADING=")'
        )
    return named


def csv_rows(path: Path, text: str, columns: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    """(where the row starts, as ':line:1'; the review it describes), one for each row that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        named = _header(path, next(reader, []), columns)
        rows: list[tuple[str, dict[str, Any]]] = []
        start = reader.line_num + 1  # a quoted cell may span lines: a row starts where the last one ended
        for cells in reader:
            if any(cell.strip() for cell in cells):
                row = {name: cell.strip() for name, cell in zip(named, cells) if name != IGNORED}
                rows.append((f":{start}:1", row_review(row)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ColumnError(f"{path}:{reader.line_num}:1: not a readable CSV: {exc}") from None
    return rows


def row_review(cell: dict[str, str]) -> dict[str, Any]:
    """One CSV row as the ClaimReview it describes, so both kinds of source take the same road."""
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
