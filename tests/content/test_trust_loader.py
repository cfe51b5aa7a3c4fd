"""Issue #19 item 1: every YAML tag outside the safe standard ones is an error at its position."""

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.yamlfile import parse_yaml

_SAFE = ["!!str", "!!int", "!!float", "!!bool", "!!null", "tag:yaml.org,2002:str"]
_TAG_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz/_", min_size=1, max_size=12)
_UNSAFE = st.one_of(
    _TAG_NAME.map(lambda n: "!" + n),
    _TAG_NAME.map(lambda n: "!!python/" + n),
    st.sampled_from(["!include", "!env", "!!python/object/apply:os.system", "!!binary", "!!set"]),
)
_VALUES = st.sampled_from(["other.yaml", "[a, b]", "{k: v}", "'quoted'"])


def _codes(text: str) -> list[tuple[int, int, str]]:
    _doc, diagnostics = parse_yaml(text, "claim.yaml")
    return [(d.line, d.column, d.code) for d in diagnostics]


@settings(max_examples=60, deadline=None)
@given(tag=_UNSAFE, value=_VALUES, padding=st.integers(min_value=0, max_value=3))
def test_unsupported_tag_is_an_error_at_its_position(tag, value, padding):
    text = "title: ok\n" + "x: 1\n" * padding + f"claim: {tag} {value}\n"
    assert (2 + padding, 8, "yaml-tag") in _codes(text)


@given(tag=st.sampled_from(_SAFE))
def test_standard_tags_are_still_accepted(tag):
    doc, diagnostics = parse_yaml(f"claim: {tag} 1\n", "claim.yaml")
    assert not diagnostics and doc is not None


def test_tag_on_a_list_is_refused():
    assert (1, 10, "yaml-tag") in _codes("sources: !include\n  - a\n")


def _messages(text: str) -> list[str]:
    _doc, diagnostics = parse_yaml(text, "claim.yaml")
    return [d.message for d in diagnostics if d.code == "too-many-values"]


def test_a_long_list_is_not_blamed_on_aliases():
    text = "sources:\n" + "".join(f"  - s{i}\n" for i in range(60_000))
    [message] = _messages(text)
    assert "alias" not in message and "more than" in message


def test_an_alias_bomb_is_still_named_as_one():
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(10):
        text += f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}, *{'a' if i == 0 else f'b{i - 1}'}" + ", x" * 8 + "]\n"
    text += "c: [" + ", ".join(["*b9"] * 10) + "]\n"
    [message] = _messages(text)
    assert "'*alias' references repeat blocks" in message
