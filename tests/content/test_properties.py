"""Property tests: however a valid record is mangled, validation answers with diagnostics, never a crash."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.loading import load_content
from generator.content.models import Claim
from generator.content.records import read_record
from generator.core.project import Project
from tests.conftest import BASE_FILES, CLAIM_YAML

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
CLAIM_PATH = "content/claims/biden-telepon.yaml"
BASE_DATA = yaml.safe_load(CLAIM_YAML)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.dates().map(str),
    st.sampled_from(["no", "on", "yes", "~", "2021-02-30", "javascript:alert(1)", "[@x]", "&a", "*a"]),
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12
)


@st.composite
def mutated_records(draw) -> bytes:
    data = dict(BASE_DATA)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["drop", "replace", "add", "list"]))
        key = draw(st.sampled_from(sorted(data) or ["title"]))
        if action == "drop":
            data.pop(key, None)
        elif action == "replace":
            data[key] = draw(values)
        elif action == "add":
            data[draw(st.text(min_size=1, max_size=12))] = draw(values)
        else:
            data[key] = [data.get(key), draw(values)]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    cut = draw(st.one_of(st.none(), st.integers(0, len(text))))
    if cut is not None:
        text = text[:cut]  # truncated files
    raw = text.encode("utf-8")
    if draw(st.booleans()):
        raw = raw + draw(st.binary(max_size=20))  # trailing garbage, maybe invalid UTF-8
    return raw


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_records())
def test_a_mangled_record_never_crashes_the_reader(raw):
    record, _, problems = read_record(raw, CLAIM_PATH, Claim)
    assert (record is None) == bool(problems)
    for d in problems:
        assert d.path == CLAIM_PATH and d.line >= 1 and d.column >= 1 and d.message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_records())
def test_a_mangled_record_never_crashes_the_whole_validation(raw):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel, text in BASE_FILES.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        (root / CLAIM_PATH).write_bytes(raw)
        content, diagnostics = load_content(Project.at(root), CLOCK)
        errors = [d for d in diagnostics if d.severity.value == "error"]
        assert (content is None) == bool(errors)
        assert all(d.path for d in diagnostics)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_reader(raw):
    record, _, problems = read_record(raw, CLAIM_PATH, Claim)
    assert record is None and problems
