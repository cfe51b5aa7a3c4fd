"""`factcheck schema`: the JSON Schemas editors' tools read."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the JSON Schemas into (relative to the project).",
)
@click.pass_context
def schema(ctx: click.Context, output: Path) -> None:
    """Write a JSON Schema per record kind (site, person, article, claim, page)."""
    from generator.content.schema import schema_documents

    root = Path(ctx.obj["project"])
    target = output if output.is_absolute() else root / output
    target.mkdir(parents=True, exist_ok=True)
    for name, text in schema_documents().items():
        (target / name).write_text(text, encoding="utf-8")
        click.echo(target / name)
