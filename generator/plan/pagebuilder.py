"""What planning a page needs: the published claims with their indexes and views, and `add`, which
turns a page's values into a route (with what every page shares, and its metadata), with pagination
and verdict counts for the lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Protocol

from generator.content.entries import Content, Entry
from generator.content.fields import contact_kind
from generator.content.models import Claim
from generator.core.i18n import locale_code
from generator.plan.claimindex import ClaimIndex
from generator.plan.routes import LazyContext, Route
from generator.plan.themeview import theme_view
from generator.plan.urls import CORRECTIONS_FEED, FEED, link, page_url, site_root
from generator.plan.views import Views


class PlanOptions(Protocol):
    """What planning needs of a build's options: "now", whether drafts are shown, the public address."""

    @property
    def clock(self) -> datetime | None: ...

    @property
    def drafts(self) -> bool: ...

    @property
    def base_url(self) -> str | None: ...


class PageBuilder:
    """The routes of one site being planned, and the values every page of it shares."""

    def __init__(self, content: Content, options: PlanOptions):
        if options.clock is None:
            raise ValueError("plan_site needs options.clock; the caller decides what 'now' is")
        self.clock: datetime = options.clock
        self.content = content
        self.site = content.site.model
        self.drafts = options.drafts
        base_url = options.base_url or self.site.base_url
        self.base = base_url.rstrip("/")  # site addresses are appended to it for absolute URLs
        self.root = site_root(base_url)  # the path the site lives under: what pages' links start with
        self.claims: list[Entry[Claim]] = content.public_claims(options.clock, options.drafts)
        self.index = ClaimIndex(content, self.claims)
        self.order, self.by_article, self.by_tag = self.index.order, self.index.by_article, self.index.by_tag
        self.articles, self.people = self.index.articles, self.index.people
        self.views = Views(content, options.clock, set(self.people), self.root)
        # What a reader of the published site sees: in a --drafts build, the claims without drafts and
        # scheduled ones (feeds, search and open data hold only these); in any other build, every claim.
        self.published = [e for e in self.claims if not self.views.is_draft(e.model)] if self.drafts else self.claims
        self.routes: list[Route] = []
        self.common = {"site": self._site_view(), "drafts": self.drafts}

    # --------------------------------------------------------------- helpers

    def _site_view(self) -> dict[str, Any]:
        pages = sorted((p for p in self.content.pages.values() if p.model.menu is not None), key=lambda p: (p.model.menu, p.id))
        methodology = sorted(p.id for p in self.content.pages.values() if p.model.role == "methodology")
        return {
            "title": self.site.title,
            "description": self.site.description,
            "language": self.site.language,
            "locale": locale_code(self.site.language),
            "base_url": self.base + "/",
            "root": self.root,
            "publisher": {"name": self.site.publisher.name, "url": self.site.publisher.url},
            "data_license": {"name": self.site.data_license.name, "url": self.site.data_license.url},
            "menu": [{"title": p.model.title, "url": self.link(f"/{p.id}/")} for p in pages],
            "methodology_url": self.link(f"/{methodology[0]}/") if methodology else None,
            "feed_url": self.link(FEED),
            "corrections_feed_url": self.link(CORRECTIONS_FEED),
            "scale": [self.views.verdict(v) for v in self.site.scale],
            "labels_only": self.site.labels_only,
            "corrections_request": self._corrections_request(),
            **theme_view(self.content, self.root),
        }

    def _corrections_request(self) -> dict[str, str] | None:
        """Where readers ask for a correction, as a link: {url, text} (the address, or the page's title)."""
        target = self.site.corrections_request
        if target is None:
            return None
        kind = contact_kind(target)
        if kind == "email":
            return {"url": "mailto:" + target, "text": target}
        if kind == "page":
            page = self.content.pages.get(target.strip("/"))
            return {"url": self.link(target), "text": page.model.title if page is not None else target}
        return {"url": target, "text": target}

    def absolute(self, url: str) -> str:
        """A site address as an absolute URL, for what is read away from the site: canonical, feeds, JSON-LD."""
        return self.base + url

    def link(self, url: str) -> str:
        """A site address as pages link to it: under the site's root path."""
        return link(self.root, url)

    def add(
        self,
        url: str,
        template: str,
        *,
        title: str | None = None,
        description: str | None = None,
        og_type: str = "website",
        noindex: bool = False,
        lastmod: str | None = None,
        image: dict[str, Any] | None = None,
        lazy: Callable[[], dict[str, Any]] | None = None,
        **context: Any,
    ) -> None:
        page = {
            "url": self.link(url),
            "canonical": self.absolute(url),
            "title": title,
            "description": description or self.site.description,
            "og_type": og_type,
            "noindex": noindex or self.drafts,  # a drafts build is a preview: no page of it is for search engines
            "lastmod": lastmod,
            "image": image,  # Open Graph image {url, alt, width, height}, or None
        }
        values = {**self.common, "page": page, **context}
        self.routes.append(Route(url, template, LazyContext(values, lazy) if lazy is not None else values))

    def paginate(self, base: str, template: str, entries: list[Entry[Claim]], **context: Any) -> None:
        per_page = self.site.per_page
        total = max(1, -(-len(entries) // per_page))
        for number in range(1, total + 1):
            chunk = entries[(number - 1) * per_page : number * per_page]
            pagination = {
                "number": number,
                "total": total,
                "prev_url": self.link(page_url(base, number - 1)) if number > 1 else None,
                "next_url": self.link(page_url(base, number + 1)) if number < total else None,
            }
            context_n = {**context, "cards": [self.views.card(e) for e in chunk], "pagination": pagination, "count": len(entries)}
            self.add(page_url(base, number), template, **context_n)

    def counts(self, entries: Iterable[Entry[Claim]]) -> list[dict[str, Any]]:
        """Claims per verdict, in scale order, zeros included: a scorecard hides nothing."""
        tally = Counter(e.model.verdict for e in entries)
        return [{"verdict": self.views.verdict(v), "count": tally.get(v.id, 0)} for v in self.site.scale]
