"""`factcheck validate`: every record checked, every problem at once."""

from __future__ import annotations

import click

from generator.cli.common import (
    clock_option,
    has_errors,
    open_project,
    parse_clock,
    show,
    sort_diagnostics,
    strict_option,
    summarise,
)


@click.command()
@strict_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for workflow annotations.",
)
@clock_option
@click.option(
    "--since",
    metavar="REF",
    help="Require a correction for published fact-checks changed since this git "
    "revision (default: the merge base with origin/main or main, when there is one).",
)
@click.pass_context
def validate(ctx: click.Context, strict: bool, fmt: str, clock: str | None, since: str | None) -> None:
    """Check every record, and the project's own templates, and report all problems at once.

    Exits 0 when the content is valid, 1 on errors (or warnings with --strict),
    2 when --since cannot be used (no git, or an unknown revision).
    """
    from generator.content.history import HistoryError, check_history
    from generator.engine.validation import validate_project

    project = open_project(ctx)
    now = parse_clock(clock)
    try:
        changes = check_history(project, since, now)
    except HistoryError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from None
    diagnostics = validate_project(project, now)
    diagnostics = sort_diagnostics([*diagnostics, *changes])
    show(diagnostics, fmt)
    failed = has_errors(diagnostics, strict)
    if fmt == "text":
        click.echo(("invalid: " if failed else "ok: ") + summarise(diagnostics), err=True)
    ctx.exit(1 if failed else 0)
