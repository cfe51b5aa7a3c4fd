"""Records turned into the finished, plain values templates show (dicts of text, URLs and dates).

Knows the records and the URL scheme (plan.urls); never touches files or Jinja.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from generator.content.entries import Content, Entry
from generator.content.fields import find_citations
from generator.content.models import Article, Claim, Verdict
from generator.core.i18n import format_long_date, format_short_date
from generator.plan.markdown import render_markdown
from generator.plan.urls import article_url, claim_url, link, person_url, tag_url, verdict_url


@lru_cache(maxsize=8192)
def _date_texts(day: date, language: str) -> tuple[str, str]:
    # Babel is slow and sites repeat the same few hundred dates thousands of times.
    return format_long_date(day, language), format_short_date(day, language)


def source_numbers(claim: Claim) -> dict[str, int]:
    """Sources numbered in the order the text first cites them; uncited ones follow in list order."""
    cited = find_citations("\n".join([claim.analysis, *(c.note for c in claim.corrections), *(u.note for u in claim.updates)]))
    known = [s.id for s in claim.sources]
    order = [s for s in cited if s in known] + [s for s in known if s not in cited]
    return {source_id: number for number, source_id in enumerate(order, start=1)}


def markdown_jobs(claims: list[Entry[Claim]]) -> list[tuple]:
    """The analyses a claim page will render, as `markup.prerender` jobs (same arguments as `claim_page`)."""
    jobs = []
    for entry in claims:
        numbers = tuple(sorted(source_numbers(entry.model).items()))
        jobs.append((entry.model.analysis, numbers, 3, ""))
    return jobs


class Views:
    """Builds view dicts for one Content, clock and set of published records."""

    def __init__(self, content: Content, clock: datetime, people_with_pages: set[str], root: str = "/"):
        self.content = content
        self.root = root  # the path the site lives under; every URL a view holds is a link under it
        self.site = content.site.model
        self.lang = self.site.language
        self.clock = clock
        self.people_with_pages = people_with_pages
        self.ratings = sorted(v.rating for v in self.site.scale if v.rating is not None)
        self._cards: dict[str, dict[str, Any]] = {}
        self._dates: dict[tuple, dict[str, str]] = {}

    # ------------------------------------------------------------ small values

    def when(self, value: date | datetime) -> dict[str, str]:
        """A date for <time>: ISO for machines, long and short text for readers. Shared between pages
        (a site repeats the same dates thousands of times), so never mutate it."""
        key = (type(value), value, getattr(value, "tzinfo", None))  # one instant in two zones: two ISO texts
        found = self._dates.get(key)
        if found is None:
            local = value.astimezone(self.content.zone).date() if isinstance(value, datetime) else value
            text, short = _date_texts(local, self.lang)
            found = self._dates[key] = {"iso": value.isoformat(), "text": text, "short": short}
        return found

    def rfc3339(self, value: date | datetime) -> str:
        return self.content.utc_stamp(value)

    def verdict(self, verdict: Verdict) -> dict[str, Any]:
        return {
            "id": verdict.id,
            "label": verdict.label,
            "description": verdict.description,
            "rating": verdict.rating,
            "best": self.ratings[-1] if self.ratings else None,
            "bucket": verdict.bucket,
            "url": link(self.root, verdict_url(verdict.id)),
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
            "url": link(self.root, person_url(person_id)) if person_id in self.people_with_pages else None,
        }

    def tag(self, tag: str) -> dict[str, str]:
        return {"id": tag, "label": self.site.tags.get(tag, tag), "url": link(self.root, tag_url(tag))}

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
        """The summary of a claim shown in lists; built once per claim and shared, so never mutate it."""
        card = self._cards.get(entry.id)
        if card is None:
            card = self._cards[entry.id] = self._card(entry)
        return card

    def _card(self, entry: Entry[Claim]) -> dict[str, Any]:
        claim = entry.model
        return {
            "id": entry.id,
            "url": link(self.root, claim_url(entry.id)),
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
            "url": link(self.root, article_url(article_id)),
            "title": article.title,
            "title_is_description": article.title_is_description,
            "publisher": self.person(article.publisher),
            "published": self.when(article.published),
            "links": self.appearance_links(article.url, article.archive_url),
            "note": article.note,
        }

    def source_numbers(self, claim: Claim) -> dict[str, int]:
        return source_numbers(claim)

    def claim_page(self, entry: Entry[Claim], related: list[dict[str, Any]]) -> dict[str, Any]:
        claim = entry.model
        numbers = self.source_numbers(claim)
        sources = sorted(claim.sources, key=lambda s: numbers[s.id])
        scale = {v.id: v for v in self.site.scale}
        view = dict(self.card(entry))
        view.update(
            quote=claim.claim,
            language=claim.language if claim.language and claim.language != self.lang else None,
            claim_date=self.when(claim.claim_date),
            article=self.article(claim.article) if claim.article is not None and claim.article in self.content.articles else None,
            appearances=[{"note": a.note, "links": self.appearance_links(a.url, a.archive_url)} for a in claim.appearances],
            analysis_html=Markup(render_markdown(claim.analysis, numbers, top_heading=3, root=self.root)),
            corrections=[
                {
                    "date": self.when(c.date),
                    "note_html": Markup(render_markdown(c.note, numbers, top_heading=3, root=self.root)),
                    "previous_verdict": self.verdict(scale[c.previous_verdict]) if c.previous_verdict in scale else None,
                }
                for c in sorted(claim.corrections, key=lambda c: c.date, reverse=True)
            ],
            updates=[
                {"date": self.when(u.date), "note_html": Markup(render_markdown(u.note, numbers, top_heading=3, root=self.root))}
                for u in sorted(claim.updates, key=lambda u: u.date, reverse=True)
            ],
            method=claim.method,
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

    def correction_log(self, entries: list[Entry[Claim]], base: str = "") -> list[dict[str, Any]]:
        """Every correction and update note of these claims, newest first, each marked with its `kind`
        ("correction" or "update"), for the log page and (with an absolute `base`) its feed."""
        scale = {v.id: v for v in self.site.scale}
        rows: list[dict[str, Any]] = []
        for entry in entries:
            claim = entry.model
            if not claim.corrections and not claim.updates:
                continue  # most claims: no need to number their sources
            numbers = self.source_numbers(claim)
            notes = [("correction", i, c.date, c.note, c.previous_verdict) for i, c in enumerate(claim.corrections, start=1)]
            notes += [("update", i, u.date, u.note, None) for i, u in enumerate(claim.updates, start=1)]
            for kind, index, day, note, previous_id in notes:
                previous = scale.get(previous_id or "")
                html = render_markdown(note, numbers, top_heading=3, citation_base=base + claim_url(entry.id), root=self.root)
                rows.append(
                    {
                        "kind": kind,
                        "anchor": f"{kind}-{index}",
                        "date": self.when(day),
                        "updated": self.rfc3339(day),
                        "claim": self.card(entry),
                        "note_html": Markup(html),
                        "previous_verdict": self.verdict(previous) if previous else None,
                    }
                )
        rows.sort(key=lambda r: (r["date"]["iso"], r["claim"]["id"], r["anchor"]), reverse=True)
        return rows

    def feed_entry(self, entry: Entry[Claim], url: str) -> dict[str, Any]:
        claim = entry.model
        return {
            "id": url,
            "url": url,
            "title": claim.title,
            "published": self.rfc3339(claim.published),
            "updated": self.rfc3339(self.content.last_modified(claim)),
            "summary": claim.summary,
            "verdict": self.verdict_of(claim)["label"],
            "authors": [self.content.people[a].model.name for a in claim.authors],
            "categories": [self.tag(t) for t in sorted(set(claim.tags))],
        }
