"""`factcheck messages`: the interface's texts, for a desk translating it into its own language."""

from __future__ import annotations

import re
from pathlib import Path

import click

from generator.cli.common import show

LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


@click.group()
def messages() -> None:
    """The texts of the interface (menus, headings, labels) and their translations."""


@messages.command("export")
@click.option(
    "--language",
    metavar="LANG",
    default=None,
    help="Write a catalogue for this language (a BCP 47 tag such as es or pt-BR) instead of a template.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (default: standard output). An existing catalogue there keeps its translations.",
)
@click.pass_context
def export(ctx: click.Context, language: str | None, output: Path | None) -> None:
    """Write every interface text (the msgids of the templates, the project's own included) as a gettext
    catalogue: a template (.pot) without --language; with it, a .po for that language holding the
    translations the site has now. Save it as locale/LANG.po in the project and translate each msgstr.

    Run it again after upgrading factcheck: translations already in the output file are kept, new texts
    come in empty, and texts no longer used are kept as obsolete (#~) entries.

    Exits 0 when the catalogue was written, 1 when the existing output file cannot be read as a catalogue
    (nothing is written), 2 on a bad option.
    """
    from generator.core.project import Project, ProjectError
    from generator.tasks.messages import MessagesError, export_catalogue

    if language is not None and not LANGUAGE_TAG.fullmatch(language):
        raise click.BadParameter(f"'{language}' is not a language tag such as es or pt-BR", param_hint="--language")
    try:  # outside a project the built-in theme's texts are exported alone
        project: Project | None = Project.at(ctx.obj["project"])
    except ProjectError:
        if ctx.obj["project"] != ".":
            raise click.UsageError(f"project folder '{ctx.obj['project']}' is not a factcheck project") from None
        project = None
    existing = output.read_bytes() if output is not None and output.is_file() else None
    shown = output.as_posix() if output is not None else ""
    try:
        data = export_catalogue(project, language, existing, shown)
    except MessagesError as exc:
        show(exc.problems)
        click.echo(f"not exported: {shown} is not a readable catalogue; fix it or choose another -o", err=True)
        ctx.exit(1)
    if output is None:
        click.echo(data, nl=False)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    except OSError as exc:
        raise click.BadParameter(f"cannot write {output}: {exc.strerror or exc}", param_hint="-o") from None
    click.echo(f"exported the interface texts{f' for {language}' if language else ''} to {output}", err=True)
