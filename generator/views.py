"""Records turned into the finished, plain values templates show (dicts of text, URLs and dates).

Knows the records and the URL scheme helpers in routes; never touches files or Jinja.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from markupsafe import Markup

from generator.content import Content, Entry
from generator.i18n import format_long_date, format_short_date
from generator.markup import find_citations, render_markdown
from generator.models import Article, Claim, Verdict


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


class Views:
    """Builds view dicts for one Content, clock and set of published records."""

    def __init__(self, content: Content, clock: datetime, people_with_pages: set[str]):
        self.content = content
        self.site = content.site.model
        self.lang = self.site.language
        self.clock = clock
        self.people_with_pages = people_with_pages
        self.ratings = sorted(v.rating for v in self.site.scale if v.rating is not None)

    # ------------------------------------------------------------ small values

    def when(self, value: date | datetime) -> dict[str, str]:
        """A date for <time>: ISO for machines, long and short text for readers."""
        if isinstance(value, datetime):
            iso = value.isoformat()
            local = value.astimezone(self.content.zone)
        else:
            iso = value.isoformat()
            local = value
        return {"iso": iso, "text": format_long_date(local, self.lang), "short": format_short_date(local, self.lang)}

    def rfc3339(self, value: date | datetime) -> str:
        return self.content.moment(value).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def verdict(self, verdict: Verdict) -> dict[str, Any]:
        return {
            "id": verdict.id,
            "label": verdict.label,
            "description": verdict.description,
            "rating": verdict.rating,
            "best": self.ratings[-1] if self.ratings else None,
            "bucket": verdict.bucket,
            "url": verdict_url(verdict.id),
        }

    def verdict_of(self, claim: Claim) -> dict[str, Any]:
        return self.verdict(next(v for v in self.site.scale if v.id == claim.verdict))

    def person(self, person_id: str) -> dict[str, Any]:
        person = self.content.people[person_id].model
        return {
            "id": person_id,
            "name": person.name,
            "kind": person.kind,
            "description": person.description,
            "url": person_url(person_id) if person_id in self.people_with_pages else None,
        }

    def tag(self, tag: str) -> dict[str, str]:
        return {"id": tag, "label": self.site.tags.get(tag, tag), "url": tag_url(tag)}

    def is_draft(self, claim: Claim) -> bool:
        return claim.draft or self.content.moment(claim.published) > self.clock

    @staticmethod
    def appearance_links(url: str | None, archive_url: str | None) -> list[dict[str, str]]:
        """Links to where a claim appeared: the archive first, all nofollow so we do not boost it."""
        links = []
        if archive_url:
            links.append({"kind": "archive", "url": archive_url, "rel": "nofollow noopener"})
        if url:
            links.append({"kind": "original", "url": url, "rel": "nofollow noopener"})
        return links

    # ------------------------------------------------------------ records

    def card(self, entry: Entry[Claim]) -> dict[str, Any]:
        claim = entry.model
        return {
            "id": entry.id,
            "url": claim_url(entry.id),
            "title": claim.title,
            "claim_short": claim.claim_short,
            "claimant": self.person(claim.claimant),
            "published": self.when(self.content.moment(claim.published)),
            "summary": claim.summary,
            "verdict": self.verdict_of(claim),
            "draft": self.is_draft(claim),
        }

    def article(self, article_id: str) -> dict[str, Any]:
        article: Article = self.content.articles[article_id].model
        return {
            "id": article_id,
            "url": article_url(article_id),
            "title": article.title,
            "title_is_description": article.title_is_description,
            "publisher": self.person(article.publisher),
            "published": self.when(article.published),
            "links": self.appearance_links(article.url, article.archive_url),
            "note": article.note,
        }

    def source_numbers(self, claim: Claim) -> dict[str, int]:
        """Sources numbered in the order the text first cites them; uncited ones follow in list order."""
        cited = find_citations("\n".join([claim.analysis, *(c.note for c in claim.corrections)]))
        known = [s.id for s in claim.sources]
        order = [s for s in cited if s in known] + [s for s in known if s not in cited]
        return {source_id: number for number, source_id in enumerate(order, start=1)}

    def claim_page(self, entry: Entry[Claim], related: list[dict[str, Any]]) -> dict[str, Any]:
        claim = entry.model
        numbers = self.source_numbers(claim)
        sources = sorted(claim.sources, key=lambda s: numbers[s.id])
        scale = {v.id: v for v in self.site.scale}
        view = self.card(entry)
        view.update(
            quote=claim.claim,
            language=claim.language if claim.language and claim.language != self.lang else None,
            claim_date=self.when(claim.claim_date),
            article=self.article(claim.article) if claim.article in self.content.articles else None,
            appearances=[
                {"note": a.note, "links": self.appearance_links(a.url, a.archive_url)} for a in claim.appearances
            ],
            analysis_html=Markup(render_markdown(claim.analysis, numbers)),
            corrections=[
                {
                    "date": self.when(c.date),
                    "note_html": Markup(render_markdown(c.note, numbers)),
                    "previous_verdict": self.verdict(scale[c.previous_verdict]) if c.previous_verdict in scale else None,
                }
                for c in sorted(claim.corrections, key=lambda c: c.date, reverse=True)
            ],
            sources=[
                {
                    "number": numbers[s.id],
                    "id": s.id,
                    "title": s.title,
                    "url": s.url,
                    "publisher": s.publisher,
                    "published": self.when(s.published) if s.published else None,
                    "accessed": self.when(s.accessed) if s.accessed else None,
                    "archive_url": s.archive_url,
                    "note": s.note,
                }
                for s in sources
            ],
            authors=[self.person(a) for a in claim.authors],
            updated=self.when(self.content.moment(claim.updated)) if claim.updated else None,
            tags=[self.tag(t) for t in sorted(set(claim.tags))],
            related=related,
        )
        return view
