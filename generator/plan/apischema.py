"""The JSON Schemas of the open-data API (`api/claims.json`; each `api/claims/<id>.json`), written as data.

The committed copies are schemas/claims-api.schema.json and schemas/claim-api.schema.json; refresh them with
`python -m generator.plan.apischema`.
Knows the shape of the export only (the Open data page documents it, outputs.opendata follows it),
never records or files of a project.
"""

from __future__ import annotations

import json
from typing import Any

from generator.plan.urls import CLAIM_SCHEMA_JSON, SCHEMA_JSON

API_VERSION = 1
CSV_COLUMNS = (
    "id",
    "url",
    "title",
    "claim",
    "claim_short",
    "claimant_id",
    "claimant",
    "claim_date",
    "verdict_id",
    "verdict",
    "rating",
    "best_rating",
    "worst_rating",
    "bucket",
    "summary",
    "tags",
    "topics",
    "authors",
    "published",
    "updated",
    "language",
    "article_url",
    "corrections",
    "image",
    "updates",
)
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _s(description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **extra}


def _nullable(description: str, kind: str = "string", **extra: Any) -> dict[str, Any]:
    return {"type": [kind, "null"], "description": description, **extra}


def _object(description: str, properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required if required is not None else list(properties),
        "additionalProperties": False,
    }


URL = {"format": "uri", "pattern": "^https?://"}
DATETIME = {"format": "date-time"}
DATE = {"format": "date"}
BUCKETS = ["true", "mostly-true", "mixed", "mostly-false", "false", "other"]

CLAIM = _object(
    "One published fact-check.",
    {
        "id": _s("Stable identifier of the fact-check (its file name and URL slug).", pattern="^[a-z0-9]+(-[a-z0-9]+)*$"),
        "url": _s("Absolute address of the fact-check page.", **URL),
        "api_url": _s("Absolute address of this record as its own JSON file.", **URL),
        "image": _s("Absolute address of the share image (PNG, 1200×630).", **URL),
        "title": _s("Reader-facing headline of the fact-check."),
        "claim": _s("The claim quoted exactly as it appeared."),
        "claim_short": _s("The claim in at most 75 characters (ClaimReview `claimReviewed`)."),
        "claimant": _object(
            "Who made the claim.",
            {
                "id": _s("Identifier of the person or organisation."),
                "name": _s("Name of the person or organisation."),
                "kind": {"enum": ["person", "organization"], "description": "'person' or 'organization'."},
            },
        ),
        "claim_date": _s("Date the claim was made or first appeared.", **DATE),
        "verdict": _object(
            "The rating given to the claim.",
            {
                "id": _s("Identifier of the verdict on the site's scale."),
                "label": _s("The verdict as readers see it, in the site's language."),
                "rating": _nullable("Place on the scale, 1 = worst; null for verdicts off the scale.", "integer", minimum=1),
                "best_rating": _nullable("Rating of the best verdict on the scale.", "integer", minimum=1),
                "worst_rating": _nullable("Rating of the worst verdict on the scale.", "integer", minimum=1),
                "bucket": {"enum": BUCKETS, "description": "Normalised bucket, comparable across sites."},
            },
        ),
        "summary": _s("The short answer in plain text."),
        "tags": {
            "type": "array",
            "description": "Topics of the fact-check.",
            "items": _object(
                "A topic.", {"id": _s("Identifier of the topic."), "label": _s("Name of the topic in the site's language.")}
            ),
        },
        "authors": {
            "type": "array",
            "description": "Fact-checkers who wrote it.",
            "items": _object("An author.", {"id": _s("Identifier of the author."), "name": _s("Name of the author.")}),
        },
        "published": _s("When the fact-check was published (RFC 3339).", **DATETIME),
        "updated": _nullable("When it was last updated (RFC 3339), or null.", **DATETIME),
        "language": _s("BCP 47 language of the fact-check."),
        "article": {
            "description": "The work in which the claim appeared, when recorded.",
            "oneOf": [
                {"type": "null"},
                _object(
                    "A published work.",
                    {
                        "id": _s("Identifier of the work."),
                        "title": _s("Headline of the work, or a description of it when the headline is unknown."),
                        "title_is_description": {"type": "boolean", "description": "True when `title` describes the work."},
                        "url": _nullable("Address of the work, when known.", **URL),
                        "archive_url": _nullable("Address of an archived copy, when one exists.", **URL),
                        "publisher": _s("Name of the outlet."),
                        "published": _s("Date the work was published.", **DATE),
                    },
                ),
            ],
        },
        "appearances": {
            "type": "array",
            "description": "Other places where the claim appeared.",
            "items": _object(
                "An appearance.",
                {
                    "url": _s("Where the claim appeared.", **URL),
                    "archive_url": _nullable("Archived copy of that page.", **URL),
                    "note": _nullable("What this appearance is."),
                },
            ),
        },
        "sources": {
            "type": "array",
            "description": "Sources cited in the analysis.",
            "items": _object(
                "A source.",
                {
                    "id": _s("Identifier cited in the analysis."),
                    "title": _s("Title of the source."),
                    "url": _s("Address of the source.", **URL),
                    "publisher": _nullable("Who published the source."),
                    "published": _nullable("Date the source was published.", **DATE),
                    "archive_url": _nullable("Archived copy of the source.", **URL),
                },
            ),
        },
        "corrections": {
            "type": "array",
            "description": "Published corrections, oldest first.",
            "items": _object(
                "A correction.",
                {
                    "date": _s("Date of the correction.", **DATE),
                    "note": _s("What was corrected and why (Markdown)."),
                    "previous_verdict": _nullable("Verdict id before the correction, when it changed."),
                },
            ),
        },
        "updates": {
            "type": "array",
            "description": "Update notes, oldest first: information added after publication that corrects no error.",
            "items": _object(
                "An update note.",
                {"date": _s("Date of the update.", **DATE), "note": _s("What was added and why (Markdown).")},
            ),
        },
    },
)

SITE = _object(
    "The publishing site.",
    {
        "title": _s("Name of the site."),
        "url": _s("Public address of the site.", **URL),
        "language": _s("BCP 47 language of the site."),
        "publisher": _s("Organisation that publishes the fact-checks."),
    },
)
LICENSE = _object("Licence of this data.", {"name": _s("Name of the licence."), "url": _s("Licence text.", **URL)})


VERSION = {
    "const": API_VERSION,
    "description": "Version of this format; it changes only when a field changes meaning or goes away.",
}
SCHEMA_LINK = _s("Address of this schema on the site.", **URL)


def api_schema() -> dict[str, Any]:
    """The schema of api/claims.json, the list of every published fact-check."""
    return {
        "$schema": DRAFT,
        "title": "factcheck open data: all published fact-checks",
        "type": "object",
        "properties": {
            "$schema": SCHEMA_LINK,
            "version": VERSION,
            "site": {"$ref": "#/$defs/site"},
            "license": {"$ref": "#/$defs/license"},
            "date_modified": _nullable("Latest publication or update among the fact-checks (RFC 3339).", **DATETIME),
            "count": {"type": "integer", "minimum": 0, "description": "Number of fact-checks in `claims`."},
            "claims": {"type": "array", "items": {"$ref": "#/$defs/claim"}, "description": "Newest first."},
        },
        "required": ["version", "site", "license", "date_modified", "count", "claims"],
        "additionalProperties": False,
        "$defs": {"claim": CLAIM, "site": SITE, "license": LICENSE},
    }


def claim_file_schema() -> dict[str, Any]:
    """The schema of each api/claims/<id>.json: one fact-check as its own file. A document of its own, so the
    address a file names in `$schema` leads to a schema whose root describes that file."""
    return {
        "$schema": DRAFT,
        "title": "factcheck open data: one published fact-check",
        "type": "object",
        "properties": {
            "$schema": SCHEMA_LINK,
            "version": VERSION,
            "license": {"$ref": "#/$defs/license"},
            "claim": {"$ref": "#/$defs/claim"},
        },
        "required": ["version", "license", "claim"],
        "additionalProperties": False,
        "$defs": {"claim": CLAIM, "license": LICENSE},
    }


def schema_text(schema: dict[str, Any] | None = None) -> str:
    """A schema (by default that of api/claims.json) as byte-stable JSON text."""
    return json.dumps(api_schema() if schema is None else schema, ensure_ascii=False, indent=2) + "\n"


def schema_files() -> dict[str, str]:
    """Every schema of the open data: its path in the site (and, by the same name, in schemas/) -> its text."""
    return {SCHEMA_JSON: schema_text(), CLAIM_SCHEMA_JSON: schema_text(claim_file_schema())}


def claim_fields() -> list[dict[str, str]]:
    """Top-level fields of a fact-check record with their descriptions, for the Open data page."""
    return [{"name": name, "description": spec["description"]} for name, spec in CLAIM["properties"].items()]


COMMITTED = {SCHEMA_JSON: "claims-api.schema.json", CLAIM_SCHEMA_JSON: "claim-api.schema.json"}  # names in schemas/

if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    from pathlib import Path

    for path, text in schema_files().items():
        target = Path(__file__).resolve().parents[2] / "schemas" / COMMITTED[path]
        target.write_text(text, encoding="utf-8")
        print(target)
