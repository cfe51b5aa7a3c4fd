"""Whatever the caches skip, a build equals a clean build byte for byte, over random edit sequences."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.synth import generate
from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)


def tree(folder: Path) -> dict[str, str]:
    """path -> sha256 of every output file."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def age(root: Path, seconds: int) -> None:
    """Give every input an mtime in the past, as files an editor saved earlier have."""
    for path in root.rglob("*"):
        if path.is_file() and ".factcheck-cache" not in path.parts:
            stamp = path.stat().st_mtime - seconds
            os.utime(path, (stamp, stamp))


def edit(root: Path, rng: random.Random, step: int) -> str:
    claims = sorted((root / "content/claims").glob("*.yaml"))
    target = rng.choice(claims)
    text = target.read_text(encoding="utf-8")
    kind = rng.choice(["summary", "verdict", "tag", "delete", "add", "site", "analysis", "person", "article"])
    if kind == "summary":
        text = text.replace("summary: ", f"summary: Suntingan {step}. ", 1)
    elif kind == "verdict":
        for old, new in (("verdict: benar", "verdict: salah"), ("verdict: salah", "verdict: sebagian-benar")):
            if old in text:
                text = text.replace(old, new, 1)
                break
    elif kind == "tag":
        text = text.replace("tags:\n", "tags:\n  - suntingan-baru\n", 1)
    elif kind == "analysis":
        text = text.replace("analysis: |\n", f"analysis: |\n  Paragraf baru nomor {step}.\n\n", 1)
    elif kind == "delete" and len(claims) > 5:
        target.unlink()
        return f"delete {target.name}"
    elif kind == "add":
        copy = target.with_name(f"salinan-{step}.yaml")
        copy.write_text(text.replace("title: ", f"title: Salinan {step} ", 1), encoding="utf-8")
        return f"add {copy.name}"
    elif kind in ("person", "article"):  # a record claims name: their pages, cards and open data change
        folder = root / "content" / ("people" if kind == "person" else "articles")
        other = rng.choice(sorted(folder.glob("*.yaml")))
        field = "name: " if kind == "person" else "title: "
        other.write_text(other.read_text(encoding="utf-8").replace(field, f"{field}Ubah {step} ", 1), encoding="utf-8")
        return f"{kind} {other.name}"
    elif kind == "site":
        site = root / "content/site.yaml"
        site.write_text(site.read_text(encoding="utf-8").replace("title: ", f"title: Situs {step} ", 1), encoding="utf-8")
        return "site title"
    target.write_text(text, encoding="utf-8")
    return f"{kind} {target.name}"


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_cached_builds_equal_clean_builds_over_random_edits(tmp_path, seed):
    root = tmp_path / "project"
    generate(root, claims=30, seed=seed)
    project = Project.at(root)
    cached_out = tmp_path / "cached"
    rng = random.Random(seed)
    for step in range(6):
        done = "first build" if step == 0 else edit(root, rng, step)
        age(root, 600 - step * 60)
        cached = build_site(project, BuildOptions(output=cached_out, clock=CLOCK))
        assert cached.ok, (done, cached.diagnostics[:3])
        clean_out = tmp_path / f"clean-{step}"
        clean = build_site(project, BuildOptions(output=clean_out, clock=CLOCK, cache=False))  # reads no cache
        assert clean.ok
        assert tree(cached_out) == tree(clean_out), f"after step {step}: {done}"
        shutil.rmtree(clean_out)


def test_cache_on_and_off_give_identical_bytes(tmp_path):
    root = tmp_path / "project"
    generate(root, claims=12, seed=3)
    age(root, 600)
    project = Project.at(root)
    first = build_site(project, BuildOptions(output=tmp_path / "a", clock=CLOCK))  # fills the caches
    second = build_site(project, BuildOptions(output=tmp_path / "b", clock=CLOCK))  # served from them
    third = build_site(project, BuildOptions(output=tmp_path / "c", clock=CLOCK, cache=False))
    assert first.ok and second.ok and third.ok
    assert tree(tmp_path / "a") == tree(tmp_path / "b") == tree(tmp_path / "c")
