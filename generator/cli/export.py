"""`factcheck export`: the open data, without building the site."""

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
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "claimreview"]),
    default="json",
    show_default=True,
    help="json: api/claims.json; csv: claims.csv; claimreview: the schema.org DataFeed (claimreview.json).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Write to this file (default: standard output).",
)
@click.option("--base-url", metavar="URL", help="Public address of the site, overriding site.yaml.")
@clock_option
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, base_url: str | None, clock: str | None) -> None:
    """Write the open data of every published fact-check, exactly as the site publishes it, without building.

    Exits 0 when the data was written, 1 when the content has errors (nothing is written),
    2 on a bad option or an output file that cannot be written.
    """
    from generator.outputs.opendata import export_data

    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("must start with http:// or https://", param_hint="--base-url") from None
    data, diagnostics = export_data(open_project(ctx), fmt, parse_clock(clock), base_url)
    show(diagnostics)
    if data is None:
        click.echo("not exported: the content has errors (" + summarise(diagnostics) + "); run factcheck validate", err=True)
        ctx.exit(1)
    if output is None:
        click.echo(data, nl=False)  # bytes go to the binary stream as they are
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise click.BadParameter(f"cannot write {output}: {exc.strerror or exc}", param_hint="-o") from None
    click.echo(f"exported {fmt} to {output}", err=True)
