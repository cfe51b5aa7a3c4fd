"""Recognise a build that would change nothing, without loading or rendering anything.

After a successful build we record what went in (every input file's size and mtime, the options,
the generator's code, when each claim becomes public) and what came out (every output file's size
and mtime). When all of that still holds, the output is already exactly what a build would write.
"""

from __future__ import annotations

import os
import pickle
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.core.diagnostics import Diagnostic
from generator.core.project import Project
from generator.core.resources import builtin_theme
from generator.engine.cache import code_version

MANIFEST = "last-build.pickle"
RACY_SECONDS = 2.0  # a file this close to the manifest's time may change without changing its mtime


@dataclass(frozen=True)
class Manifest:
    key: tuple  # options, code version, output folder
    inputs: dict[str, tuple[int, int]]
    visible: frozenset[str]  # claims published at that build's clock
    schedule: tuple[tuple[str, float, bool], ...]  # (claim id, published timestamp, draft) for every claim
    outputs: dict[str, tuple[int, int]]
    files: int  # files written by that build, reported as unchanged when nothing is
    diagnostics: tuple[Diagnostic, ...]
    written_at: float


def _walk(folder: Path | str, prefix: str, found: dict[str, tuple[int, int]]) -> None:
    """Size and mtime of every file under `folder`, keyed `prefix` + its path inside the folder.
    Ten thousand records: scandir and plain string paths keep this at a tenth of a second."""
    try:
        listing = os.scandir(folder)
    except OSError:
        return
    with listing:
        for entry in listing:
            try:
                if entry.is_dir(follow_symlinks=False):
                    _walk(entry.path, prefix + entry.name + "/", found)
                    continue
                stat = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found[prefix + entry.name] = (stat.st_size, stat.st_mtime_ns)


def input_state(project: Project) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    _walk(project.content_dir, "content/", found)
    _walk(project.templates_dir, "templates/", found)
    _walk(project.locale_dir, "locale/", found)
    if project.templates_dir.resolve() != builtin_theme():
        _walk(builtin_theme(), "builtin:", found)
    return found


def output_state(output: Path) -> dict[str, tuple[int, int]]:
    """The output folder's identity: its inode (a new one after every real build's swap) and the
    entries at its top. Stat-ing all of a large site would cost more than the rest of this check,
    so a file edited in place deep inside site/ is not noticed here (`build --no-cache` rebuilds)."""
    found: dict[str, tuple[int, int]] = {}
    try:
        root = os.stat(output)
        found[""] = (root.st_ino, root.st_mtime_ns)
        with os.scandir(output) as entries:
            for entry in entries:
                stat = entry.stat(follow_symlinks=False)
                found[entry.name] = (stat.st_size, stat.st_mtime_ns)
    except OSError:
        return {}
    return found


def build_key(options_key: tuple, output: Path) -> tuple:
    return (code_version(), str(output.resolve()), options_key)


def visible_now(schedule: tuple[tuple[str, float, bool], ...], clock: datetime, drafts: bool) -> frozenset[str]:
    now = clock.timestamp()
    return frozenset(claim for claim, published, draft in schedule if drafts or (not draft and published <= now))


def unchanged(
    project: Project,
    options_key: tuple,
    output: Path,
    clock: datetime,
    drafts: bool,
    inputs: dict[str, tuple[int, int]] | None = None,
) -> Manifest | None:
    """The last build's manifest when rebuilding would change nothing; None when a real build is needed.
    `inputs`: `input_state(project)` when the caller has it already."""
    path = project.cache_dir / MANIFEST
    try:
        with path.open("rb") as stream:
            manifest = pickle.load(stream)
    except Exception:
        return None
    if not isinstance(manifest, Manifest) or manifest.key != build_key(options_key, output):
        return None
    inputs = input_state(project) if inputs is None else inputs
    if inputs != manifest.inputs:
        return None
    newest = max((mtime for _, mtime in inputs.values()), default=0) / 1e9
    if newest > manifest.written_at - RACY_SECONDS:
        return None  # an input may have changed within its mtime's resolution: check properly
    if visible_now(manifest.schedule, clock, drafts) != manifest.visible:
        return None  # a scheduled fact-check has come due
    if output_state(output) != manifest.outputs:
        return None  # someone changed the output by hand
    return manifest


def record(
    project: Project,
    options_key: tuple,
    output: Path,
    inputs: dict[str, tuple[int, int]],
    schedule: tuple[tuple[str, float, bool], ...],
    clock: datetime,
    drafts: bool,
    files: int,
    diagnostics: list[Diagnostic],
) -> None:
    """Remember a successful build. `inputs` must be taken before the build read anything."""
    manifest = Manifest(
        build_key(options_key, output),
        inputs,
        visible_now(schedule, clock, drafts),
        schedule,
        output_state(output),
        files,
        tuple(diagnostics),
        time.time(),
    )
    try:
        project.cache_dir.mkdir(parents=True, exist_ok=True)
        temp = project.cache_dir / (MANIFEST + ".tmp")
        with temp.open("wb") as stream:
            pickle.dump(manifest, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, project.cache_dir / MANIFEST)
    except OSError:
        pass  # without a manifest the next build is simply a full one


def forget(project: Project) -> None:
    (project.cache_dir / MANIFEST).unlink(missing_ok=True)
