"""The pages that list the archive: articles, people, verdicts, topics; the feeds and the sitemap."""

from __future__ import annotations

from typing import Any

from generator.content.entries import Entry
from generator.content.models import Claim
from generator.plan.pagebuilder import PageBuilder
from generator.plan.urls import CORRECTIONS_FEED, FEED, article_url, claim_url, person_url, tag_url, verdict_url

FEED_SIZE = 50


class ArchivePlanner(PageBuilder):
    """Lists of the archive, each newest first, paginated as the site's `per_page` says."""

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

    def plan_feeds(self) -> None:
        """The Atom feeds: what readers of the published site get, so never a draft, even in a --drafts build."""
        entries = [self.views.feed_entry(e, self.absolute(claim_url(e.id))) for e in self.published[:FEED_SIZE]]
        self.add_feed(FEED, "fact-checks", entries)
        corrections = []
        for row in self.views.correction_log(self.published, self.base)[:FEED_SIZE]:
            url = self.absolute(claim_url(row["claim"]["id"]))
            section = "#corrections" if row["kind"] == "correction" else "#updates"
            corrections.append(
                {
                    "id": f"{url}#{row['anchor']}",
                    "url": url + section,
                    "kind": row["kind"],  # the feed says which: a correction, or an update that corrects nothing
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
        # The feed changes when its content does, never with the build time: it was last updated with its
        # newest entry. A feed without entries (no correction yet) was last updated when the site was: with
        # the newest publication or change of a fact-check. Only a site with no fact-check at all has no
        # date of its own, and takes the build's "now" (--clock or SOURCE_DATE_EPOCH fix it).
        updated = max((e["updated"] for e in entries), default=None) or self.site_updated()
        alternate = "/" if kind == "fact-checks" else "/corrections/"
        self.add(
            url,
            "feed.xml",
            kind=kind,
            entries=entries,
            updated=updated,
            feed={"self": self.absolute(url), "alternate": self.absolute(alternate)},
        )

    def site_updated(self) -> str:
        """When the published site last changed: its newest publication, update or correction."""
        stamps = [self.content.last_modified(e.model) for e in self.published]
        return self.views.rfc3339(max(stamps, default=self.clock))

    def plan_sitemap(self) -> None:
        urls = [
            {"loc": r.context["page"]["canonical"], "lastmod": r.context["page"]["lastmod"]}
            for r in sorted(self.routes, key=lambda r: r.url)
            if r.output_path.endswith(".html") and r.url != "/404.html" and not r.context["page"]["noindex"]
        ]
        self.add("/sitemap.xml", "sitemap.xml", urls=urls)
        self.add("/robots.txt", "robots.txt", sitemap=self.absolute("/sitemap.xml"))
