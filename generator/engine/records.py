"""Reading the records for a build: a file whose size and mtime (or, failing that, bytes) match the
last run is taken from the cache without being parsed; the rest is read in worker processes when many.

The reading itself is content.loading's; this module only decides which files need it and where.
"""

from __future__ import annotations

import time
from datetime import datetime
from functools import partial

from generator.content.entries import Content
from generator.content.loading import RecordFile, RecordRead, load_content, read_file
from generator.content.models import Record
from generator.content.yamlfile import LazyPositions
from generator.core.diagnostics import Diagnostic
from generator.core.project import Project
from generator.engine.cache import Store, paused_gc
from generator.engine.workers import map_chunks, worker_count

# The code a cached record depends on: a change to it makes every record be read again.
RECORD_CODE = ("content", "core", "engine.cache", "engine.records")
PARALLEL_FILES = 400  # files to parse before worker processes pay for themselves
RACY_SECONDS = 2  # a file changed within the same clock tick could keep its size and mtime: hash recent files
_store: Store | None = None  # the cache as the workers see it: inherited through fork, never pickled


def load_records(project: Project, clock: datetime | None = None, cache: bool = True) -> tuple[Content | None, list[Diagnostic]]:
    """`content.loading.load_content`, with records read through the cache in .factcheck-cache/ (when `cache`)."""
    store = Store(project.cache_dir if cache else None, "records", RECORD_CODE)
    with paused_gc():  # thousands of records, all kept: the collector would only walk them again and again
        loaded = load_content(project, clock, reader=partial(_read_cached, store))
    store.save()
    return loaded


def _read_cached(store: Store, files: list[RecordFile]) -> list[RecordRead]:
    global _store
    results: list[RecordRead | None] = [None] * len(files)
    misses = []
    now = time.time()
    for index, (folder, path, _, rel) in enumerate(files):
        cached = store.get(rel)
        try:
            stat = path.stat()
        except OSError:
            stat = None
        if (
            cached
            and stat is not None
            and now - stat.st_mtime > RACY_SECONDS
            and cached[3] == folder
            and cached[:2] == (stat.st_size, stat.st_mtime_ns)
        ):
            results[index] = RecordRead(cached[4], LazyPositions(path), None, cached[5], cached[2])
        else:
            misses.append((index, folder, path, rel))
    store.data  # noqa: B018 - loaded before any fork, so workers can reuse entries whose bytes match
    _store = store
    try:
        parsed = map_chunks(_read_chunk, [(folder, path, rel) for _, folder, path, rel in misses], worker_count(), PARALLEL_FILES)
    finally:
        _store = None
    for (index, folder, _path, rel), read in zip(misses, parsed):
        if read.record is not None and read.stamp is not None:
            store.put(rel, (*read.stamp, read.source, folder, read.record, read.problems))
        results[index] = read
    return results  # type: ignore[return-value]


def _read_chunk(jobs: list) -> list[RecordRead]:
    return [read_file(folder, path, rel, known=_known) for folder, path, rel in jobs]


def _known(rel: str, folder: str, key: str) -> tuple[Record, list[Diagnostic]] | None:
    cached = _store.get(key=rel) if _store is not None else None
    if cached and cached[2] == key and cached[3] == folder:
        return cached[4], cached[5]
    return None
