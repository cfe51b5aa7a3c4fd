"""`factcheck check-links`: every source and archive link requested once."""

from __future__ import annotations

import click

from generator.cli.common import (
    open_project,
    show,
    summarise,
)


@click.command("check-links")
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 300),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="Time allowed for each URL, redirects included.",
)
@click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True, help="URLs checked at once.")
@click.option(
    "--max-time",
    type=click.FloatRange(1, 86400),
    default=None,
    metavar="SECONDS",
    help="Stop the whole run after this long (default: enough for every URL to use its timeout).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for workflow annotations.",
)
@click.pass_context
def check_links(ctx: click.Context, timeout: float, concurrency: int, max_time: float | None, fmt: str) -> None:
    """Request every source, article, appearance and people link once and report the dead ones.

    Needs the network, so `build` never runs it. Exits 0 when every link answers,
    1 when a link is dead or unreachable (or the content has errors).
    """
    from generator.tasks.linkcheck import LinkOptions
    from generator.tasks.linkcheck import check_links as run_check_links

    report = run_check_links(open_project(ctx), LinkOptions(timeout=timeout, concurrency=concurrency, max_time=max_time))
    show(report.diagnostics, fmt)
    if not report.valid:
        click.echo(
            "links not checked: the content has errors (" + summarise(report.diagnostics) + "); run factcheck validate", err=True
        )
    elif fmt == "text":
        click.echo(
            ("dead links: " if not report.ok else "ok: ")
            + f"{report.checked} URL(s) in {report.links} link(s) checked, "
            + summarise(report.diagnostics),
            err=True,
        )
    ctx.exit(0 if report.ok else 1)
