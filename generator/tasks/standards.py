"""The commitments of the IFCN Code of Principles and the EFCSN standards that a machine can check in the
records: the required pages say something real, the funding page states who pays (or that nobody outside
does), every author is named on the team page, readers have a route to ask for a correction, and sources
have archived copies. `factcheck audit` runs these beside its checks of the built pages.

Reads the loaded records only; never the disk, never prints.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from generator.content.entries import Content, PageEntry
from generator.core.diagnostics import Diagnostic, error, warning
from generator.tasks.placeholders import PLACEHOLDER_RE

REQUIRED_ROLES = ("methodology", "corrections-policy", "funding", "team", "contact", "submit-claim")
# A page with fewer words than this (not counting [[…]] placeholders) says nothing yet: even a contact
# page needs a sentence around its address ("Write to us at …; we answer within two working days").
MIN_WORDS = 10
# Words that stand for text still to write. TODO and TBD only in capitals: "todo" is a Spanish word.
PLACEHOLDER_WORDS = re.compile(r"(?<!\w)(?:TBD|TODO|FIXME)(?!\w)|(?i:lorem\s+ipsum)")
_MARKUP = re.compile(r"[*_`]")


@dataclass
class ArchiveCount:
    """Sources of the published fact-checks, and how many have no archived copy (in how many fact-checks)."""

    sources: int = 0
    missing: int = 0
    claims: int = 0


@dataclass
class StandardsReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    archive: ArchiveCount = field(default_factory=ArchiveCount)


def role_page(content: Content, role: str) -> PageEntry | None:
    """The page that plays `role` (the first by slug when several do), as the audit's list of pages shows."""
    pages = sorted((p for p in content.pages.values() if p.model.role == role), key=lambda p: p.id)
    return pages[0] if pages else None


def check_standards(content: Content, clock: datetime) -> StandardsReport:
    report = StandardsReport()
    for role in REQUIRED_ROLES:
        page = role_page(content, role)
        if page is not None:
            report.diagnostics.extend(check_page_text(page, role))
    report.diagnostics.extend(check_funding(content))
    report.diagnostics.extend(check_team(content, clock))
    report.diagnostics.extend(check_correction_route(content))
    report.diagnostics.extend(check_archives(content, clock, report.archive))
    return report


def check_page_text(page: PageEntry, role: str) -> Iterator[Diagnostic]:
    """A required page that is still a placeholder: words such as TBD or "lorem ipsum", or next to no text."""
    for number, line in enumerate(page.body.splitlines()):
        for match in PLACEHOLDER_WORDS.finditer(line):
            yield error(
                page.path,
                page.body_line + number,
                match.start() + 1,
                "page-placeholder",
                f"the {role} page still holds the placeholder '{match.group(0)}'",
                "write what the page is for in the desk's own words",
            )
    if PLACEHOLDER_RE.search(page.body):
        return  # each `[[…]]` is already reported at its line; "too short" would say the same again
    words = re.findall(r"\w+", page.body)
    if len(words) < MIN_WORDS:
        yield error(
            page.path,
            page.body_line,
            1,
            "page-too-short",
            f"the {role} page says next to nothing ({len(words)} word(s)); readers need the desk's own account",
            f"write at least a few sentences (the audit asks for {MIN_WORDS} words or more)",
        )


def check_funding(content: Content) -> Iterator[Diagnostic]:
    page = role_page(content, "funding")
    if page is None or page.model.funders or page.model.no_external_funding:
        return
    yield error(
        page.path,
        *page.where("role"),
        "funding-not-stated",
        "the funding page names no funder and does not say that there is none",
        "list each funder under 'funders:' in the front matter (name, url, note), or set 'no_external_funding: true'",
    )


def _fold(text: str) -> str:
    """Text compared for a name: NFC, Markdown emphasis dropped, whitespace collapsed, case folded."""
    return " ".join(_MARKUP.sub("", unicodedata.normalize("NFC", text)).split()).casefold()


def check_team(content: Content, clock: datetime) -> Iterator[Diagnostic]:
    """Every author of a published fact-check is named on the team page (once per author, at their record)."""
    page = role_page(content, "team")
    if page is None:
        return  # the missing page is reported already
    shown = _fold(page.model.title + "\n" + page.body)
    written: dict[str, int] = {}
    for entry in content.public_claims(clock):
        for author in dict.fromkeys(entry.model.authors):
            written[author] = written.get(author, 0) + 1
    for author, count in sorted(written.items()):
        person = content.people.get(author)
        if person is None or _fold(person.model.name) in shown:
            continue
        yield error(
            person.path,
            *person.where("name"),
            "author-not-on-team",
            f"{person.model.name} wrote {count} published fact-check(s) but is not named on the team page ({page.path})",
            f"add '{person.model.name}' with their role to {page.path}",
        )


def check_correction_route(content: Content) -> Iterator[Diagnostic]:
    if content.site.model.corrections_request is None:
        yield error(
            content.site.path,
            1,
            1,
            "no-correction-route",
            "site.yaml does not say where readers ask for a correction",
            "add 'corrections_request:' with an e-mail address, the address of a form, or a page such as /kontak/",
        )


def check_archives(content: Content, clock: datetime, count: ArchiveCount) -> Iterator[Diagnostic]:
    """One warning per published fact-check whose sources lack an archived copy, naming them and counting."""
    for entry in content.public_claims(clock):
        sources = entry.model.sources
        missing = [s.id for s in sources if not s.archive_url]
        count.sources += len(sources)
        count.missing += len(missing)
        if not missing:
            continue
        count.claims += 1
        yield warning(
            entry.path,
            *entry.positions.key_at(("sources",)),
            "source-not-archived",
            f"{len(missing)} of {len(sources)} source(s) have no archived copy: {', '.join(missing)}",
            "add an archive_url to each (a Wayback Machine or archive.today capture) so readers can check it "
            "after the page changes or goes",
        )
