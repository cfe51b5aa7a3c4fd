"""The loaded content of a project: validated records, each beside its file and line map.

`load_content` reads and validates every file; later stages get a frozen `Content`
and never touch the disk or YAML again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Generic, Mapping, TypeVar
from zoneinfo import ZoneInfo

from generator.models import Article, Claim, Page, Person, Record, Site
from generator.yamlfile import Positions

M = TypeVar("M", bound=Record)


@dataclass(frozen=True)
class Entry(Generic[M]):
    """One record: its id (the file name), its project-relative path, the model and its positions."""

    id: str
    path: str
    model: M
    positions: Positions = field(repr=False, compare=False)

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

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.site.model.timezone)

    def moment(self, value: datetime | date) -> datetime:
        """A `published`/`updated` value as an aware date-time (a bare date is midnight in the site's zone)."""
        if isinstance(value, datetime):
            return value
        return datetime.combine(value, time(0, 0), tzinfo=self.zone)

    def is_public(self, claim: Claim, clock: datetime, drafts: bool = False) -> bool:
        """A claim is published when it is not a draft and its `published` moment is not after `clock`."""
        if drafts:
            return True
        return not claim.draft and self.moment(claim.published) <= clock

    def public_claims(self, clock: datetime, drafts: bool = False) -> list[Entry[Claim]]:
        """Claims to publish, newest first, ties broken by id so the order is stable."""
        chosen = [e for e in self.claims.values() if self.is_public(e.model, clock, drafts)]
        chosen.sort(key=lambda e: e.id)
        chosen.sort(key=lambda e: self.moment(e.model.published), reverse=True)
        return chosen
