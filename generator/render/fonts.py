"""The font of the share images, and text fitted to a width with it: measured, wrapped, cut.

Widths add up from cached per-character advances (Lato has no kerning, and the BASIC layout places one
glyph per character), so wrapping a claim asks FreeType nothing new. Knows Pillow and the `font-lato`
package, never what a picture shows.
"""

from __future__ import annotations

import hashlib
import io
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate

FONT_FILES = {"bold": "Lato-Bold.ttf", "black": "Lato-Black.ttf"}


class OgImageError(Exception):
    """The image cannot be drawn (the font package is missing or unreadable)."""


def font_path(name: str):
    try:
        return resources.files("font_lato") / "files" / FONT_FILES[name]
    except ModuleNotFoundError as exc:
        raise OgImageError("the font package 'font-lato' is not installed (pip install font-lato)") from exc


@cache
def font_fingerprint() -> str:
    """A hash of the font files, part of every cache key: a new font version redraws every image."""
    digest = hashlib.sha256()
    for name in sorted(FONT_FILES):
        digest.update(font_path(name).read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=64)
def load_font(name: str, size: int):
    from PIL import ImageFont

    try:
        data = font_path(name).read_bytes()
    except OSError as exc:
        raise OgImageError(f"cannot read the font {FONT_FILES[name]}: {exc}") from exc
    # BASIC layout: libraqm may or may not be present, and would change the bytes from machine to machine.
    return ImageFont.truetype(io.BytesIO(data), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=65536)
def text_width(name: str, size: int, text: str) -> float:
    """The advance width of `text`: the sum of its characters' advances.

    The BASIC layout places one glyph per character, Lato has no `kern` table and hinted advances are
    whole pixels, so widths add up exactly (a test guards this); asking FreeType to measure every
    candidate line while wrapping took 1.4 of the 5 ms an image used to cost."""
    advances = _advances(name, size)
    total = 0.0
    for char in text:
        advance = advances.get(char)
        if advance is None:
            advance = advances[char] = load_font(name, size).getlength(char)
        total += advance
    return total


@lru_cache(maxsize=64)
def _advances(name: str, size: int) -> dict[str, float]:
    return {}  # filled by `_width`: one FreeType call per character and size


def wrap(text: str, name: str, size: int, width: int) -> list[str]:
    """Greedy word wrap by measured width; a word longer than the line is cut by characters."""
    space = text_width(name, size, " ")
    lines: list[str] = []
    current, used = "", 0.0
    for word in text.split():
        length = text_width(name, size, word)
        if current and used + space + length <= width:
            current, used = f"{current} {word}", used + space + length
            continue
        if current:
            lines.append(current)
        if length > width:
            *pieces, word = cut(word, name, size, width)
            lines.extend(pieces)
            length = text_width(name, size, word)
        current, used = word, length
    if current:
        lines.append(current)
    return lines


def cut(word: str, name: str, size: int, width: int) -> list[str]:
    """`word` in pieces, each the longest prefix of the rest that fits (at least one character)."""
    ends = list(accumulate(text_width(name, size, char) for char in word))
    pieces, start, before = [], 0, 0.0
    while start < len(word):
        stop = max(start + 1, bisect_right(ends, before + width, start))
        pieces.append(word[start:stop])
        start, before = stop, ends[stop - 1]
    return pieces


def fit_line(text: str, name: str, sizes: Iterable[int], width: int) -> tuple[str, int]:
    """The largest size at which `text` fits on one line; at the smallest size, cut with an ellipsis."""
    # Hostile lengths: no visible glyph is narrower than a pixel, so more than `width` characters never
    # fit, and measuring a 200 kB title whole took half a second a call. The cut is found by bisection:
    # trimming one character at a time took a minute for a title of a few kilobytes.
    whole = len(text) <= width
    text = text[: width + 1]
    size = 0
    for size in sizes:
        if whole and text_width(name, size, text) <= width:
            return text, size
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(name, size, text[:middle] + "…") <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…", size


def fit_block(text: str, name: str, sizes: Iterable[int], width: int, height: int) -> tuple[list[str], int]:
    lines, size = [text], 0
    for size in sizes:
        lines = wrap(text, name, size, width)
        if len(lines) * round(size * 1.25) <= height:
            return lines, size
    keep = max(1, height // round(size * 1.25))
    if len(lines) > keep:
        lines = lines[:keep]
        lines[-1] = fit_line(lines[-1] + " …", name, [size], width)[0]
    return lines, size
