"""The persistent cache: same answers with or without it, and it never serves stale records."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from generator.core.project import Project
from generator.engine.cache import SHARDS, Store, code_version
from generator.engine.records import RECORD_CODE, load_records
from tests.conftest import CLAIM_YAML

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
CLAIM = "content/claims/biden-telepon.yaml"


def age(path, seconds=60):
    """Pretend a file was written a while ago, as an editor's files usually were."""
    stamp = path.stat().st_mtime - seconds
    os.utime(path, (stamp, stamp))


def load(project, cache=True):
    return load_records(Project.at(project), CLOCK, cache=cache)


def test_cached_load_equals_a_fresh_one(make_project):
    project = make_project({CLAIM: CLAIM_YAML.replace("[@order]", "")})  # one warning, with a line
    for path in (project / "content").rglob("*.yaml"):
        age(path)
    fresh, fresh_diags = load(project, cache=False)
    first, first_diags = load(project)
    second, second_diags = load(project)
    assert list((project / ".factcheck-cache").glob("records-*/*.pickle"))
    assert fresh.claims["biden-telepon"].model == first.claims["biden-telepon"].model == second.claims["biden-telepon"].model
    assert fresh_diags == first_diags == second_diags
    assert [(d.line, d.code) for d in second_diags] == [(17, "uncited-source")]


def test_an_edited_file_is_read_again(make_project):
    project = make_project()
    path = project / CLAIM
    age(path)
    load(project)
    path.write_text(CLAIM_YAML.replace("verdict: salah", "verdict: benar"), encoding="utf-8")
    age(path, 30)  # even with an mtime in the past, the size or bytes differ
    content, _ = load(project)
    assert content.claims["biden-telepon"].model.verdict == "benar"


def test_same_size_same_mtime_edit_is_caught_by_the_hash(make_project):
    project = make_project()
    path = project / CLAIM
    age(path)
    load(project)
    before = path.stat()
    path.write_text(CLAIM_YAML.replace("verdict: salah", "verdict: benaR"[:-1] + "r"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1))  # a new mtime, same size
    content, _diagnostics = load(project)
    assert content is not None and content.claims["biden-telepon"].model.verdict == "benar"


def test_a_broken_file_is_never_cached_as_valid(make_project):
    project = make_project()
    path = project / CLAIM
    load(project)
    path.write_text(CLAIM_YAML.replace("verdict: salah", "verdict: [salah"), encoding="utf-8")
    age(path)
    content, diagnostics = load(project)
    assert content is None and diagnostics[0].code == "yaml-syntax"
    content, diagnostics = load(project)
    assert content is None and diagnostics[0].code == "yaml-syntax"


def test_a_corrupt_cache_is_ignored(make_project):
    project = make_project()
    load(project)
    shards = list((project / ".factcheck-cache").glob("records-*/*.pickle"))
    assert shards
    for shard in shards:
        shard.write_bytes(b"not a pickle")
    content, diagnostics = load(project)
    assert content is not None and diagnostics == []


def test_the_cache_is_keyed_by_the_generator_code(tmp_path):
    store = Store(tmp_path, "records")
    assert store.path.name == f"records-{code_version()}"
    store.put("a", 1)
    store.save()
    old = tmp_path / "records-0000000000000000"
    old.mkdir()
    (old / "00.pickle").write_bytes(b"x")
    single = tmp_path / "records-1111111111111111.pickle"  # the one-file store of earlier releases
    single.write_bytes(b"x")
    Store(tmp_path, "records").save()
    store = Store(tmp_path, "records")
    store.put("b", 2)
    store.save()
    assert not old.exists() and not single.exists()  # versions of other code are cleared out


def test_a_save_writes_only_the_shards_that_changed(tmp_path):
    store = Store(tmp_path, "memo")
    for n in range(200):
        store.put(f"key-{n}", n)
    store.save()
    shards = sorted(store.path.glob("*.pickle"))
    assert len(shards) == SHARDS
    stamps = {p.name: p.stat().st_mtime_ns for p in shards}
    again = Store(tmp_path, "memo")
    assert again.data == {f"key-{n}": n for n in range(200)}
    for n in range(200):
        again.get(f"key-{n}")
    again.put("key-7", "changed")
    again.save()
    changed = [p.name for p in sorted(again.path.glob("*.pickle")) if p.stat().st_mtime_ns != stamps[p.name]]
    assert len(changed) == 1
    assert Store(tmp_path, "memo").data["key-7"] == "changed"


def test_a_pruned_entry_leaves_its_shard(tmp_path):
    store = Store(tmp_path, "memo")
    store.put("a", 1)
    store.put("b", 2)
    store.save()
    again = Store(tmp_path, "memo")
    again.get("a")
    again.save()  # "b" was not used
    assert Store(tmp_path, "memo").data == {"a": 1}


def test_unused_entries_are_pruned(make_project):
    project = make_project({"content/people/extra.yaml": "name: Extra\nkind: person\n"})
    load(project)
    (project / "content/people/extra.yaml").unlink()
    load(project)
    store = Store(project / ".factcheck-cache", "records", RECORD_CODE)
    assert "content/people/extra.yaml" not in store.data
    assert CLAIM in store.data


def test_parsing_in_workers_gives_the_same_content(tmp_path, monkeypatch):
    """Enough files to take the parallel path: the result must equal a single-process load."""
    from benchmarks.synth import generate
    from generator.engine.records import PARALLEL_FILES

    root = tmp_path / "big"
    generate(root, claims=PARALLEL_FILES + 20, seed=5)
    (root / "content/claims/rusak.yaml").write_text("title: [tidak ditutup\n", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_WORKERS", "1")
    _, alone = load_records(Project.at(root), CLOCK, cache=False)
    monkeypatch.setenv("FACTCHECK_WORKERS", "2")
    _, together = load_records(Project.at(root), CLOCK, cache=False)
    assert together == alone and [d.code for d in alone if d.severity.value == "error"] == ["yaml-syntax"]
    (root / "content/claims/rusak.yaml").unlink()
    single, _ = load_records(Project.at(root), CLOCK, cache=False)
    monkeypatch.setenv("FACTCHECK_WORKERS", "2")
    parallel, _ = load_records(Project.at(root), CLOCK, cache=True)
    assert {k: e.model for k, e in parallel.claims.items()} == {k: e.model for k, e in single.claims.items()}
