"""`factcheck audit`: is the site ready to be trusted? Required pages that say something, the commitments of
the IFCN and EFCSN standards a machine can check (tasks.standards), complete claims, the rendered ClaimReview
and what each claim page shows, and the publishing cadence.

Reads built HTML with html.parser only, offline; never prints. Builds into a temporary folder unless given one.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from generator.content.claimtext import verdict_word  # noqa: F401 - part of this API
from generator.content.entries import Content, Entry
from generator.content.loading import load_content
from generator.content.models import Claim
from generator.core.diagnostics import Diagnostic, Severity, error, has_errors, note, sort_diagnostics
from generator.core.project import Project
from generator.tasks.claimpage import check_page, claim_reviews  # noqa: F401 - part of this API
from generator.tasks.placeholders import find_placeholders
from generator.tasks.reviewfields import ClaimFacts
from generator.tasks.standards import REQUIRED_ROLES, ArchiveCount, check_standards, role_page

SCALE_PAGE = "verdicts/index.html"
CADENCE_WEEKS = 26


@dataclass(frozen=True)
class WeekCount:
    start: date  # the Monday of the week, in the site's time zone
    count: int


@dataclass
class AuditReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    pages: list[tuple[str, str | None]] = field(default_factory=list)  # (role, page id or None)
    claims_checked: int = 0
    archive: ArchiveCount = field(default_factory=ArchiveCount)
    cadence: list[WeekCount] = field(default_factory=list)
    valid: bool = True  # False: the content itself has errors, nothing else was checked

    @property
    def ok(self) -> bool:
        return self.valid and not has_errors(self.diagnostics)


# ------------------------------------------------------------------ the audit


def check_pages(content: Content, site: Path, report: AuditReport) -> None:
    for role in REQUIRED_ROLES:
        ids = sorted(p.id for p in content.pages.values() if p.model.role == role)
        report.pages.append((role, ids[0] if ids else None))
        if not ids:
            report.diagnostics.append(
                error(
                    "content/pages",
                    1,
                    1,
                    "missing-page",
                    f"no page has the role '{role}'",
                    f"add content/pages/SLUG.md with 'role: {role}' in its front matter",
                )
            )
        elif not (site / ids[0] / "index.html").is_file():
            report.diagnostics.append(
                error(
                    content.pages[ids[0]].path,
                    1,
                    1,
                    "page-not-built",
                    f"the {role} page was not found in the built site at /{ids[0]}/",
                )
            )
    report.pages.append(("rating-scale", "verdicts" if (site / SCALE_PAGE).is_file() else None))
    if not (site / SCALE_PAGE).is_file():
        report.diagnostics.append(
            error("content/site.yaml", 1, 1, "missing-page", "the built site has no rating-scale page at /verdicts/")
        )


def check_claims(content: Content, site: Path, clock: datetime, report: AuditReport) -> None:
    labels = [v.label for v in content.site.model.scale]
    host = urlsplit(content.site.model.base_url).hostname or ""
    public = {e.id: e for e in content.public_claims(clock)}
    for entry in public.values():
        claim = entry.model
        if not claim.claimant.strip():
            report.diagnostics.append(error(entry.path, 1, 1, "claim-no-claimant", "the fact-check does not name its claimant"))
        if not claim.sources:
            report.diagnostics.append(
                error(
                    entry.path,
                    entry.where("verdict")[0],
                    1,
                    "claim-no-source",
                    "the fact-check lists no source",
                    "add at least one entry under sources:",
                )
            )
        if not claim.authors:
            report.diagnostics.append(error(entry.path, 1, 1, "claim-no-author", "the fact-check names no author"))
        if not (site / "claims" / entry.id / "index.html").is_file():
            report.diagnostics.append(
                error(entry.path, 1, 1, "page-not-built", f"no page at /claims/{entry.id}/ in the built site")
            )
    methodology = role_page(content, "methodology")
    pages = sorted((site / "claims").glob("*/index.html")) if (site / "claims").is_dir() else []
    for page in pages:
        claim_id = page.parent.name
        claim_entry = public.get(claim_id) or content.claims.get(claim_id)
        shown = "site/" + page.relative_to(site).as_posix()
        facts = None
        if claim_entry is None:
            where: tuple[str, dict[str, int]] = (shown, {})
        else:
            where = (claim_entry.path, {k: claim_entry.where(k)[0] for k in ("claim_short", "verdict")})
            facts = claim_facts(claim_entry, methodology.id if methodology else None)
        text = page.read_text(encoding="utf-8", errors="replace")
        report.diagnostics.extend(check_page(text, shown, where, labels, host, facts))
        report.claims_checked += 1


def claim_facts(entry: Entry[Claim], methodology: str | None) -> ClaimFacts:
    """What the page of this claim must show, with the line of each field in its record."""
    claim = entry.model
    keys = ("claimant", "claim_date", "article", "appearances", "published", "method")
    appeared = "article" if claim.article else "appearances" if claim.appearances else None
    return ClaimFacts(
        path=entry.path,
        lines={k: entry.where(k)[0] for k in keys},
        claim_date=claim.claim_date.isoformat(),
        appeared=appeared,
        method=claim.method,
        methodology=methodology,
        corrections=bool(claim.corrections),
        updates=bool(claim.updates),
    )


def weekly_cadence(content: Content, clock: datetime, weeks: int = CADENCE_WEEKS) -> list[WeekCount]:
    """Fact-checks published per week (Monday to Sunday in the site's zone) over `weeks` weeks up to `clock`."""
    today = clock.astimezone(content.zone).date()
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    counts = [0] * weeks
    for entry in content.public_claims(clock):
        day = content.moment(entry.model.published).astimezone(content.zone).date()
        index = (day - first).days // 7
        if 0 <= index < weeks:
            counts[index] += 1
    return [WeekCount(first + timedelta(weeks=i), n) for i, n in enumerate(counts)]


def audit_site(project: Project, clock: datetime | None = None, site: Path | None = None) -> AuditReport:
    """Audit a built site (`site`), or build one into a temporary folder first."""
    from generator.engine.build import BuildOptions, build_site

    clock = clock or datetime.now(UTC)
    content, diagnostics = load_content(project, clock)
    if content is None:
        return AuditReport(diagnostics, valid=False)
    report = AuditReport([d for d in diagnostics if d.severity is not Severity.NOTE])
    folder = None
    try:
        if site is None:
            folder = Path(tempfile.mkdtemp(prefix="factcheck-audit-"))
            result = build_site(project, BuildOptions(output=folder / "site", clock=clock))
            if not result.ok:
                return AuditReport(result.diagnostics, valid=False)
            site = folder / "site"
        check_pages(content, site, report)
        report.diagnostics.extend(find_placeholders(project.root, content, clock))
        standards = check_standards(content, clock)
        report.diagnostics.extend(standards.diagnostics)
        report.archive = standards.archive
        check_claims(content, site, clock, report)
        report.cadence = weekly_cadence(content, clock)
        if not any(w.count for w in report.cadence[-4:]):
            report.diagnostics.append(
                note("content/claims", 1, 1, "cadence-quiet", "no fact-check was published in the last four weeks")
            )
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    report.diagnostics = sort_diagnostics(report.diagnostics)
    return report


def sparkline(counts: list[int]) -> str:
    """One character per week, taller for more fact-checks."""
    bars = " ▁▂▃▄▅▆▇█"
    top = max(counts, default=0)
    return "".join(bars[0 if n == 0 else max(1, round(n / top * (len(bars) - 1)))] for n in counts)


def summary_lines(report: AuditReport, day: date) -> list[str]:
    """The readable part of an audit: required pages, pages checked, and the cadence as a sparkline and a table."""
    lines = ["required pages:"]
    lines += [f"  {role:<20} " + (f"/{page}/" if page else "MISSING") for role, page in report.pages]
    lines.append(f"claim pages checked: {report.claims_checked}")
    archive = report.archive
    lines.append(f"sources without an archived copy: {archive.missing} of {archive.sources}, in {archive.claims} fact-check(s)")
    counts = [w.count for w in report.cadence]
    weeks = len(counts)
    lines.append(
        f"cadence, fact-checks per week over the {weeks} weeks to {day.isoformat()}: "
        f"{sum(counts)} in all, {sum(counts) / max(1, weeks):.1f} a week, {counts.count(0)} week(s) without one"
    )
    if not report.cadence:
        return lines
    lines.append(f"  {report.cadence[0].start.isoformat()} |{sparkline(counts)}| {report.cadence[-1].start.isoformat()}")
    half = (weeks + 1) // 2
    lines.append("  week of     n    week of     n")
    for i in range(half):
        row = f"  {report.cadence[i].start.isoformat()} {report.cadence[i].count:>3}"
        if i + half < weeks:
            row += f"    {report.cadence[i + half].start.isoformat()} {report.cadence[i + half].count:>3}"
        lines.append(row)
    return lines
