"""The fields of a page's ClaimReview that Google's and the fact-check databases' guidelines require, held to
the record the page was made from: who reviewed it and when, and the claim reviewed with who made it, when
and where it appeared (where the record says so).

Plain JSON values and lines in; diagnostics out. Knows nothing of HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from generator.core.diagnostics import Diagnostic, error

NAMED_KINDS = frozenset({"Organization", "Person"})


@dataclass(frozen=True)
class ClaimFacts:
    """What the record of a claim page says, that its page must show. `lines` gives the line of each field in
    the record (claim_short, verdict, claimant, claim_date, article, appearances, published, method)."""

    path: str
    lines: dict[str, int] = field(default_factory=dict)
    claim_date: str | None = None  # ISO date
    appeared: str | None = None  # "article" or "appearances" when the record says where the claim appeared
    method: str | None = None  # the record's note on how it was checked
    methodology: str | None = None  # the slug of the methodology page, when the site has one
    corrections: bool = False
    updates: bool = False


def _types(value: dict[str, Any]) -> set[str]:
    kind = value.get("@type")
    return {kind} if isinstance(kind, str) else {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


def named(value: Any) -> bool:
    """An Organization or Person (or a list of them), each with a name."""
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(
        isinstance(i, dict) and _types(i) & NAMED_KINDS and isinstance(i.get("name"), str) and i["name"].strip() for i in items
    )


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parse(value)
            return True
        except ValueError:
            continue
    return False


def review_problems(review: dict[str, Any], page: str, facts: ClaimFacts) -> list[Diagnostic]:
    """The required fields of one ClaimReview; `page` is the built page's path, for what no record holds."""
    lines, path = facts.lines, facts.path
    problems: list[Diagnostic] = []
    if not named(review.get("author")):
        problems.append(
            error(
                page,
                1,
                1,
                "claimreview-author",
                "the ClaimReview's author is not an Organization or Person with a name",
                "the author is the desk (publisher.name in site.yaml); a template that writes the markup must keep it",
            )
        )
    if not _is_date(review.get("datePublished")):
        problems.append(
            error(
                path,
                lines.get("published", 1),
                1,
                "claimreview-date",
                f"the ClaimReview's datePublished {review.get('datePublished')!r} is missing or not a date",
            )
        )
    item = review.get("itemReviewed")
    if not isinstance(item, dict) or "Claim" not in _types(item):
        problems.append(error(page, 1, 1, "claimreview-item", "the ClaimReview has no itemReviewed of type Claim"))
        return problems
    if not named(item.get("author")):
        problems.append(
            error(
                path,
                lines.get("claimant", 1),
                1,
                "claimreview-claim-author",
                "the claim reviewed does not name who made it (itemReviewed.author, an Organization or Person with a name)",
            )
        )
    if facts.claim_date is not None and item.get("datePublished") != facts.claim_date:
        problems.append(
            error(
                path,
                lines.get("claim_date", 1),
                1,
                "claimreview-claim-date",
                f"the claim reviewed is dated {item.get('datePublished')!r} (itemReviewed.datePublished), "
                f"but the record's claim_date is {facts.claim_date}",
            )
        )
    if facts.appeared is not None and not item.get("appearance"):
        problems.append(
            error(
                path,
                lines.get(facts.appeared, 1),
                1,
                "claimreview-appearance",
                f"the record says where the claim appeared ({facts.appeared}), but itemReviewed has no appearance",
            )
        )
    return problems
