"""`factcheck import`: bring fact-checks published elsewhere into content/ as records."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.common import open_project


def _ask(label: str, verdicts: list[str]) -> str | None:
    """Asked once per rating text the scale does not know; Enter skips the items with it."""
    choice = click.Choice([*verdicts, ""])
    answer = click.prompt(
        f"Rating '{label}' is not on the scale. Which verdict is it? ({', '.join(verdicts)}; Enter to skip)",
        default="",
        show_default=False,
        type=choice,
        err=True,
    )
    return answer or None


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE_OR_FOLDER...")
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="RATING=VERDICT",
    help='Map a rating text onto a verdict id of the scale, e.g. --map "Keliru=salah". Repeatable.',
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="HEADING=COLUMN",
    help='For a CSV whose headings differ: which column a heading holds, e.g. --column "Putusan=rating"; '
    '--column "Catatan=" ignores a heading. Repeatable.',
)
@click.option("--no-input", is_flag=True, help="Never prompt: items whose rating cannot be mapped are reported, not imported.")
@click.pass_context
def import_command(
    ctx: click.Context, paths: tuple[Path, ...], maps: tuple[str, ...], columns: tuple[str, ...], no_input: bool
) -> None:
    """Import fact-checks from ClaimReview JSON-LD, saved HTML pages or a CSV.

    FILE_OR_FOLDER is a JSON file (a ClaimReview DataFeed such as a factcheck site's
    claimreview.json, one ClaimReview, an array or an @graph), an HTML page, a folder of
    saved HTML pages (its own .html/.htm files), or a CSV with the columns the README lists
    (or other headings, named with --column).
    Writes content/claims/ID.yaml and content/people/ID.yaml; never overwrites a file.
    Exits 0 when every item was imported, 1 when some were not (each is listed with the
    reason), 2 on a usage error.
    """
    from generator.tasks.importer.run import ImportUsageError, import_files

    project = open_project(ctx)
    try:
        report = import_files(project, list(paths), list(maps), None if no_input else _ask, list(columns))
    except ImportUsageError as exc:
        raise click.UsageError(str(exc)) from None
    for path in report.people:
        click.echo(f"person: {path}")
    drafts = dict(report.drafts)
    for path in report.written:
        click.echo(f"claim: {path}" + (" (draft)" if path in drafts else ""))
    for path, fields in report.drafts:
        click.echo(f"{path}: draft; still to fill: {', '.join(fields)}", err=True)
    for origin, reason in report.not_imported:
        click.secho(f"{origin}: not imported: {reason}", fg="yellow", err=True)
    click.echo(
        f"imported {len(report.written)} fact-check(s) ({len(report.drafts)} draft(s)), {len(report.people)} new person(s); "
        f"{len(report.not_imported)} not imported. next: factcheck validate",
        err=True,
    )
    if not report.ok:
        ctx.exit(1)
