"""The loaded content of a project: validated records, each beside its file and line map.

Later stages get a frozen `Content` and never touch the disk or YAML again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.content.models import Article, Claim, Page, Person, Record, Site
from generator.content.positions import Positions
from generator.content.theme import ThemeImage
from generator.content.yamlfile import LazyPositions

M = TypeVar("M", bound=Record)


@dataclass(frozen=True)
class Entry(Generic[M]):
    """One record: its id (the file name), its project-relative path, the model and its positions."""

    id: str
    path: str
    model: M
    positions: Positions | LazyPositions = field(repr=False, compare=False)
    # Digest of the file's bytes, for keys of output made from the record; "" when unknown (then no key).
    source: str = field(default="", repr=False, compare=False)

    def where(self, *key_path: str | int) -> tuple[int, int]:
        """Line and column of a value inside this record, for diagnostics."""
        return self.positions.value_at(key_path)


@dataclass(frozen=True)
class PageEntry(Entry[Page]):
    body: str = ""
    body_line: int = 1  # line in the file where the Markdown body starts


@dataclass(frozen=True)
class Content:
    site: Entry[Site]
    people: Mapping[str, Entry[Person]]
    articles: Mapping[str, Entry[Article]]
    claims: Mapping[str, Entry[Claim]]  # every claim, drafts and scheduled ones included
    pages: Mapping[str, PageEntry]
    # The theme's images as checked on disk (content.themechecks): "logo", "favicon" -> ThemeImage.
    theme_files: Mapping[str, ThemeImage] = field(default_factory=dict)

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.site.model.timezone)
        except (ZoneInfoNotFoundError, ValueError):  # reported by checks.check_site
            return ZoneInfo("UTC")

    def moment(self, value: datetime | date) -> datetime:
        """A `published`/`updated` value as an aware date-time (a bare date is midnight in the site's zone)."""
        if isinstance(value, datetime):
            return value
        return datetime.combine(value, time(0, 0), tzinfo=self.zone)

    def utc_stamp(self, value: datetime | date) -> str:
        """A `published`/`updated`/correction date as the UTC stamp feeds, sitemaps and exports use."""
        return self.moment(value).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def last_modified(self, claim: Claim) -> datetime:
        """When the fact-check last changed for readers: `updated`, its latest correction or its latest update
        note, whichever is later."""
        moments = [self.moment(claim.published)]
        if claim.updated is not None:
            moments.append(self.moment(claim.updated))
        moments += [self.moment(c.date) for c in claim.corrections]
        moments += [self.moment(u.date) for u in claim.updates]
        return max(moments)

    def is_public(self, claim: Claim, clock: datetime, drafts: bool = False) -> bool:
        """A claim is published when it is not a draft and its `published` moment is not after `clock`."""
        if drafts:
            return True
        return not claim.draft and self.moment(claim.published) <= clock

    def public_claims(self, clock: datetime, drafts: bool = False) -> list[Entry[Claim]]:
        """Claims to publish, newest first, ties broken by id so the order is stable.

        Sorted by timestamp: comparing time-zone-aware date-times asks each for its offset at every
        comparison, which made this a tenth of a second at 10,000 claims."""
        now = clock.timestamp()
        chosen = []
        for entry in self.claims.values():
            claim = entry.model
            stamp = self.moment(claim.published).timestamp()
            if drafts or (not claim.draft and stamp <= now):
                chosen.append((-stamp, entry.id, entry))
        chosen.sort()  # ids are unique, so entries themselves are never compared
        return [entry for _, _, entry in chosen]
