"""The `factcheck` command line: Click only. One module per command, each parsing its options, calling one
core function, printing what comes back and picking the exit code.

Exit codes: 0 success, 1 content errors (or warnings with --strict), 2 usage errors,
3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import os
import sys

import click

from generator import __version__
from generator.cli import audit, build, check_links, due, export, importer, init, messages, new, schema, serve, validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "--project",
    "project",
    default=".",
    metavar="DIR",
    show_default=True,
    help="The project folder (the one holding content/).",
)
@click.version_option(__version__, prog_name="factcheck", message="%(prog)s %(version)s (the Python package factcheck-ssg)")
@click.pass_context
def cli(ctx: click.Context, project: str) -> None:
    """factcheck: validate fact-check records and publish them as a static site."""
    ctx.obj = {"project": project}


for command in (
    validate.validate,
    schema.schema,
    build.build,
    new.new,
    check_links.check_links,
    serve.serve,
    audit.audit,
    export.export,
    init.init,
    due.due,
    importer.import_command,
    messages.messages,
):
    cli.add_command(command)


def main() -> None:
    try:
        cli.main(prog_name="factcheck")
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug, not a content problem: one line, no traceback unless asked
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        click.echo(f"factcheck: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("this is a bug in factcheck; rerun with FACTCHECK_DEBUG=1 for details and report it", err=True)
        sys.exit(3)
