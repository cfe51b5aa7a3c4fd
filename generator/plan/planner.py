"""`plan_site` turns Content into every route of the site: the URL scheme applied, the order of the
routes and of every list in them explicit. Record-to-value conversions live in views.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.content.entries import Content, Entry
from generator.content.models import Claim
from generator.plan.apischema import API_VERSION, CSV_COLUMNS, claim_fields
from generator.plan.archive import ArchivePlanner
from generator.plan.jsonld import claim_review, to_script_json
from generator.plan.markdown import render_markdown
from generator.plan.pagebuilder import PlanOptions
from generator.plan.palette import brand_palette
from generator.plan.routes import Route
from generator.plan.share import share_view
from generator.plan.urls import (
    BRAND_CSS,
    CLAIM_SCHEMA_JSON,
    CLAIMREVIEW_JSON,
    CLAIMS_CSV,
    CLAIMS_JSON,
    SCHEMA_JSON,
    claim_api_path,
    claim_url,
    og_image_path,
    og_image_view,
)

RELATED_SIZE = 6


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


class _Planner(ArchivePlanner):
    """Every route of a site: the home page, each fact-check, the lists of the archive, pages and feeds."""

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
        self.plan_brand()
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
        jsonld = Markup(to_script_json(claim_review(self.content, entry, self.base)))
        share = (
            None
            if view["draft"]
            else share_view(
                claim.claim_short, view["verdict"]["label"], claim.summary, claim.title, self.absolute(url), self.site.language
            )
        )
        return {"claim": view, "jsonld": jsonld, "share": share}

    def plan_search_and_data(self) -> None:
        """The search page (Pagefind indexes published claim pages only) and the Open data page."""
        published = self.published
        self.add("/search/", "search.html", noindex=True, searchable=bool(published))
        data = data_page(self.site, [e.id for e in published], self.root)
        self.add("/data/", "data.html", data=data)

    def plan_brand(self) -> None:
        """The desk's colours as the theme's CSS variables, when site.yaml gives any."""
        theme = self.site.theme
        if theme.colours is None and theme.dark_colours is None:
            return
        light = brand_palette(theme.colours) if theme.colours is not None else None
        dark = brand_palette(theme.dark_colours) if theme.dark_colours is not None else None
        self.add(BRAND_CSS, "brand.css", noindex=True, light=light, dark=dark)

    def plan_corrections(self) -> None:
        self.correction_log = self.views.correction_log(self.claims)
        self.add("/corrections/", "corrections.html", corrections=self.correction_log)

    def plan_pages(self) -> None:
        for page in sorted(self.content.pages.values(), key=lambda p: p.id):
            model = page.model
            funding = None  # the funding page's structured statement: its funders, or that there are none
            if model.role == "funding" and (model.funders or model.no_external_funding):
                funders = [{"name": f.name, "url": f.url, "note": f.note} for f in model.funders]
                funding = {"funders": funders, "none": not funders}
            self.add(
                f"/{page.id}/",
                "page.html",
                title=model.title,
                description=model.description,
                role=model.role,
                funding=funding,
                body_html=Markup(render_markdown(page.body, root=self.root)),
            )


def data_page(site, published_ids: list[str], root: str = "/") -> dict[str, Any]:
    """What the Open data page shows: addresses (links under the site's root path), licence, fields and columns."""
    return {
        "count": len(published_ids),
        "license": {"name": site.data_license.name, "url": site.data_license.url},
        "publisher": site.publisher.name,
        "version": API_VERSION,
        "claims_json": root + CLAIMS_JSON,
        "schema": root + SCHEMA_JSON,
        "claim_schema": root + CLAIM_SCHEMA_JSON,
        "claim_json": root + claim_api_path(published_ids[0]) if published_ids else None,
        "claim_json_pattern": root + claim_api_path("ID"),
        "csv": root + CLAIMS_CSV,
        "claimreview": root + CLAIMREVIEW_JSON,
        "fields": claim_fields(),
        "csv_columns": list(CSV_COLUMNS),
    }
