"""`factcheck due`: should a scheduled run publish the site again?"""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.common import clock_option, open_project, parse_clock, show


@click.command()
@click.option(
    "--published",
    "published",
    required=True,
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The published site's api/claims.json (for example fetched with curl).",
)
@clock_option
@click.pass_context
def due(ctx: click.Context, published: Path, clock: str | None) -> None:
    """Compare the fact-checks public now with those the published site shows.

    Prints the id of each fact-check to add or take down. Exits 0 when the site must be
    published again (something changed, or FILE is missing or unreadable, or the content
    has errors: the build will show them), 1 when the published site is up to date,
    2 on a usage error.
    """
    from generator.tasks.due import check_due

    found = check_due(open_project(ctx), parse_clock(clock), published)
    show(found.diagnostics)
    for claim_id in found.due:
        click.echo(f"due {claim_id}")
    for claim_id in found.withdrawn:
        click.echo(f"withdrawn {claim_id}")
    if found.unknown:
        click.echo(f"publish: cannot compare with the published site: {found.unknown}", err=True)
    elif found.publish:
        click.echo(f"publish: {len(found.due)} fact-check(s) to add, {len(found.withdrawn)} to take down", err=True)
    else:
        click.echo(f"up to date: the published site shows the {found.shown} fact-check(s) public now", err=True)
    ctx.exit(0 if found.publish else 1)
