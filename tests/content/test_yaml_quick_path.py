"""The quick ways of reading a record give exactly what the full ways give.

`yamlquick.quick_load` (no positions, gives up on anything unusual) against the full builder
`parse_with_positions`; the lazily computed positions against the eager ones; the URL shape that
skips `urlsplit` and the text check's shortcuts against the full checks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from generator.content import fields as models
from generator.content.models import Claim, Person
from generator.content.positions import Positions
from generator.content.records import read_page, read_record
from generator.content.yamlfile import LazyPositions, parse_with_positions, parse_yaml
from generator.content.yamlquick import MAX_DEPTH, MAX_NODES, UNUSUAL, quick_load
from tests.conftest import BASE_FILES, CLAIM_YAML

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
PATH = "content/claims/x.yaml"


def positions_state(positions: Positions | LazyPositions) -> tuple:
    if isinstance(positions, LazyPositions):
        positions = positions._positions()
    return (positions.line_offset, positions.values, positions.keys, {k: (v.text, v.style) for k, v in positions.scalars.items()})


def assert_same_reading(text: str, line_offset: int = 0) -> bool:
    """parse_yaml (quick path first) gives what the full builder gives; True when the quick path took it."""
    quick = quick_load(text)
    full_doc, full_problems = parse_with_positions(text, PATH, line_offset)
    if quick is not UNUSUAL:
        assert full_problems == [] and full_doc is not None, text
        # repr: 1 == 1.0 == True, but the model must see the same types
        assert repr(quick) == repr(full_doc.data), text
    doc, problems = parse_yaml(text, PATH, line_offset)
    assert problems == full_problems, text
    assert (doc is None) == (full_doc is None)
    if doc is not None:
        assert repr(doc.data) == repr(full_doc.data), text
        assert positions_state(doc.positions) == positions_state(full_doc.positions), text
    return quick is not UNUSUAL


# ------------------------------------------------------------------ generated YAML

TRICKY = [
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "~",
    "null",
    "NULL",
    "",
    "0x1F",
    "0o17",
    "017",
    "08",
    "1_000",
    "1:30",
    "190:20:30",
    "1e3",
    "1.5e+3",
    "1.0",
    ".5",
    "-.INF",
    ".nan",
    "+1",
    "-0",
    "0b101",
    "9" * 25,
    "1e999",
    "2021-02-30",
    "2021-04-15",
    "0000-01-01",
    "9999-12-31",
    "2021-4-5",
    "2021-04-15T10:00:00+07:00",
    "2021-04-15 10:00:00",
    "2021-04-15t1:00:00Z",
    "2021-04-15T10:00:00.1234567-05",
    "2021-04-15T25:00:00Z",
    "2021-13-01",
    "2021-02-29",
    "2024-02-29",
    "<<",
    "=",
    "true",
    "False",
    "tRue",
    "Yes",
    "abc",
    "a b",
    "https://x.org/a",
    "2021-04-15x",
    "12021-04-15",
    "-2021-04-15",
    "é",
    "[@x]",
]
KEYS = ["title", "url", "id", "a", "2021", "no", "yes", "1.5", "null", "true", "tags", "published", *(f"k{i}" for i in range(6))]


@st.composite
def clean_scalars(draw) -> str:
    value = draw(
        st.sampled_from(TRICKY)
        | st.text(alphabet="abcnoyeTFx0123456789-:._ +é", max_size=12)
        | st.dates().map(str)
        | st.datetimes(timezones=st.none() | st.timezones()).map(lambda d: d.isoformat(draw(st.sampled_from("T t "))))
    )
    style = draw(st.sampled_from(["plain"] * 6 + ["single", "double", "bang"]))
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "! " + value if style == "bang" else value


@st.composite
def clean_documents(draw, indent: int = 0, depth: int = 0) -> str:
    """Block YAML without tags, anchors or duplicates: what the quick path must take, and get right."""
    kind = draw(st.sampled_from(["map", "map", "seq"])) if depth else "map"
    lines = []
    for key in draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=5, unique=True)):
        shape = draw(st.sampled_from(["scalar"] * 4 + ["flow", "nested", "empty"])) if depth < 4 else "scalar"
        if shape == "scalar":
            value = " " + draw(clean_scalars())
        elif shape == "empty":
            value = ""
        elif shape == "flow":
            value = " [" + ", ".join(draw(st.lists(clean_scalars(), max_size=3))) + "]"
        else:
            value = "\n" + draw(clean_documents(indent + 2, depth + 1))
        lines.append(" " * indent + (f"{key}:" if kind == "map" else "-") + value)
    return "\n".join(lines)


@st.composite
def unusual_documents(draw, indent: int = 0, depth: int = 0) -> str:
    """Tags, anchors, aliases, merge keys, duplicate and odd keys: what the quick path must give up on, or get right."""
    kind = draw(st.sampled_from(["map", "map", "seq"]))
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        shape = draw(st.sampled_from(["scalar", "scalar", "alias", "flow", "nested"])) if depth < 3 else "scalar"
        tag = draw(
            st.sampled_from(["", "", "", "!!str ", "!!int ", "! ", "!x ", "!!timestamp ", "!!bool ", "!!binary ", "!!map "])
        )
        anchor = draw(st.sampled_from(["", "", "&a ", "&b "]))
        if shape == "scalar":
            value = " " + anchor + tag + draw(clean_scalars())
        elif shape == "alias":
            value = " *" + draw(st.sampled_from("abc"))
        elif shape == "flow":
            value = " " + anchor + "[" + ", ".join(draw(st.lists(clean_scalars(), max_size=3))) + "]"
        else:
            value = " " + anchor + "\n" + draw(unusual_documents(indent + 2, depth + 1))
        key = draw(st.sampled_from(KEYS[:4] + ["<<", "'<<'", "? [a]", "!!str 1", "a"]))
        lines.append(" " * indent + (f"{key}:" if kind == "map" else "-") + value)
    return "\n".join(lines)


@FUZZ
@given(clean_documents())
def test_quick_reading_equals_full_reading_on_plain_records(text):
    assert_same_reading(text + "\n")


@FUZZ
@given(unusual_documents())
def test_quick_reading_equals_full_reading_on_unusual_records(text):
    assert_same_reading(text + "\n")


@FUZZ
@given(st.text(alphabet=" \n-:[]{},&*!|>'\"#?<=~0123456789abcnoyeTFx.\t\\%@`\x00\x85\u2028\ufeff", max_size=60))
def test_quick_reading_equals_full_reading_on_garbage(text):
    assert_same_reading(text)


@FUZZ
@given(clean_documents(), st.integers(0, 3))
def test_front_matter_positions_keep_their_offset(text, offset):
    assert_same_reading(text + "\n", offset)


def test_the_quick_path_takes_every_ordinary_file():
    """If it stopped doing so, reading would silently become slow again."""
    for rel, text in BASE_FILES.items():
        if rel.endswith(".yaml"):
            assert assert_same_reading(text), rel
    repo_content = Path(__file__).resolve().parents[2] / "content"
    for path in sorted(repo_content.rglob("*.yaml")):
        assert assert_same_reading(path.read_text(encoding="utf-8")), path


UNUSUAL_CASES = {
    "duplicate key": CLAIM_YAML + "verdict: benar\n",
    "merge key": "a: &x {b: 1}\nc:\n  <<: *x\n",
    "tag": "title: !!str 2021\n",
    "custom tag": "title: !x y\n",
    "tagged mapping": "a: !!map {b: 1}\n",
    "sequence key": "? [a]\n: 1\n",
    "mapping key": "{a: 1}: 1\n",
    "tagged key": "!!str 1: a\n",
    "several documents": "a: 1\n---\nb: 2\n",
    "syntax": "a: [1\n",
    "tab": "a:\n\tb: 1\n",
    "control character": "a: \x01\n",
    "a list": "- a\n",
    "a bare value": "hello\n",
    "empty": "",
    "too deep": "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
    "too many values": "a: [" + ", ".join(["1"] * MAX_NODES) + "]\n",
    "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
}


@pytest.mark.parametrize("text", UNUSUAL_CASES.values(), ids=UNUSUAL_CASES.keys())
def test_the_quick_path_gives_up_on_what_only_the_full_builder_reports(text):
    assert quick_load(text) is UNUSUAL
    assert not assert_same_reading(text)


def test_aliases_are_expanded_as_the_full_builder_expands_them():
    text = "a: &x [1, {b: 2021-04-15}]\nc: *x\nd: &y plain\ne: *y\n"
    assert quick_load(text) == {
        "a": [1, {"b": quick_load("b: 2021-04-15\n")["b"]}],
        "c": [1, {"b": quick_load("b: 2021-04-15\n")["b"]}],
        "d": "plain",
        "e": "plain",
    }
    assert assert_same_reading(text)


def test_a_document_at_the_limits_still_takes_the_quick_path():
    deepest = "a: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n"
    most = "a: [" + ", ".join(["1"] * (MAX_NODES - 2)) + "]\n"  # the root and 'a' are values too
    assert assert_same_reading(deepest)
    assert assert_same_reading(most)


@pytest.mark.parametrize(
    "text", ["name: !!timestamp yes\nkind: person\n", "name: !!bool maybe\nkind: person\n", "name: !!int abc\nkind: person\n"]
)
def test_a_tag_that_does_not_fit_its_value_leaves_the_text(text):
    """PyYAML's constructors raise KeyError or AttributeError on these; the reader must not crash."""
    record, _doc, problems = read_record(text.encode(), "content/people/x.yaml", Person)
    assert problems == [] and record is not None and record.name == text.split()[2]


def test_positions_of_a_valid_record_are_computed_only_when_asked():
    record, doc, problems = read_record(CLAIM_YAML.encode(), "content/claims/biden-telepon.yaml", Claim)
    assert record is not None and problems == []
    assert isinstance(doc.positions, LazyPositions) and doc.positions._loaded is None
    assert doc.positions.value_at(("sources", 1, "url")) == (19, 10)
    assert doc.positions.key_at(("verdict",)) == (7, 1)
    assert doc.positions.scalar_at(("claim_date",)).text == "2021-04-16"
    assert doc.positions._text is None  # the text is dropped once the positions are known


def test_a_page_keeps_the_line_offset_of_its_front_matter():
    page, positions, _body, body_line, problems = read_page(b"---\ntitle: X\nmenu: 2\n---\nIsi.\n", "content/pages/x.md")
    assert page is not None and problems == [] and body_line == 5
    assert positions.value_at(("menu",)) == (3, 7)


# ---------------------------------------------------------------------- URLs and text


def full_url_check(value: str):
    try:
        return ("ok", models._check_url_fully(value))
    except PydanticCustomError as exc:
        return ("refused", exc.type, exc.message())
    except ValueError as exc:  # urlsplit's own refusals, which pydantic reports as value_error
        return ("value-error", str(exc))


def url_check(value: str):
    try:
        return ("ok", models._check_url(value))
    except PydanticCustomError as exc:
        return ("refused", exc.type, exc.message())
    except ValueError as exc:
        return ("value-error", str(exc))


URL_PIECES = [
    "http",
    "https",
    "HTTP",
    "hTTps",
    "ftp",
    "://",
    ":",
    "//",
    "/",
    "a",
    "b-c",
    ".",
    "..",
    "-",
    "_",
    "@",
    "user:pw@",
    ":80",
    ":8080",
    ":65535",
    ":65536",
    ":99999",
    ":x",
    "[",
    "]",
    "[::1]",
    "?",
    "#",
    "q=1&r=2",
    "%20",
    " ",
    "\t",
    "\x00",
    "\x7f",
    "\x85",
    "é",
    "\u3000",
    "xn--p1ai",
    "0",
    "~",
    "!",
    "'",
    "(",
    "*",
    "+",
    ",",
    ";",
    "=",
]


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(URL_PIECES), max_size=12).map("".join) | st.text(max_size=30).map(lambda t: "https://a.b/" + t))
def test_the_simple_url_shape_only_takes_urls_the_full_check_accepts(value):
    assert url_check(value) == full_url_check(value)


def test_common_urls_take_the_simple_shape():
    for value in [
        "https://tass.com/world/1277551",
        "http://EXAMPLE.org",
        "https://a-b.example.co.id:8080/x?y=1#z",
        "https://web.archive.org/web/2021/https://x.org/a(b)",
    ]:
        assert models._SIMPLE_URL.fullmatch(value), value
        assert full_url_check(value) == ("ok", value)


def old_text_check(value: str):
    """_check_text as it was before its shortcuts."""
    if not value.strip():
        return ("refused", "empty_text")
    bad = models._FORBIDDEN_CHARACTERS.search(value)
    return ("refused", "control_character", f"{ord(bad.group()):04X}") if bad else ("ok", value)


def text_check(value: str):
    try:
        return ("ok", models._check_text(value))
    except PydanticCustomError as exc:
        return ("refused", exc.type, *([exc.context["code"]] if exc.context else []))


@settings(max_examples=1000, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x1f\x00\x08\x85\xa0\u2028\u3000\ufffe\uffff\ufffda€😀")), max_size=30
    )
    | st.text(max_size=30)
)
def test_text_check_shortcuts_change_nothing(value):
    assert text_check(value) == old_text_check(value)


def test_the_forbidden_characters_are_listed_twice_alike():
    listed = {chr(c) for c in range(0x10000) if models._FORBIDDEN_CHARACTERS.match(chr(c))}
    assert set(models._FORBIDDEN_LIST) == listed and len(models._FORBIDDEN_LIST) == len(listed)
    assert not any(models._FORBIDDEN_CHARACTERS.match(chr(c)) for c in range(0x10000, 0x110000, 97))


def test_simple_url_pattern_is_anchored_by_fullmatch_only():
    """`_SIMPLE_URL` has no ^ or $: it must only ever be used with fullmatch."""
    source = Path(models.__file__).read_text(encoding="utf-8")
    uses = re.findall(r"_SIMPLE_URL\.(\w+)", source)
    assert uses and set(uses) == {"fullmatch"}


@pytest.mark.parametrize("value", ["2021-04-15", "0000-00-00", "9999-99-99", "2021-02-30"])
def test_only_the_timestamp_resolver_claims_a_plain_date(value):
    """`_QuickBuilder.typed` builds values of this shape as dates without asking the resolvers."""
    import yaml

    for loader in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        assert loader("").resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:timestamp"
