"""Files beside the rendered pages: open data, share images and, last, the search index over the pages.

`add_extras` extends the rendered files in place and returns diagnostics; it knows which records get
which extra file, never how pages look. Each kind of file comes from a pure function of plain values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic, error
from generator.ogimage import OgImageError, OgImageInputs, og_image_path, render_og_image

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


def og_image_files(content: "Content", options: "BuildOptions") -> dict[str, bytes]:
    # Identical inputs draw identical bytes, so equal pictures are drawn once per build.
    drawn: dict[OgImageInputs, bytes] = {}
    files = {}
    for path, inputs in og_image_inputs(content, options).items():
        if inputs not in drawn:
            drawn[inputs] = render_og_image(inputs)
        files[path] = drawn[inputs]
    return files


def add_extras(content: "Content", options: "BuildOptions", files: dict[str, bytes]) -> list[Diagnostic]:
    """Add open data, share images and the Pagefind bundle to `files`; problems come back as diagnostics."""
    from generator.opendata import open_data_files
    from generator.search import index_site

    problems: list[Diagnostic] = []
    extra = open_data_files(content, options.clock, options.base_url)
    try:
        extra.update(og_image_files(content, options))
    except OgImageError as exc:
        problems.append(error("og", 1, 1, "og-image", str(exc), "pip install font-lato (a dependency of factcheck)"))
    for path in sorted(set(extra) & set(files)):
        problems.append(error(path, 1, 1, "output-collision", f"'{path}' is both a page or static file and generated data"))
    files.update(extra)
    bundle, search_problems = index_site(files)  # last: it reads the finished pages
    problems.extend(search_problems)
    for path in sorted(set(bundle) & set(files)):
        problems.append(error(path, 1, 1, "output-collision", f"'{path}' is both a site file and part of the search index"))
    files.update(bundle)
    return problems
