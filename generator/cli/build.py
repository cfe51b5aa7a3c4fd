"""`factcheck build`: validate, then render the site into site/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.common import (
    ProgressBar,
    clock_option,
    open_project,
    parse_clock,
    show,
    strict_option,
    summarise,
)
from generator.core.project import ProjectError


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: site/ in the project).",
)
@click.option(
    "--drafts",
    is_flag=True,
    help="A preview with drafts and scheduled fact-checks: every page says so and is noindex; feeds and open data leave drafts out.",
)
@click.option("--base-url", metavar="URL", help="Public address of the site, overriding site.yaml.")
@clock_option
@strict_option
@click.option("--timings", is_flag=True, help="Print the seconds spent in each stage of the build.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write .factcheck-cache/: a full build from the files alone.")
@click.pass_context
def build(
    ctx: click.Context,
    output: Path | None,
    drafts: bool,
    base_url: str | None,
    clock: str | None,
    strict: bool,
    timings: bool,
    no_cache: bool,
) -> None:
    """Validate, then render the whole site into site/ (or -o DIR).

    Exits 0 when the site was written, 1 when nothing was written: errors in the content or
    templates, a full disk, or another build writing the same folder. The previous site stays as it was.
    """
    from generator.engine.build import BuildOptions, build_site

    project = open_project(ctx)
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("must start with http:// or https://", param_hint="--base-url") from None
    try:
        out = project.check_output(output if output is not None else project.default_output)
    except ProjectError as exc:
        raise click.UsageError(str(exc)) from None
    bar = ProgressBar("rendering") if sys.stderr.isatty() else None
    options = BuildOptions(
        output=out, drafts=drafts, base_url=base_url, clock=parse_clock(clock), strict=strict, cache=not no_cache, progress=bar
    )
    try:
        result = build_site(project, options)
    finally:
        if bar is not None:
            bar.close()
    show(result.diagnostics, quiet_notes=False)
    if not result.ok:
        click.echo("build failed: " + summarise(result.diagnostics) + "; the previous site was left as it was", err=True)
        ctx.exit(1)
    click.echo(
        f"built {result.output}: {result.written} written, {result.unchanged} unchanged, "
        f"{result.removed} removed in {result.seconds:.2f}s",
        err=True,
    )
    if timings:
        stages = ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in result.timings.items())
        click.echo(f"stages: {stages or 'none (nothing had changed)'}", err=True)
        if result.peaks:
            peaks = ", ".join(f"{stage} {mb:.0f}" for stage, mb in result.peaks.items())
            click.echo(f"peak memory (MB) after: {peaks}", err=True)
