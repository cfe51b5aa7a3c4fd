"""Checks of site.yaml's `theme`: colour contrast (WCAG 2.1 AA, with the nearest colour that passes), the
links of the navigation and footer, and the logo and favicon files, decoded to prove they are images.

`check_theme` is a rule like those in checks.py (records only); `inspect_theme_files` reads the two image
files of the project, within limits, and says what they are.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from generator.content.entries import Content, Entry
from generator.content.models import Site
from generator.content.theme import BUILTIN_PAGES, Link, ThemeImage
from generator.core.colours import AA_TEXT, contrast, nearest_passing, parse_hex, shown_ratio, to_hex
from generator.core.diagnostics import Diagnostic, did_you_mean, error

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_PIXELS = 4096 * 4096  # checked from the header, before anything is decoded
LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
FAVICON_FORMATS = {"PNG": "image/png", "ICO": "image/x-icon"}


def check_theme(content: Content, clock: datetime) -> Iterator[Diagnostic]:
    site = content.site
    theme = site.model.theme
    for name in ("colours", "dark_colours"):
        colours = getattr(theme, name)
        if colours is None:
            continue
        background = parse_hex(colours.background)
        for field in ("text", "accent"):
            value = getattr(colours, field)
            ratio = contrast(parse_hex(value), background)
            if ratio < AA_TEXT:
                better = nearest_passing(parse_hex(value), background)
                yield error(
                    site.path,
                    *site.where("theme", name, field),
                    "low-contrast",
                    f"the {field} colour {value} on the background {colours.background} has a contrast of "
                    f"{shown_ratio(ratio)}; WCAG 2.1 AA needs at least 4.5:1",
                    f'use "{to_hex(better)}", the nearest colour of the same hue that reaches '
                    f"{shown_ratio(contrast(better, background))}",
                )
    for i, link in enumerate(theme.navigation or []):
        yield from _check_link(content, site, ("theme", "navigation", i), link)
    for i, link in enumerate(theme.footer.links or []):
        yield from _check_link(content, site, ("theme", "footer", "links", i), link)


def _check_link(content: Content, site: Entry[Site], where: tuple, link: Link) -> Iterator[Diagnostic]:
    if (link.page is None) == (link.url is None):
        yield error(
            site.path,
            *site.where(*where),
            "bad-link",
            "a link needs either page: (a page of the site) or url: (an address elsewhere), not "
            + ("both" if link.page else "neither"),
            "e.g. '- page: tentang' or '- url: https://example.org/' with a label",
        )
    elif link.url is not None and link.label is None:
        yield error(
            site.path, *site.where(*where, "url"), "missing-field", "a link to another site needs a label", "add 'label: …'"
        )
    elif link.page is not None and link.page not in BUILTIN_PAGES and link.page not in content.pages:
        known = [*BUILTIN_PAGES, *sorted(content.pages)]
        yield error(
            site.path,
            *site.where(*where, "page"),
            "unknown-reference",
            f"there is no page '{link.page}': not one of the site's own pages nor in content/pages/",
            did_you_mean(link.page, known) or "one of: " + ", ".join(known),
        )


def inspect_theme_files(root: Path, site: Entry[Site]) -> tuple[dict[str, ThemeImage], list[Diagnostic]]:
    """The logo and favicon named in site.yaml, each opened and decoded: what they are, or what is wrong."""
    theme = site.model.theme
    wanted: list[tuple[str, str, tuple[str, ...], dict[str, str]]] = []
    if theme.logo is not None:
        wanted.append(("logo", theme.logo.file, ("theme", "logo", "file"), LOGO_FORMATS))
    if theme.favicon is not None:
        wanted.append(("favicon", theme.favicon, ("theme", "favicon"), FAVICON_FORMATS))
    found: dict[str, ThemeImage] = {}
    problems: list[Diagnostic] = []
    for name, rel, where, formats in wanted:
        image, problem = _inspect(root, rel, formats)
        if image is not None:
            found[name] = image
        else:
            what, fix = problem
            problems.append(error(site.path, *site.where(*where), "bad-theme-file", f"{rel} {what}", fix))
    return found, problems


def _inspect(root: Path, rel: str, formats: dict[str, str]) -> tuple[ThemeImage | None, tuple[str, str]]:
    names = " or ".join(formats)
    try:
        path = (root / rel).resolve(strict=True)
    except (OSError, RuntimeError):
        return None, ("does not exist", f"put the image there, or correct the path (a {names} file in templates/static/)")
    if not path.is_relative_to(root.resolve()):
        return None, ("leads outside the project", "copy the image into templates/static/ instead of linking to it")
    if not path.is_file():
        return None, ("is not a file", f"name a {names} file")
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_IMAGE_BYTES + 1)
    except OSError as exc:
        return None, (f"cannot be read: {exc.strerror or exc}", "check the file's permissions")
    if len(data) > MAX_IMAGE_BYTES:
        return None, ("is larger than 2 MiB", "use a smaller image; a logo needs a few kilobytes")
    from PIL import Image  # only a project with a logo or favicon pays for the import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a damaged file that Pillow reads with a warning is not an image to publish
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format or "", image.size
                if kind not in formats:
                    return None, (f"is a {kind or 'unknown'} image", f"use a {names} file")
                if width * height > MAX_IMAGE_PIXELS:
                    return None, (f"is {width}×{height} pixels, more than 4096×4096", "use a smaller image")
                image.load()  # decodes every pixel: a truncated or corrupt file fails here
    except Exception as exc:  # Pillow raises many kinds (OSError, SyntaxError, ValueError...) for bad data
        return None, (f"is not a {names} image that can be read ({type(exc).__name__})", f"save it again as {names}")
    return ThemeImage(rel, width, height, formats[kind]), ("", "")
