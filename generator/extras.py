"""Files beside the rendered pages: open data, share images and, last, the search index over the pages.

`add_extras` extends the rendered files in place and returns diagnostics; it knows which records get
which extra file, never how pages look. Each kind of file comes from a pure function of plain values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from pathlib import Path

from generator.cache import Store
from generator.diagnostics import Diagnostic, error
from generator.ogimage import OgImageError, OgImageInputs, cache_key, og_image_path, render_og_image
from generator.workers import map_chunks, worker_count

if TYPE_CHECKING:
    from generator.build import BuildOptions
    from generator.content import Content


def og_image_inputs(content: "Content", options: "BuildOptions") -> dict[str, OgImageInputs]:
    """Output path -> what the share image of each claim page shows (drafts too, when they are built)."""
    site = content.site.model
    scale = {v.id: v for v in site.scale}
    inputs = {}
    for entry in content.public_claims(options.clock, options.drafts):
        verdict = scale[entry.model.verdict]
        inputs[og_image_path(entry.id)] = OgImageInputs(verdict.label, verdict.bucket, entry.model.claim_short, site.title)
    return inputs


def og_image_files(content: "Content", options: "BuildOptions", store: Store | None = None) -> dict[str, bytes]:
    """Every share image: from the persistent cache when its inputs were drawn before, the rest drawn
    in worker processes. Identical inputs draw identical bytes, so each picture is drawn once."""
    wanted = og_image_inputs(content, options)
    drawn: dict[OgImageInputs, bytes] = {}
    keys = {inputs: cache_key(inputs) for inputs in dict.fromkeys(wanted.values())}
    missing = []
    for inputs, key in keys.items():
        cached = store.get(key) if store is not None else None
        if cached is not None:
            drawn[inputs] = cached
        else:
            missing.append(inputs)
    images = map_chunks(_draw_chunk, missing, worker_count(), PARALLEL_IMAGES)
    for inputs, png in zip(missing, images):
        drawn[inputs] = png
        if store is not None:
            store.put(keys[inputs], png)
    return {path: drawn[inputs] for path, inputs in wanted.items()}


PARALLEL_IMAGES = 200  # below this, forking workers costs more than drawing


def _draw_chunk(chunk: list[OgImageInputs]) -> list[bytes]:
    return [render_og_image(inputs) for inputs in chunk]


def add_extras(content: "Content", options: "BuildOptions", files: dict[str, bytes],
               cache_dir: Path | None = None, lap: Callable[[str], None] = lambda stage: None) -> list[Diagnostic]:
    """Add open data, share images and the Pagefind bundle to `files`; problems come back as diagnostics.
    With a `cache_dir`, images and the search index of unchanged inputs come from the persistent cache."""
    from generator.opendata import open_data_files
    from generator.search import index_site

    problems: list[Diagnostic] = []
    extra = open_data_files(content, options.clock, options.base_url)
    lap("open data")
    images = Store(cache_dir, "og-images", ("ogimage", "cache"))
    try:
        extra.update(og_image_files(content, options, images))
        images.save()
        lap("share images")
    except OgImageError as exc:
        problems.append(error("og", 1, 1, "og-image", str(exc), "pip install font-lato (a dependency of factcheck)"))
    for path in sorted(set(extra) & set(files)):
        problems.append(error(path, 1, 1, "output-collision", f"'{path}' is both a page or static file and generated data"))
    files.update(extra)
    index = Store(cache_dir, "search-index", ("search", "cache"))
    bundle, search_problems = index_site(files, index)  # last: it reads the finished pages
    index.save()
    lap("search index")
    problems.extend(search_problems)
    for path in sorted(set(bundle) & set(files)):
        problems.append(error(path, 1, 1, "output-collision", f"'{path}' is both a site file and part of the search index"))
    files.update(bundle)
    return problems
