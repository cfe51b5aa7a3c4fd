"""Markdown for a whole build ahead of its pages: results kept in the cache by text and converter
version, the rest converted in worker processes, then handed to plan.markdown's memo.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.core.values import digest
from generator.engine.cache import Store
from generator.engine.workers import map_chunks
from generator.plan.markdown import CONVERTER_VERSION, Job, convert, remember

PARALLEL_THRESHOLD = 64  # below this, starting workers costs more than it saves
# Small chunks (~0.3 s each for 10,000 analyses on 2 workers): a worker slowed by other processes on
# the machine then holds up the end of the stage by one short chunk, not a long one.
CHUNKS_PER_WORKER = 16


def prerender(jobs: list[Job], store: Store | None = None, workers: int = 1) -> None:
    """Render many Markdown texts ahead of the pages that show them: cached results first,
    the rest split across `workers` processes. Afterwards `render_markdown` answers from memory."""
    remember((), fresh=True)  # a new build: forget texts that may no longer exist
    missing = _recall(dict.fromkeys(jobs), store)
    if missing:
        _render_missing(missing, store, workers)


def _recall(jobs: Iterable[Job], store: Store | None) -> dict[Job, str | None]:
    """Take stored results into memory; return the jobs still to render, with their cache keys."""
    missing: dict[Job, str | None] = {}
    for job in jobs:
        key = _cache_key(job) if store is not None else None
        html = store.get(key) if store is not None else None
        if html is None:
            missing[job] = key
        else:
            remember([(job, html)])
    return missing


def _cache_key(job: Job) -> str:
    # Hash the text's own bytes after the short fields: repr() of a long text costs more than its hash.
    # The repr has no NUL byte (it escapes them), so the first NUL marks where the text starts.
    text, *rest = job
    return digest(repr((CONVERTER_VERSION, *rest)).encode() + b"\0" + text.encode("utf-8", "surrogatepass"))


# The jobs `_render_missing` hands out: forked workers inherit them, so only indices go to a worker
# and only the HTML comes back.
_pending: list[Job] = []


def _render_missing(missing: dict[Job, str | None], store: Store | None, workers: int) -> None:
    global _pending
    convert(("", (), 2, ""))  # the converter is built once here and inherited by the workers
    _pending = list(missing)
    try:
        results = map_chunks(_render_indices, list(range(len(_pending))), workers, PARALLEL_THRESHOLD, CHUNKS_PER_WORKER)
    finally:
        _pending = []
    for (job, key), html in zip(missing.items(), results):
        remember([(job, html)])
        if store is not None:
            store.put(key, html)


def _render_indices(indices: list[int]) -> list[str]:
    return [convert(_pending[i]) for i in indices]
