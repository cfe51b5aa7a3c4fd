"""`factcheck init`: start a new site in an empty folder."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.common import clock_option, parse_clock, show

INIT_OPTIONS = (  # (flag, answer name, help)
    ("--name", "title", "The site's name (default: Fact Check)."),
    ("--language", "language", "Its language, a BCP 47 tag such as en or id (default: en)."),
    ("--timezone", "timezone", "Its IANA time zone (default: Asia/Jakarta for Indonesian, else UTC)."),
    ("--base-url", "base_url", "Its public address (default: https://example.org/)."),
    ("--publisher", "publisher", "The organisation that publishes it (default: the site's name)."),
    ("--publisher-url", "publisher_url", "The publisher's home page (default: the public address)."),
    ("--scale", "scale", "A rating scale preset (default: lima-tingkat for Indonesian, else five-step)."),
)


def _init_options(command):
    for flag, name, text in reversed(INIT_OPTIONS):
        command = click.option(flag, name, metavar="TEXT", help=text)(command)
    return command


def _ask(text: str, default: str, check):
    from generator.tasks.newsite import BadAnswer

    def value_proc(answer: str):
        try:
            return check(answer)
        except BadAnswer as exc:
            raise click.UsageError(str(exc)) from None

    return click.prompt(text, default=default, value_proc=value_proc)


@click.command()
@click.argument("folder", metavar="[DIR]", required=False, type=click.Path(path_type=Path))
@_init_options
@click.option("--no-input", is_flag=True, help="Never prompt: take the options, and the defaults for the rest.")
@click.option("--force", is_flag=True, help="Start in a folder that is not empty: write only the files it lacks.")
@clock_option
@click.pass_context
def init(ctx: click.Context, folder: Path | None, no_input: bool, force: bool, clock: str | None, **given: str | None) -> None:
    """Start a new site in DIR (default: the -C folder, else the current one).

    Asks for the site's name, language, time zone, public address, publisher and rating
    scale (or takes them as options; --no-input takes the defaults for the rest), then
    writes content/ with the pages a fact-check desk publishes, an example fact-check as
    a draft, the GitHub workflows, the pre-commit config, requirements.txt and a README.
    A file that exists is never overwritten. Exits 0 when the site was written, 1 when
    DIR is not empty (nothing is written), 2 on a bad answer.
    """
    from generator.tasks import newsite

    target = folder if folder is not None else Path(ctx.obj["project"])
    try:
        answers = newsite.gather(given, None if no_input else _ask)
        result = newsite.start_site(target, answers, parse_clock(clock), force)
    except newsite.NotEmpty as exc:
        click.echo(f"not written: {exc}", err=True)
        ctx.exit(1)
    except newsite.BadAnswer as exc:
        hint = next(f for f, name, _ in INIT_OPTIONS if name == exc.name)
        raise click.BadParameter(str(exc), param_hint=hint) from None
    except newsite.NewSiteError as exc:
        raise click.UsageError(str(exc)) from None
    for rel in result.written:
        click.echo(rel)
    for rel in result.kept:
        click.echo(f"kept (exists already, not overwritten): {rel}", err=True)
    show(result.problems)
    where = "" if target.resolve() == Path.cwd() else f"cd {target} && "
    click.echo(
        f"started '{answers.title}' in {target}: {len(result.written)} file(s) written\n"
        f"next: {where}factcheck serve   (then replace each [[…]] in content/pages/; factcheck audit lists them)",
        err=True,
    )
