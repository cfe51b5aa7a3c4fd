"""Files beside the rendered pages: open data, share images and, last, the search index over the pages.

`add_extras` writes them beside the rendered pages and returns diagnostics; it knows which records get
which extra file, never how pages look. Each kind of file comes from a pure function of plain values.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.content.entries import Entry
from generator.content.models import Claim
from generator.core.diagnostics import Diagnostic, error
from generator.engine.cache import Store, code_version
from generator.engine.workers import map_chunks, worker_count
from generator.plan.urls import og_image_path
from generator.render.ogimage import OgImageError, OgImageInputs, cache_key, render_og_image
from generator.write.writer import SiteWriter

if TYPE_CHECKING:
    from generator.content.entries import Content
    from generator.engine.options import BuildOptions
    from generator.outputs.opendata import OpenData


def og_image_inputs(content: Content, options: BuildOptions) -> dict[str, OgImageInputs]:
    """Output path -> what the share image of each claim page shows (drafts too, when they are built)."""
    site = content.site.model
    scale = {v.id: v for v in site.scale}
    inputs = {}
    assert options.clock is not None  # build_site sets it
    for entry in content.public_claims(options.clock, options.drafts):
        verdict = scale[entry.model.verdict]
        inputs[og_image_path(entry.id)] = OgImageInputs(verdict.label, verdict.bucket, entry.model.claim_short, site.title)
    return inputs


class StagedPages(Mapping[str, bytes]):
    """The rendered HTML pages, read back from the staging folder one at a time when asked for."""

    def __init__(self, writer: SiteWriter):
        self.writer = writer
        self.paths = sorted(p for p in writer.files if p.endswith(".html"))

    def __getitem__(self, path: str) -> bytes:
        if path not in self.writer.files:
            raise KeyError(path)
        return (self.writer.staging / path).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


def write_og_images(content: Content, options: BuildOptions, writer: SiteWriter, store: Path | None) -> None:
    """Every share image into `writer`: taken over from the previous build or from the cache folder
    `store` when its inputs were drawn before, the rest drawn in worker processes. The cache keeps one
    PNG file per picture, linked into the site, so images never pass through memory in bulk."""
    global _drawing
    wanted = og_image_inputs(content, options)
    missing: list[tuple[str, OgImageInputs, str]] = []
    used: set[str] = set()
    for path, inputs in wanted.items():
        key = cache_key(inputs)
        used.add(key)
        reused = writer.reuse(path, key)
        cached = store / f"{key}.png" if store is not None else None
        if reused is not None:
            writer.note(reused)
        elif cached is not None and cached.is_file():
            writer.note(writer.link(path, cached, key))
        else:
            missing.append((path, inputs, key))
    if missing and store is not None:
        store.mkdir(parents=True, exist_ok=True)
    _drawing = (writer, store)
    try:
        for outcome in map_chunks(_draw_chunk, missing, worker_count(), PARALLEL_IMAGES):
            writer.note(outcome)
    finally:
        _drawing = None
    if store is not None and store.is_dir():
        for old in store.glob("*.png"):  # pictures no page shows any more
            if old.stem not in used:
                old.unlink(missing_ok=True)


PARALLEL_IMAGES = 200  # below this, forking workers costs more than drawing
_drawing: tuple[SiteWriter, Path | None] | None = None  # set before forking; workers inherit it


def _draw_chunk(chunk: list[tuple[str, OgImageInputs, str]]) -> list[tuple]:
    assert _drawing is not None
    writer, store = _drawing
    outcomes = []
    for path, inputs, key in chunk:
        png = render_og_image(inputs)
        if store is None:
            outcomes.append(writer.write(path, png, key))
            continue
        cached = store / f"{key}.png"
        fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=store)
        with os.fdopen(fd, "wb") as stream:
            stream.write(png)
        os.replace(temp, cached)
        outcomes.append(writer.link(path, cached, key))
    return outcomes


def add_extras(
    content: Content,
    options: BuildOptions,
    writer: SiteWriter,
    cache_dir: Path | None = None,
    lap: Callable[[str], None] = lambda stage: None,
    notes: dict | None = None,
    digests: Mapping[str, str] | None = None,
) -> list[Diagnostic]:
    """Write open data, share images and the Pagefind bundle into `writer`; problems come back as
    diagnostics. With a `cache_dir`, images and the search index of unchanged inputs come from the cache
    (`digests`: what Pagefind reads of the pages, as the render step noted it, to find the index by).
    Pagefind reads the finished pages in its own process while the open data and images are made."""
    from generator.outputs.opendata_files import write_open_data
    from generator.outputs.search import start_index

    problems: list[Diagnostic] = []
    index = Store(cache_dir, "search-index", ("outputs", "engine.cache"))
    pending = start_index(StagedPages(writer), index, reuse_last=options.search_later, digests=digests)
    if notes is not None:
        notes["search_stale"] = pending.stale

    def put(path: str, data: bytes, key: str | None) -> None:
        if path in writer.files:
            problems.append(error(path, 1, 1, "output-collision", f"'{path}' is both a page or static file and generated data"))
        else:
            writer.put(path, data, key)

    def reuse(path: str, key: str) -> bool:
        if path in writer.files:
            return False  # put or stream reports the collision
        outcome = writer.reuse(path, key)
        if outcome is not None:
            writer.note(outcome)
        return outcome is not None

    memo = Store(cache_dir, "open-data", OPEN_DATA_CODE)
    assert options.clock is not None  # build_site sets it
    try:
        write_open_data(
            content,
            options.clock,
            options.base_url,
            put,
            writer.stream,
            reuse,
            memo if cache_dir else None,
            fingerprints=open_data_keys,
        )
        memo.save()
        lap("open data")
        try:
            write_og_images(content, options, writer, cache_dir / "og-images" if cache_dir is not None else None)
            lap("share images")
        except OgImageError as exc:
            problems.append(error("og", 1, 1, "og-image", str(exc), "pip install font-lato (a dependency of factcheck)"))
    except BaseException:
        pending.cancel()  # a full disk, say: the build fails now, not once Pagefind is done
        raise
    bundle, search_problems = pending.result()
    index.save()
    lap("search index (the rest of it)")
    problems.extend(search_problems)
    for path, data in sorted(bundle.items()):
        if path in writer.files:
            problems.append(error(path, 1, 1, "output-collision", f"'{path}' is both a site file and part of the search index"))
        else:
            writer.put(path, data)
    if pending.stale:
        _keep_previous_index(writer)
    return problems


def _keep_previous_index(writer: SiteWriter) -> None:
    """The live preview's search index while a new one is due: the one the output folder has now."""
    from generator.outputs.search import BUNDLE_DIR

    previous = writer.output / BUNDLE_DIR
    for root, dirs, names in os.walk(previous):
        dirs.sort()
        for name in sorted(names):
            full = Path(root, name)
            path = full.relative_to(writer.output).as_posix()
            if path not in writer.files and not full.is_symlink():
                old = writer.previous.get(path)
                writer.note((writer.reuse(path, old.key) if old is not None else None) or writer.link(path, full))


# The code an open-data file depends on, besides the records: a change to it changes every key.
OPEN_DATA_CODE = ("content", "core", "plan", "outputs.opendata", "outputs.opendata_files", "outputs.jsonwrite")


def open_data_keys(data: OpenData) -> tuple[list[str | None], str | None]:
    """The key of each fact-check's open data, and of the files listing them all (see write_open_data)."""
    keys = [claim_data_key(data.content, e, data.base) for e in data.claims]
    return keys, lists_key(keys, data.base, data.content.site)


def claim_data_key(content: Content, entry: Entry[Claim], base: str) -> str | None:
    """A fingerprint of everything one fact-check's open data is made from: the bytes of its file, of
    site.yaml and of the people and article it names, the site address and this code. None when a
    record's bytes are unknown (then nothing made from it is cached)."""
    claim = entry.model
    people = content.people
    named: list[tuple[str, Entry[Any] | None]] = [
        ("site", content.site),
        ("claim", entry),
        ("claimant", people.get(claim.claimant)),
    ]
    article = content.articles.get(claim.article) if claim.article is not None else None
    if article is not None:
        named += [("article", article), ("publisher", people.get(article.model.publisher))]
    named += [("author", people.get(a)) for a in claim.authors]
    parts = [code_version(OPEN_DATA_CODE), base, entry.id]
    for label, named_entry in named:
        if named_entry is not None and not named_entry.source:
            return None
        parts.append(f"{label}:{named_entry.source if named_entry is not None else '-'}")
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def lists_key(keys: list[str | None], base: str, site: Entry) -> str | None:
    """The list files' fingerprint: the fact-checks' keys in order, and what their heads show (site.yaml
    and the address), which the keys alone would not say when there is no fact-check."""
    if not site.source or any(key is None for key in keys):
        return None
    digest = hashlib.blake2b(f"{code_version(OPEN_DATA_CODE)}\0{base}\0{site.source}\0{len(keys)}".encode(), digest_size=16)
    for key in keys:
        digest.update(key.encode())  # type: ignore[union-attr]
    return digest.hexdigest()
