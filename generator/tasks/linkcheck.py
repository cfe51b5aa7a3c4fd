"""Check that the links in the records still answer: sources, articles, appearances, people.

Needs the network, so it is its own command and never part of `build`. Returns diagnostics;
knows nothing of Click or of how they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from generator.content.entries import Content, Entry
from generator.content.loading import load_content
from generator.core.diagnostics import Diagnostic, error, has_errors, note, sort_diagnostics, warning
from generator.core.project import Project
from generator.core.values import printable
from generator.tasks.linkrequests import LinkOptions, Outcome, check_urls
from generator.tasks.linkrequests import request_key as _key


@dataclass(frozen=True)
class Link:
    """One URL in one record, with where it is and the record's archived copy of it."""

    url: str
    path: str
    line: int
    column: int
    field: str  # e.g. 'sources[0].url'
    archive: str | None = None  # the record's archive_url for this url
    can_archive: bool = True  # False where the model has no archive_url (people)
    is_archive: bool = False


@dataclass(frozen=True)
class LinkReport:
    diagnostics: list[Diagnostic]
    valid: bool  # False: the content has errors, so no link was checked
    links: int = 0
    checked: int = 0  # unique URLs requested

    @property
    def ok(self) -> bool:
        return self.valid and not has_errors(self.diagnostics)


def check_links(project: Project, options: LinkOptions, clock: datetime | None = None) -> LinkReport:
    """Validate the content, then request every unique URL once and report the dead ones."""
    content, diagnostics = load_content(project, clock)
    if content is None:
        return LinkReport(diagnostics, valid=False)
    links = collect_links(content)
    outcomes = check_urls([link.url for link in links], options)
    return LinkReport(diagnose_links(links, outcomes), valid=True, links=len(links), checked=len(outcomes))


# ------------------------------------------------------------------ which links


def collect_links(content: Content) -> list[Link]:
    """Every checkable URL of the records, in file and line order."""
    links: list[Link] = []

    def add(entry: Entry, key: tuple, url: str | None, archive: str | None = None, can_archive: bool = True) -> None:
        if url:
            line, column = entry.where(*key)
            links.append(Link(url, entry.path, line, column, _dotted(key), archive, can_archive))
        if archive:
            archive_key = key[:-1] + ("archive_url",)
            line, column = entry.where(*archive_key)
            links.append(Link(archive, entry.path, line, column, _dotted(archive_key), is_archive=True))

    for person in content.people.values():
        add(person, ("url",), person.model.url, can_archive=False)
        for i, url in enumerate(person.model.same_as):
            add(person, ("same_as", i), url, can_archive=False)
    for article in content.articles.values():
        add(article, ("url",), article.model.url, article.model.archive_url)
    for claim in content.claims.values():
        for i, appearance in enumerate(claim.model.appearances):
            add(claim, ("appearances", i, "url"), appearance.url, appearance.archive_url)
        for i, source in enumerate(claim.model.sources):
            add(claim, ("sources", i, "url"), source.url, source.archive_url)
    links.sort(key=lambda link: (link.path, link.line, link.column))
    return links


def _dotted(key: tuple) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else (f".{part}" if i else part) for i, part in enumerate(key))


# ------------------------------------------------------------------ reporting


def diagnose_links(links: list[Link], outcomes: dict[str, Outcome]) -> list[Diagnostic]:
    """One diagnostic per broken (or moved) link occurrence; working links yield nothing."""
    found: list[Diagnostic] = []
    for link in links:
        outcome = outcomes.get(_key(link.url))
        if outcome is None:
            continue
        shown = printable(link.url, 200)
        if outcome.ok:
            if outcome.moved and outcome.final_url != _key(link.url):
                found.append(
                    note(
                        link.path,
                        link.line,
                        link.column,
                        "link-moved",
                        f"'{link.field}' moved permanently: {shown}",
                        f"update it to {printable(outcome.final_url, 200)}",
                    )
                )
            continue
        if outcome.kind == "skipped":
            found.append(
                warning(
                    link.path,
                    link.line,
                    link.column,
                    "link-not-checked",
                    f"'{link.field}' {outcome.problem}: {shown}",
                    "run again with fewer links or a longer time limit",
                )
            )
            continue
        if outcome.status == 429:  # too many requests: the server is up, it only refused to answer now
            found.append(
                warning(
                    link.path,
                    link.line,
                    link.column,
                    "link-rate-limited",
                    f"'{link.field}' {outcome.problem}: {shown}",
                    "check it by hand or run again later",
                )
            )
            continue
        code = {"http": "dead-link", "timeout": "link-timeout", "redirects": "link-redirects"}.get(
            outcome.kind, "link-unreachable"
        )
        found.append(
            error(
                link.path,
                link.line,
                link.column,
                code,
                f"'{link.field}' {outcome.problem}: {shown}",
                _archive_hint(link, outcomes),
            )
        )
    return sort_diagnostics(found)


def _archive_hint(link: Link, outcomes: dict[str, Outcome]) -> str:
    if link.is_archive:
        return "this archived copy is gone too; find another (web.archive.org, archive.today) and update archive_url"
    if not link.can_archive:
        return "update the address, or remove it if the page is gone"
    if not link.archive:
        return "no archive copy recorded; add archive_url (e.g. a web.archive.org copy) so readers can still check it"
    archive = outcomes.get(_key(link.archive))
    if archive is not None and not archive.ok:
        return f"the archived copy {printable(link.archive, 200)} does not answer either; find another and update archive_url"
    return f"readers can still use the archived copy: {printable(link.archive, 200)}"
