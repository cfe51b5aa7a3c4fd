"""`plan_site` turns Content into every route of the site: the URL scheme applied, the order of the
routes and of every list in them explicit. Record-to-value conversions live in views.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import Any, Protocol

from markupsafe import Markup

from generator.content.entries import Content, Entry
from generator.content.models import Claim
from generator.core.i18n import locale_code, ui_language
from generator.plan.apischema import API_VERSION, CSV_COLUMNS, claim_fields
from generator.plan.claimindex import ClaimIndex
from generator.plan.jsonld import claim_review, to_script_json
from generator.plan.markdown import render_markdown
from generator.plan.routes import LazyContext, Route
from generator.plan.share import share_view
from generator.plan.urls import (
    CLAIMREVIEW_JSON,
    CLAIMS_CSV,
    CLAIMS_JSON,
    CORRECTIONS_FEED,
    FEED,
    SCHEMA_JSON,
    article_url,
    claim_api_path,
    claim_url,
    og_image_path,
    og_image_view,
    page_url,
    person_url,
    tag_url,
    verdict_url,
)
from generator.plan.views import Views

FEED_SIZE = 50
RELATED_SIZE = 6


class PlanOptions(Protocol):
    """What planning needs of a build's options: "now", whether drafts are shown, the public address."""

    @property
    def clock(self) -> datetime | None: ...

    @property
    def drafts(self) -> bool: ...

    @property
    def base_url(self) -> str | None: ...


def plan_site(content: Content, options: PlanOptions) -> list[Route]:
    """Every route of the site for this content, clock and options."""
    return _Planner(content, options).plan()


def plan_claim_pages(content: Content, options: PlanOptions, ids: Iterable[str]) -> list[Route]:
    """The routes of these claims' own pages, exactly as `plan_site` makes them, without planning the rest
    (the live preview shows an edited fact-check at once). Claims that are not public have no page."""
    planner = _Planner(content, options)
    for claim_id in sorted(set(ids)):
        if claim_id in planner.order:
            planner.plan_claim(planner.claims[planner.order[claim_id]])
    return planner.routes


class _Planner:
    def __init__(self, content: Content, options: PlanOptions):
        if options.clock is None:
            raise ValueError("plan_site needs options.clock; the caller decides what 'now' is")
        self.content = content
        self.site = content.site.model
        self.drafts = options.drafts
        self.base = (options.base_url or self.site.base_url).rstrip("/")
        self.claims: list[Entry[Claim]] = content.public_claims(options.clock, options.drafts)
        self.index = ClaimIndex(content, self.claims)
        self.order, self.by_article, self.by_tag = self.index.order, self.index.by_article, self.index.by_tag
        self.articles, self.people = self.index.articles, self.index.people
        self.views = Views(content, options.clock, set(self.people))
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
            "ui_language": ui_language(self.site.language),
            "locale": locale_code(self.site.language),
            "base_url": self.base + "/",
            "publisher": {"name": self.site.publisher.name, "url": self.site.publisher.url},
            "data_license": {"name": self.site.data_license.name, "url": self.site.data_license.url},
            "menu": [{"title": p.model.title, "url": f"/{p.id}/"} for p in pages],
            "methodology_url": f"/{methodology[0]}/" if methodology else None,
            "feed_url": FEED,
            "scale": [self.views.verdict(v) for v in self.site.scale],
        }

    def absolute(self, url: str) -> str:
        return self.base + url

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
            "url": url,
            "canonical": self.absolute(url),
            "title": title,
            "description": description or self.site.description,
            "og_type": og_type,
            "noindex": noindex,
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
                "prev_url": page_url(base, number - 1) if number > 1 else None,
                "next_url": page_url(base, number + 1) if number < total else None,
            }
            context_n = {**context, "cards": [self.views.card(e) for e in chunk], "pagination": pagination, "count": len(entries)}
            self.add(page_url(base, number), template, **context_n)

    def counts(self, entries: Iterable[Entry[Claim]]) -> list[dict[str, Any]]:
        """Claims per verdict, in scale order, zeros included: a scorecard hides nothing."""
        tally = Counter(e.model.verdict for e in entries)
        return [{"verdict": self.views.verdict(v), "count": tally.get(v.id, 0)} for v in self.site.scale]

    # --------------------------------------------------------------- pages

    def plan(self) -> list[Route]:
        self.plan_home()
        for entry in self.claims:
            self.plan_claim(entry)
        self.plan_articles()
        self.plan_people()
        self.plan_verdicts()
        self.plan_tags()
        self.plan_corrections()
        self.plan_pages()
        self.add("/404.html", "404.html", noindex=True)
        self.plan_feeds()
        self.plan_search_and_data()
        self.plan_sitemap()
        self.routes.sort(key=lambda r: r.url)
        return self.routes

    def plan_home(self) -> None:
        tag_counts = Counter(t for e in self.claims for t in set(e.model.tags))
        top_tags = sorted(tag_counts, key=lambda t: (-tag_counts[t], t))[:12]
        self.paginate(
            "/", "home.html", self.claims, verdicts=self.counts(self.claims), tags=[self.views.tag(t) for t in top_tags]
        )

    def plan_claim(self, entry: Entry[Claim]) -> None:
        """The page of one fact-check; its values are made when it is rendered (see LazyContext)."""
        claim = entry.model
        url = claim_url(entry.id)
        draft = self.views.is_draft(claim)
        modified = self.content.last_modified(claim)
        label = self.views.verdict_of(claim)["label"]
        self.add(
            url,
            "claim.html",
            title=claim.title,
            description=claim.summary,
            og_type="article",
            noindex=draft,
            lastmod=self.views.rfc3339(modified),
            image=og_image_view(self.absolute("/" + og_image_path(entry.id)), label, claim.claim_short),
            lazy=partial(self.claim_values, entry),
        )

    def claim_values(self, entry: Entry[Claim]) -> dict[str, Any]:
        claim = entry.model
        url = claim_url(entry.id)
        view = self.views.claim_page(entry, [self.views.card(e) for e in self.index.related(entry, RELATED_SIZE)])
        jsonld = Markup(to_script_json(claim_review(self.content, entry, self.absolute(url))))
        share = (
            None
            if view["draft"]
            else share_view(claim.claim_short, view["verdict"]["label"], claim.summary, claim.title, self.absolute(url))
        )
        return {"claim": view, "jsonld": jsonld, "share": share}

    def plan_search_and_data(self) -> None:
        """The search page (Pagefind indexes published claim pages only) and the Open data page."""
        published = [e for e in self.claims if not self.views.is_draft(e.model)]
        self.add("/search/", "search.html", noindex=True, searchable=bool(published))
        data = data_page(self.site, [e.id for e in published])
        self.add("/data/", "data.html", data=data)

    def plan_articles(self) -> None:
        rows = []
        for article_id in self.articles:
            entries = list(self.by_article.get(article_id, []))
            entries.sort(key=lambda e: (e.model.article_position or 10**6, e.id))
            view = self.views.article(article_id)
            rows.append({**view, "count": len(entries)})
            self.add(
                article_url(article_id),
                "article.html",
                title=view["title"],
                article=view,
                cards=[self.views.card(e) for e in entries],
                verdicts=self.counts(entries),
            )
        rows.sort(key=lambda r: (r["published"]["iso"], r["id"]), reverse=True)
        self.add("/articles/", "articles.html", articles=rows)

    def plan_people(self) -> None:
        said_by: dict[str, list[Entry[Claim]]] = {}
        written_by: dict[str, list[Entry[Claim]]] = {}
        for e in self.claims:  # newest first, like every list of claims
            said_by.setdefault(e.model.claimant, []).append(e)
            for author in dict.fromkeys(e.model.authors):
                written_by.setdefault(author, []).append(e)
        published_by: dict[str, list[str]] = {}  # in the order of self.articles
        for article_id in self.articles:
            published_by.setdefault(self.content.articles[article_id].model.publisher, []).append(article_id)
        rows = []
        for person_id in self.people:
            said, wrote = said_by.get(person_id, []), written_by.get(person_id, [])
            published = published_by.get(person_id, [])
            person = self.content.people[person_id].model
            dates = sorted(e.model.claim_date for e in said)
            scorecard = None
            if said:
                scorecard = {
                    "rows": self.counts(said),
                    "total": len(said),
                    "first": self.views.when(dates[0]),
                    "last": self.views.when(dates[-1]),
                }
            view = {**self.views.person(person_id), "website": person.url, "same_as": list(person.same_as)}
            rows.append({**view, "count": len(said)})
            # Their claims are paginated; a desk's own list shows the newest page only, with the total.
            self.paginate(
                person_url(person_id),
                "person.html",
                said,
                title=person.name,
                description=person.description,
                person=view,
                scorecard=scorecard,
                written=[self.views.card(e) for e in wrote[: self.site.per_page]],
                written_count=len(wrote),
                articles=[self.views.article(a) for a in published],
            )
        rows.sort(key=lambda r: (r["name"].casefold(), r["id"]))
        self.add("/people/", "people.html", people=rows)

    def plan_verdicts(self) -> None:
        self.add("/verdicts/", "scale.html", verdicts=self.counts(self.claims))
        for verdict in self.site.scale:
            entries = [e for e in self.claims if e.model.verdict == verdict.id]
            self.paginate(
                verdict_url(verdict.id),
                "verdict.html",
                entries,
                title=verdict.label,
                description=verdict.description,
                verdict=self.views.verdict(verdict),
            )

    def plan_tags(self) -> None:
        tags = sorted({t for e in self.claims for t in e.model.tags})
        rows = []
        for tag in tags:
            entries = self.by_tag[tag]
            view = self.views.tag(tag)
            rows.append({**view, "count": len(entries)})
            self.paginate(tag_url(tag), "tag.html", entries, title=view["label"], tag=view)
        self.add("/tags/", "tags.html", tags=rows)

    def plan_corrections(self) -> None:
        self.correction_log = self.views.correction_log(self.claims)
        self.add("/corrections/", "corrections.html", corrections=self.correction_log)

    def plan_pages(self) -> None:
        for page in sorted(self.content.pages.values(), key=lambda p: p.id):
            self.add(
                f"/{page.id}/",
                "page.html",
                title=page.model.title,
                description=page.model.description,
                role=page.model.role,
                body_html=Markup(render_markdown(page.body)),
            )

    def plan_feeds(self) -> None:
        entries = [self.views.feed_entry(e, self.absolute(claim_url(e.id))) for e in self.claims[:FEED_SIZE]]
        self.add_feed(FEED, "fact-checks", entries)
        corrections = []
        for row in self.views.correction_log(self.claims, self.base)[:FEED_SIZE]:
            url = self.absolute(row["claim"]["url"])
            corrections.append(
                {
                    "id": f"{url}#{row['anchor']}",
                    "url": f"{url}#corrections",
                    "title": row["claim"]["title"],
                    "published": row["updated"],
                    "updated": row["updated"],
                    "content_html": row["note_html"],
                    "verdict": row["claim"]["verdict"]["label"],
                    "authors": [],
                    "categories": [],
                }
            )
        self.add_feed(CORRECTIONS_FEED, "corrections", corrections)

    def add_feed(self, url: str, kind: str, entries: list[dict[str, Any]]) -> None:
        # The feed changes when its content does, never with the build time.
        updated = max((e["updated"] for e in entries), default="1970-01-01T00:00:00Z")
        alternate = "/" if kind == "fact-checks" else "/corrections/"
        self.add(
            url,
            "feed.xml",
            kind=kind,
            entries=entries,
            updated=updated,
            feed={"self": self.absolute(url), "alternate": self.absolute(alternate)},
        )

    def plan_sitemap(self) -> None:
        urls = [
            {"loc": r.context["page"]["canonical"], "lastmod": r.context["page"]["lastmod"]}
            for r in sorted(self.routes, key=lambda r: r.url)
            if r.output_path.endswith(".html") and r.url != "/404.html" and not r.context["page"]["noindex"]
        ]
        self.add("/sitemap.xml", "sitemap.xml", urls=urls)
        self.add("/robots.txt", "robots.txt", sitemap=self.absolute("/sitemap.xml"))


def data_page(site, published_ids: list[str]) -> dict[str, Any]:
    """What the Open data page shows: addresses (from the site root), licence, fields and columns."""
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
