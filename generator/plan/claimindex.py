"""The claims a site publishes, indexed once by article, topic and position, so that planning stays
linear in the number of claims (the live preview plans again after edits).
"""

from __future__ import annotations

from generator.content.entries import Content, Entry
from generator.content.models import Claim

RELATED_WINDOW = 12  # claims looked at on each side of a claim in each of its topics


class ClaimIndex:
    """Indexes of `claims` (newest first); each list in them stays newest first."""

    def __init__(self, content: Content, claims: list[Entry[Claim]]):
        self.claims = claims
        # One pass makes every index.
        self.order: dict[str, int] = {}
        self.by_article: dict[str, list[Entry[Claim]]] = {}
        self.by_tag: dict[str, list[Entry[Claim]]] = {}
        self.tag_sets: dict[str, frozenset[str]] = {}
        articles: set[str] = set()
        people: set[str] = set()
        for i, e in enumerate(claims):
            claim = e.model
            self.order[e.id] = i
            if claim.article:
                self.by_article.setdefault(claim.article, []).append(e)
                if claim.article in content.articles:
                    articles.add(claim.article)
            people.add(claim.claimant)
            people.update(claim.authors)
            tags = self.tag_sets[e.id] = frozenset(claim.tags)
            for t in sorted(tags):
                self.by_tag.setdefault(t, []).append(e)
        self._tag_positions: dict[str, dict[str, int]] = {}  # per topic, made when first needed (see position_in)
        self.articles = sorted(articles)
        people.update(content.articles[a].model.publisher for a in self.articles)
        self.people = sorted(p for p in people if p in content.people)

    def related(self, entry: Entry[Claim], size: int) -> list[Entry[Claim]]:
        """Other claims from the same article (in its order), then claims near in time sharing most topics."""
        claim = entry.model
        same_article = [e for e in self.by_article.get(claim.article or "", []) if e.id != entry.id]
        same_article.sort(key=lambda e: (e.model.article_position or 10**6, e.id))
        seen = {entry.id, *(e.id for e in same_article)}
        tags = self.tag_sets[entry.id]
        here = self.order[entry.id]
        shared: dict[str, Entry[Claim]] = {}
        for t in sorted(tags):  # a window around the claim in each topic keeps this linear in the site's size
            neighbours = self.by_tag.get(t, [])
            i = self.position_in(t, entry.id)
            for e in neighbours[max(0, i - RELATED_WINDOW) : i + RELATED_WINDOW + 1]:
                if e.id not in seen:
                    shared[e.id] = e
        order, tag_sets = self.order, self.tag_sets
        by_tag = sorted(shared.values(), key=lambda e: (-len(tags & tag_sets[e.id]), abs(order[e.id] - here), order[e.id]))
        return (same_article + by_tag)[:size]

    def position_in(self, tag: str, claim_id: str) -> int:
        """Where a claim stands in its topic's list (newest first)."""
        positions = self._tag_positions.get(tag)
        if positions is None:
            positions = self._tag_positions[tag] = {e.id: i for i, e in enumerate(self.by_tag[tag])}
        return positions[claim_id]
