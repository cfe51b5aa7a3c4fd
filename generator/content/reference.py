"""The field reference of every record kind, as Markdown generated from the models.

`python -m generator.content.reference README.md` refreshes the block between the markers in the README.
"""

from __future__ import annotations

import sys
import types
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from generator.content.fields import Contact, Day, LanguageTag, SiteAddress, Slug, Text, Timestamp, Url
from generator.content.models import (
    Appearance,
    Article,
    Claim,
    Correction,
    DataLicense,
    Funder,
    Page,
    Person,
    Publisher,
    Site,
    Source,
    Update,
    Verdict,
)
from generator.content.theme import Colour, Colours, Footer, Link, Logo, Theme, ThemeFile

START = "<!-- field-reference:start -->"
END = "<!-- field-reference:end -->"

NAMED_TYPES = [
    (Url, "URL"),
    (SiteAddress, "URL"),
    (Contact, "e-mail, URL or page"),
    (Colour, "colour"),
    (ThemeFile, "file"),
    (Slug, "id"),
    (Day, "date"),
    (Timestamp, "date or date-time"),
    (Text, "text"),
    (LanguageTag, "language tag"),
]

SECTIONS: list[tuple[str, type[BaseModel]]] = [
    ("`content/site.yaml`", Site),
    ("`publisher` (in site.yaml)", Publisher),
    ("`data_license` (in site.yaml)", DataLicense),
    ("`scale` entries (in site.yaml)", Verdict),
    ("`theme` (in site.yaml)", Theme),
    ("`theme.logo`", Logo),
    ("`theme.colours` and `theme.dark_colours`", Colours),
    ("`theme.navigation` and `theme.footer.links` entries", Link),
    ("`theme.footer`", Footer),
    ("`content/people/<id>.yaml`", Person),
    ("`content/articles/<id>.yaml`", Article),
    ("`content/claims/<id>.yaml`", Claim),
    ("`sources` entries (in a claim)", Source),
    ("`appearances` entries (in a claim)", Appearance),
    ("`corrections` entries (in a claim)", Correction),
    ("`updates` entries (in a claim)", Update),
    ("front matter of `content/pages/<slug>.md`", Page),
    ("`funders` entries (in the funding page's front matter)", Funder),
]


def type_name(annotation: typing.Any) -> str:
    """A reader's name for a field type: 'URL', 'list of id', 'date or date-time'…"""
    for alias, name in NAMED_TYPES:
        if annotation == alias:
            return name
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_name(a) for a in args)
    if origin is list:
        return f"list of {type_name(args[0])}"
    if origin is dict:
        return f"map of {type_name(args[0])} to {type_name(args[1])}"
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__.lower()
    return {"str": "text", "int": "number", "bool": "true/false"}.get(getattr(annotation, "__name__", ""), str(annotation))


def field_type(field: typing.Any) -> str:
    # pydantic moves the outermost Annotated metadata onto the field; put it back to recognise the alias.
    annotation = typing.Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
    return type_name(annotation)


def render_reference() -> str:
    lines: list[str] = []
    for title, model in SECTIONS:
        lines += [f"#### {title}", "", "| field | required | type | meaning |", "|---|---|---|---|"]
        for name, field in model.model_fields.items():
            required = "yes" if field.is_required() else "no"
            default = field.default
            if (
                not field.is_required()
                and default not in (None, PydanticUndefined, False, "")
                and not isinstance(default, (list, dict))
            ):
                required = f"no (default `{default}`)"
            description = (field.description or "").replace("|", "\\|")
            lines.append(f"| `{name}` | {required} | {field_type(field)} | {description} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def refresh(readme: Path) -> bool:
    """Rewrite the reference block in `readme`; True when the file changed."""
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{render_reference()}{END}{tail}"
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        print(("updated " if refresh(Path(argument)) else "unchanged ") + argument)
