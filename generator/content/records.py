"""Read one record file into a validated model, mapping every problem to file, line and column.

Knows YAML positions and pydantic errors; knows nothing of other records (see checks.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from generator.content.files import decode
from generator.content.models import Page, Record
from generator.content.positions import Positions
from generator.content.yamlfile import Document, LazyPositions, is_yaml11_trap, parse_yaml
from generator.core.diagnostics import Diagnostic, did_you_mean, error
from generator.core.values import printable

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

R = TypeVar("R", bound=Record)

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)

_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "empty_text": "empty-value",
    "control_character": "control-character",
    "url_invalid": "bad-url",
    "url_scheme": "bad-url",
    "url_credentials": "bad-url",
    "url_site": "bad-url",
    "contact_invalid": "bad-contact",
    "colour_missing": "bad-colour",
    "colour_format": "bad-colour",
    "theme_path": "bad-path",
    "slug": "bad-slug",
    "date_invalid": "bad-date",
    "date_type": "bad-date",
    "datetime_naive": "bad-date",
    "string_too_long": "too-long",
    "too_long": "too-long",
    "too_short": "too-few",
    "literal_error": "bad-choice",
}


def read_record(raw: bytes, path: str, model: type[R]) -> tuple[R | None, Document | None, list[Diagnostic]]:
    """Bytes of a YAML record to (model, parsed document) or diagnostics.

    The document is returned even when validation fails, so other checks can still read it. The
    positions of a document that parsed cleanly are worked out only when first asked for.
    """
    text, problems = decode(raw, path)
    if text is None:
        return None, None, problems
    doc, problems = parse_yaml(text, path)
    if doc is None:
        return None, None, problems
    record, _, problems = validate_document(doc, path, model)
    return record, doc, problems


def read_page(raw: bytes, path: str) -> tuple[Page | None, Positions | LazyPositions | None, str, int, list[Diagnostic]]:
    """A Markdown page: front matter validated as `Page`, plus the body and its first line."""
    text, problems = decode(raw, path)
    if text is None:
        return None, None, "", 1, problems
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return (
            None,
            None,
            "",
            1,
            [
                error(
                    path,
                    1,
                    1,
                    "no-front-matter",
                    "a page starts with YAML front matter between two '---' lines",
                    "add at the top:\n    ---\n    title: Tentang kami\n    ---",
                )
            ],
        )
    doc, problems = parse_yaml(match.group(1) or "", path, line_offset=1)
    if doc is None:
        return None, None, "", 1, problems
    body_line = text.count("\n", 0, match.end()) + 1
    page, positions, problems = validate_document(doc, path, Page)
    return page, positions, text[match.end() :], body_line, problems


def validate_document(doc: Document, path: str, model: type[R]) -> tuple[R | None, Positions | LazyPositions, list[Diagnostic]]:
    if not isinstance(doc.data, dict):
        line, column = doc.positions.value_at(())
        kind = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        return (
            None,
            doc.positions,
            [error(path, line, column, "not-a-mapping", f"a record is a list of 'key: value' lines, but this file is {kind}")],
        )
    try:
        return model.model_validate(doc.data), doc.positions, []
    except ValidationError as exc:
        return None, doc.positions, [_diagnostic(path, doc, model, item) for item in exc.errors(include_url=False)]


def _diagnostic(path: str, doc: Document, model: type[Record], item: ErrorDetails) -> Diagnostic:
    loc = _data_loc(doc.data, item["loc"])
    kind = item["type"]
    code = _CODES.get(kind, "invalid-value")
    name = printable(_dotted(loc))  # keys are editor text: possibly huge or with bidi overrides
    hint = ""
    if kind == "missing":
        line, column = doc.positions.value_at(loc[:-1]) if len(loc) > 1 else (1, 1)
        message = f"required field '{name}' is missing"
        hint = f"add a line '{loc[-1]}: …'"
    elif kind == "extra_forbidden":
        line, column = doc.positions.key_at(loc)
        message = f"unknown field '{name}'"
        hint = did_you_mean(str(loc[-1]), _fields_at(model, loc[:-1]))
        if not hint:
            hint = "remove it; allowed here: " + ", ".join(_fields_at(model, loc[:-1]))
    else:
        line, column = doc.positions.value_at(loc)
        value = _value_at(doc.data, loc)
        scalar = doc.positions.scalar_at(loc)
        message = f"'{name}': {_plain_message(item)}" if name else _plain_message(item)
        if kind.endswith("_type") and is_yaml11_trap(value, scalar):
            assert scalar is not None  # no trap without what the editor typed
            code = "yaml-trap"
            message = f"'{name}': YAML read '{printable(scalar.text)}' as {type(value).__name__}, not as text"
            hint = f'quote the value: {printable(str(loc[-1]))}: "{printable(scalar.text)}"'
        elif kind == "literal_error":
            choices = _literal_choices(model, loc)
            hint = did_you_mean(str(value), choices) or "choose one of: " + ", ".join(choices)
    return error(path, line, column, code, message, hint)


def _plain_message(item: ErrorDetails) -> str:
    kind, msg = item["type"], item["msg"]
    if kind in ("string_too_long", "too_long") and isinstance(item.get("input"), str):
        return f"{len(item['input'])} characters is too long; the limit is {item['ctx']['max_length']}"
    if kind == "too_short":
        return "needs at least one entry"
    if kind.endswith("_type"):
        return msg[0].lower() + msg[1:].replace("Input should be", "should be")
    if kind in _CODES or kind.startswith(("url", "date")):
        return msg
    return msg[0].lower() + msg[1:]


def _data_loc(data: Any, loc: tuple) -> tuple:
    """Keep only the parts of a pydantic `loc` that address real data (drops union tags)."""
    out: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and (part in node or part == loc[-1]):
            out.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            out.append(part)
            node = node[part] if 0 <= part < len(node) else None
    return tuple(out)


def _value_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = _inner_model(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    found = _model_at(model, loc)
    return sorted(found.model_fields) if found else []


def _literal_choices(model: type[BaseModel], loc: tuple) -> list[str]:
    owner = _model_at(model, loc[:-1])
    field = owner.model_fields.get(str(loc[-1])) if owner and loc else None
    return [a for a in get_args(field.annotation) if isinstance(a, str)] if field else []
