"""`factcheck new`: start a claim, article, person or page from a commented skeleton."""

from __future__ import annotations

import click

from generator.cli.common import (
    clock_option,
    open_project,
    parse_clock,
    show,
)

NEW_OPTIONS = (  # answers a script can give instead of typing them: (flag, answer name, help)
    ("--title", "title", "Claim, article or page: its title."),
    ("--claimant", "claimant", "Claim: who made it (id from content/people/)."),
    ("--verdict", "verdict", "Claim: a verdict id from the scale in site.yaml."),
    ("--authors", "authors", "Claim: the fact-checkers' ids, separated by commas."),
    ("--claim-date", "claim_date", "Claim: when it was made, YYYY-MM-DD (default: today)."),
    ("--article", "article", "Claim: the article it appeared in (id from content/articles/)."),
    ("--publisher", "publisher", "Article: the outlet (id from content/people/)."),
    ("--published", "published", "Article: its date, YYYY-MM-DD."),
    ("--url", "url", "Article: its address, when known."),
    ("--name", "name", "Person: the full name."),
    ("--kind", "person_kind", "Person: person or organization (default: person)."),
    ("--description", "description", "Person or page: one line on who or what it is."),
    ("--role", "role", "Page: what it is for, e.g. about (default: other)."),
)


def _new_options(command):
    for flag, name, text in reversed(NEW_OPTIONS):
        command = click.option(flag, name, metavar="TEXT", help=text)(command)
    return command


def _ask(text: str, default: str | None, check):
    """Prompt until `check` accepts the answer; its complaint is shown before asking again."""
    from generator.tasks.scaffold import ScaffoldError

    def value_proc(answer: str):
        try:
            return check(answer)
        except ScaffoldError as exc:
            raise click.UsageError(str(exc)) from None

    return click.prompt(text, default=default, value_proc=value_proc, show_default=bool(default))


@click.command()
@click.argument("kind", type=click.Choice(["claim", "article", "person", "page"]))
@click.argument("record_id", metavar="[ID]", required=False)
@_new_options
@click.option("--no-input", is_flag=True, help="Never prompt: use the options and defaults, leave the rest to fill.")
@clock_option
@click.pass_context
def new(ctx: click.Context, kind: str, record_id: str | None, no_input: bool, clock: str | None, **given: str | None) -> None:
    """Start a new claim, article, person or page from a commented skeleton.

    Asks for the essentials (or takes them as options), writes content/<folder>/ID.yaml
    (pages: ID.md), prints its path and the fields still to fill. Exits 0 when the file
    was written, 1 when it exists already (it is never overwritten), 2 on a bad answer.
    """
    from generator.tasks import scaffold

    project = open_project(ctx)
    try:
        context = scaffold.read_context(project, parse_clock(clock))
        record_id, answers = scaffold.gather(context, kind, record_id, given, None if no_input else _ask)
        result = scaffold.create(context, kind, record_id, answers)
    except scaffold.AlreadyExists as exc:
        click.echo(f"not written: {exc}", err=True)
        ctx.exit(1)
    except scaffold.BadAnswer as exc:
        raise click.BadParameter(str(exc), param_hint=next(f for f, name, _ in NEW_OPTIONS if name == exc.name)) from None
    except scaffold.ScaffoldError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(result.path)
    if result.to_fill:
        click.echo("still to fill: " + ", ".join(f"{name} (line {line})" for name, line in result.to_fill), err=True)
    show(result.problems)
    click.echo(f"next: open {result.path}, fill it in, then run: factcheck validate", err=True)
