"""`factcheck audit`: is the site ready to be trusted?"""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.common import (
    clock_option,
    open_project,
    parse_clock,
    show,
    summarise,
)


@click.command()
@click.option(
    "--site",
    "site_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Audit this built site instead of building one into a temporary folder.",
)
@clock_option
@click.pass_context
def audit(ctx: click.Context, site_dir: Path | None, clock: str | None) -> None:
    """Check, offline, that the site is ready to be trusted, and show the publishing cadence.

    Required pages by role (methodology, corrections-policy, funding, team, contact,
    submit-claim) that say something (no TBD, TODO or lorem ipsum, not next to empty), and
    the rating scale; no [[…]] placeholder left in what is published; a funding statement,
    every author on the team page, a route to ask for a correction; every fact-check with
    claimant, source, author and method; each claim page's ClaimReview as fact-check
    databases read it, and its corrections and updates apart. Sources without an archived
    copy are warnings. Exits 0 when all is there, 1 when a required item is missing or wrong
    (or the content has errors).
    """
    from generator.tasks.audit import audit_site, summary_lines

    now = parse_clock(clock)
    report = audit_site(open_project(ctx), now, site_dir)
    show(report.diagnostics)
    if not report.valid:
        click.echo(
            "not audited: the content has errors (" + summarise(report.diagnostics) + "); run factcheck validate", err=True
        )
        ctx.exit(1)
    for line in summary_lines(report, now.date()):
        click.echo(line)
    click.echo(("audit failed: " if not report.ok else "ok: ") + summarise(report.diagnostics), err=True)
    ctx.exit(0 if report.ok else 1)
