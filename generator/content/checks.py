"""Rules that look across records: references, citations, dates, quotes, scale, slugs.

Each rule is one function taking the loaded records and yielding diagnostics;
`RULES` lists them all. Rules never raise and never print.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.content.claimtext import check_claim_short
from generator.content.entries import Content, Entry
from generator.content.fields import CITATION_RE, slug_problem
from generator.content.models import Claim
from generator.content.pagechecks import check_corrections_request, check_pages
from generator.content.positions import KeyPath, Positions
from generator.content.themechecks import check_theme
from generator.content.yamlfile import LazyPositions
from generator.core.diagnostics import Diagnostic, did_you_mean, error, note, warning
from generator.core.values import printable


def check_site(content: Content, clock: datetime) -> Iterator[Diagnostic]:
    site = content.site
    try:
        ZoneInfo(site.model.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        yield error(
            site.path,
            *site.where("timezone"),
            "bad-timezone",
            f"unknown time zone '{site.model.timezone}'",
            "use an IANA name such as 'Asia/Jakarta' or 'UTC'",
        )
    seen: dict[str, int] = {}
    ratings: dict[int, str] = {}
    for i, verdict in enumerate(site.model.scale):
        if verdict.id in seen:
            yield error(
                site.path, *site.where("scale", i, "id"), "duplicate-id", f"verdict id '{verdict.id}' is used twice in the scale"
            )
        seen[verdict.id] = i
        if verdict.rating is not None and site.model.labels_only:
            yield error(
                site.path,
                *site.where("scale", i, "rating"),
                "rating-on-labels",
                f"verdict '{verdict.id}' has a rating, but the scale is labels_only",
                "remove the rating, or set labels_only: false to rank the verdicts",
            )
        elif verdict.rating is not None:
            if verdict.rating in ratings:
                yield error(
                    site.path,
                    *site.where("scale", i, "rating"),
                    "duplicate-rating",
                    f"verdicts '{ratings[verdict.rating]}' and '{verdict.id}' share rating {verdict.rating}",
                    "give each verdict on the scale its own rating",
                )
            ratings[verdict.rating] = verdict.id
    if not ratings and not site.model.labels_only:
        yield error(
            site.path,
            *site.where("scale"),
            "empty-scale",
            "the scale needs at least one verdict with a rating",
            "give the verdicts ratings (1 = worst), or set labels_only: true for verdict labels without a scale",
        )
    for tag in site.model.tags:
        problem = slug_problem(tag)
        if problem:
            yield error(site.path, *site.positions.key_at(("tags", tag)), "bad-slug", f"tag '{printable(tag)}' {problem}")


def check_article_references(content: Content, clock: datetime) -> Iterator[Diagnostic]:
    for entry in content.articles.values():
        yield from _reference(
            entry.path, entry.positions, ("publisher",), entry.model.publisher, content.people, "content/people/"
        )


def check_claim_references(content: Content, clock: datetime) -> Iterator[Diagnostic]:
    for entry in content.claims.values():
        claim = entry.model
        data = {
            "claimant": claim.claimant,
            "article": claim.article,
            "verdict": claim.verdict,
            "authors": claim.authors,
            "corrections": [{"previous_verdict": c.previous_verdict} for c in claim.corrections],
        }
        yield from claim_references(content, entry.path, entry.positions, data)


def claim_references(content: Content, path: str, positions: Positions | LazyPositions, data: dict) -> Iterator[Diagnostic]:
    """References of one claim, read from plain data so that claims failing validation are checked too."""
    verdicts = [v.id for v in content.site.model.scale]
    wanted: list[tuple[KeyPath, Any, Iterable[str], str]] = [
        (("claimant",), data.get("claimant"), content.people, "content/people/"),
        (("article",), data.get("article"), content.articles, "content/articles/"),
        (("verdict",), data.get("verdict"), verdicts, "the scale in content/site.yaml"),
    ]
    authors = data.get("authors")
    for i, author in enumerate(authors if isinstance(authors, list) else []):
        wanted.append((("authors", i), author, content.people, "content/people/"))
    corrections = data.get("corrections")
    for i, correction in enumerate(corrections if isinstance(corrections, list) else []):
        previous = correction.get("previous_verdict") if isinstance(correction, dict) else None
        wanted.append((("corrections", i, "previous_verdict"), previous, verdicts, "the scale in content/site.yaml"))
    for key_path, target, known, where in wanted:
        if isinstance(target, str) and target:
            yield from _reference(path, positions, key_path, target, known, where)


def check_sources(content: Content, clock: datetime) -> Iterator[Diagnostic]:
    site = content.site.model
    rated = {v.id for v in site.scale if v.rating is not None or site.labels_only}  # a label is a verdict too
    for entry in content.claims.values():
        claim = entry.model
        ids: dict[str, int] = {}
        for i, source in enumerate(claim.sources):
            if source.id in ids:
                yield error(
                    entry.path,
                    *entry.where("sources", i, "id"),
                    "duplicate-id",
                    f"source id '{source.id}' is used twice in this claim",
                    "give each source its own id",
                )
            ids.setdefault(source.id, i)
        if claim.verdict in rated and not claim.sources:
            if site.labels_only:
                message, hint = "every fact-check needs at least one source", "add a 'sources:' list"
            else:
                message = f"verdict '{claim.verdict}' is on the scale, so the claim needs at least one source"
                hint = "add a 'sources:' list, or use an off-scale verdict"
            yield error(entry.path, *entry.where("verdict"), "no-sources", message, hint)
        cited: set[str] = set()
        texts: list[tuple[tuple[str | int, ...], str]] = [(("analysis",), claim.analysis)]
        texts += [(("corrections", i, "note"), c.note) for i, c in enumerate(claim.corrections)]
        texts += [(("updates", i, "note"), u.note) for i, u in enumerate(claim.updates)]
        for key_path, text in texts:
            for match in CITATION_RE.finditer(text):
                cited.add(match.group(1))
                if match.group(1) not in ids:
                    line, column = _line_in_block(entry, key_path, text, match.start())
                    hint = did_you_mean(match.group(1), ids) or "add a source with this id under 'sources:'"
                    yield error(
                        entry.path,
                        line,
                        column,
                        "unknown-source",
                        f"citation [@{match.group(1)}] names no source of this claim",
                        hint,
                    )
        for source_id, i in ids.items():
            if source_id not in cited:
                yield warning(
                    entry.path,
                    *entry.where("sources", i, "id"),
                    "uncited-source",
                    f"source '{source_id}' is never cited",
                    f"cite it in the analysis as [@{source_id}]",
                )


def check_dates(content: Content, clock: datetime) -> Iterator[Diagnostic]:
    for entry in content.claims.values():
        claim = entry.model
        published = content.moment(claim.published)
        if claim.updated is not None and content.moment(claim.updated) < published:
            yield error(
                entry.path,
                *entry.where("updated"),
                "updated-before-published",
                "'updated' is earlier than 'published'",
                "an update comes after publication; check both dates",
            )
        if published > clock and not claim.draft:
            yield note(
                entry.path,
                *entry.where("published"),
                "scheduled",
                f"published {published.isoformat()} is in the future: the claim is scheduled and left out of the build until then",
            )
        if claim.claim_date > published.date():
            yield warning(
                entry.path, *entry.where("claim_date"), "claim-after-check", "'claim_date' is after the fact-check was published"
            )
        for i, correction in enumerate(claim.corrections):
            if correction.date < published.date():
                yield warning(
                    entry.path,
                    *entry.where("corrections", i, "date"),
                    "correction-before-published",
                    "correction is dated before the fact-check was published",
                )
        for i, update in enumerate(claim.updates):
            if update.date < published.date():
                yield warning(
                    entry.path,
                    *entry.where("updates", i, "date"),
                    "update-before-published",
                    "update is dated before the fact-check was published",
                    "an update adds to a published fact-check; check its date",
                )


def check_quotes(content: Content, clock: datetime) -> Iterator[Diagnostic]:
    normalised: dict[str, str] = {}
    for entry in content.claims.values():
        article = content.articles.get(entry.model.article or "")
        if article is None or article.model.text is None:
            continue
        if article.id not in normalised:
            normalised[article.id] = normalise_quote(article.model.text)
        if normalise_quote(entry.model.claim) not in normalised[article.id]:
            yield error(
                entry.path,
                *entry.where("claim"),
                "quote-not-found",
                f"the claim does not occur word for word in the text of article '{article.id}'",
                "copy the quote exactly from the article (spacing and quote styles may differ)",
            )


# Rules that look at one claim at a time (with the other kinds of records): an edited claim needs only these.
CLAIM_RULES = (check_claim_references, check_sources, check_dates, check_quotes, check_claim_short)
RULES = (check_site, check_theme, check_article_references, *CLAIM_RULES, check_pages, check_corrections_request)


def run_checks(content: Content, clock: datetime) -> list[Diagnostic]:
    return [d for rule in RULES for d in rule(content, clock)]


def check_claims(content: Content, ids: Iterable[str], clock: datetime) -> list[Diagnostic]:
    """What `run_checks` says about these claims, without looking at the others (the preview's quick path)."""
    chosen = replace(content, claims={i: content.claims[i] for i in ids if i in content.claims}, pages={})
    return [d for rule in CLAIM_RULES for d in rule(chosen, clock)]


# ------------------------------------------------------------------ helpers

_QUOTE_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalise_quote(text: str) -> str:
    """NFC, quotes and dashes folded, zero-width characters dropped, whitespace collapsed; case kept."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH_RE.sub("", text).translate(_QUOTE_FOLD)
    return " ".join(text.split())


def _reference(
    path: str, positions: Positions | LazyPositions, key_path: tuple, target: str, known: Iterable[str], where: str
) -> Iterator[Diagnostic]:
    known = list(known)
    if target not in known:
        hint = did_you_mean(target, known) or f"create it in {where}, or fix the id"
        yield error(
            path, *positions.value_at(key_path), "unknown-reference", f"'{printable(target)}' is not defined in {where}", hint
        )


def _line_in_block(entry: Entry[Claim], key_path: tuple, text: str, offset: int) -> tuple[int, int]:
    """Position of an offset inside a text value; exact for '|' blocks, the value's start otherwise."""
    line, column = entry.where(*key_path)
    scalar = entry.positions.scalar_at(key_path)
    if scalar is not None and scalar.style == "|":
        # A literal block starts on the line after its '|' indicator and keeps its line breaks.
        before = text[:offset]
        return line + 1 + before.count("\n"), 1
    return line, column
