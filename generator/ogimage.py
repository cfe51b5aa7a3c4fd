"""Open Graph images for claim pages: a 1200×630 palette PNG with the verdict, the short claim and the site name.

`render_og_image` is a pure function of plain values returning PNG bytes (cacheable, safe in worker
processes); it knows Pillow and the font of the `font-lato` package, never records, templates or files.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import astuple, dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

WIDTH, HEIGHT = 1200, 630
MARGIN = 60
BAND_HEIGHT = 170  # the verdict band at the top
FOOTER_TOP = 520  # the rule and the site name below the claim
LEVELS = 16  # anti-aliasing steps per colour ramp; three ramps fit an 8-bit palette
ZLIB_LEVEL = 3  # measured: faster than 1 (less output to write) and than 6, within a third of 6 in size
FORMAT_VERSION = "1"  # bump when the drawing changes, so cached images are redrawn

# Band colours per normalised bucket: dark enough for white text (contrast ≥ 4.5:1).
BUCKET_COLOURS = {
    "true": "#1e6b34",
    "mostly-true": "#3f6212",
    "mixed": "#8a5300",
    "mostly-false": "#b03a0c",
    "false": "#b3261e",
    "other": "#4b5563",
}
BACKGROUND = "#ffffff"
TEXT = "#1a1a1a"
MUTED = "#4a4a4a"
FONT_FILES = {"bold": "Lato-Bold.ttf", "black": "Lato-Black.ttf"}


class OgImageError(Exception):
    """The image cannot be drawn (the font package is missing or unreadable)."""


@dataclass(frozen=True)
class OgImageInputs:
    """Everything the picture depends on; equal inputs give equal bytes."""

    verdict_label: str
    bucket: str
    claim_short: str
    site_name: str


def _font_path(name: str):
    try:
        return resources.files("font_lato") / "files" / FONT_FILES[name]
    except ModuleNotFoundError as exc:
        raise OgImageError("the font package 'font-lato' is not installed (pip install font-lato)") from exc


@lru_cache(maxsize=None)
def font_fingerprint() -> str:
    """A hash of the font files, part of every cache key: a new font version redraws every image."""
    digest = hashlib.sha256()
    for name in sorted(FONT_FILES):
        digest.update(_font_path(name).read_bytes())
    return digest.hexdigest()[:16]


def cache_key(inputs: OgImageInputs) -> str:
    """A content hash of the inputs, the drawing version, Pillow's version and the font."""
    import PIL

    from generator import __version__

    parts = [FORMAT_VERSION, __version__, PIL.__version__, zlib.ZLIB_VERSION, font_fingerprint(), *astuple(inputs)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


@lru_cache(maxsize=64)
def _font(name: str, size: int):
    from PIL import ImageFont

    try:
        data = _font_path(name).read_bytes()
    except OSError as exc:
        raise OgImageError(f"cannot read the font {FONT_FILES[name]}: {exc}") from exc
    import io

    # BASIC layout: libraqm may or may not be present, and would change the bytes from machine to machine.
    return ImageFont.truetype(io.BytesIO(data), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=65536)
def _width(name: str, size: int, text: str) -> float:
    return _font(name, size).getlength(text)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _ramp(start: str, end: str) -> list[tuple[int, int, int]]:
    a, b = _rgb(start), _rgb(end)
    return [tuple(round(a[c] + (b[c] - a[c]) * i / (LEVELS - 1)) for c in range(3)) for i in range(LEVELS)]  # type: ignore[misc]


def _lut(base: int) -> list[int]:
    """Coverage 0–255 to a palette index in the ramp starting at `base`."""
    return [base + (v * (LEVELS - 1) + 127) // 255 for v in range(256)]


def wrap(text: str, name: str, size: int, width: int) -> list[str]:
    """Greedy word wrap by measured width; a word longer than the line is cut by characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if _width(name, size, candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while _width(name, size, word) > width:
            cut = 1
            while cut < len(word) and _width(name, size, word[:cut + 1]) <= width:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


@lru_cache(maxsize=2048)
def _word(name: str, size: int, word: str) -> tuple["object | None", int, int]:
    """One word drawn once and reused: claims share most of their words, and FreeType is the slow part."""
    from PIL import Image, ImageDraw

    font = _font(name, size)
    left, top, right, bottom = font.getbbox(word)
    if right <= left or bottom <= top:
        return None, 0, 0
    picture = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(picture).text((-left, -top), word, fill=255, font=font)
    return picture, left, top


def _fit_line(text: str, name: str, sizes: Iterable[int], width: int) -> tuple[str, int]:
    """The largest size at which `text` fits on one line; at the smallest size, cut with an ellipsis."""
    # Hostile lengths: no visible glyph is narrower than a pixel, so more than `width` characters never
    # fit, and measuring a 200 kB title whole took half a second a call. The cut is found by bisection:
    # trimming one character at a time took a minute for a title of a few kilobytes.
    whole = len(text) <= width
    text = text[: width + 1]
    size = 0
    for size in sizes:
        if whole and _width(name, size, text) <= width:
            return text, size
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if _width(name, size, text[:middle] + "…") <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…", size


def _fit_block(text: str, name: str, sizes: Iterable[int], width: int, height: int) -> tuple[list[str], int]:
    lines, size = [text], 0
    for size in sizes:
        lines = wrap(text, name, size, width)
        if len(lines) * round(size * 1.25) <= height:
            return lines, size
    keep = max(1, height // round(size * 1.25))
    if len(lines) > keep:
        lines = lines[:keep]
        lines[-1] = _fit_line(lines[-1] + " …", name, [size], width)[0]
    return lines, size


@lru_cache(maxsize=256)
def _band(label: str, base: int) -> "object":
    """The verdict band as palette indices; there are few verdicts, so it is drawn once per label."""
    from PIL import Image, ImageDraw

    text, size = _fit_line(label, "black", range(104, 39, -4), WIDTH - 2 * MARGIN)
    mask = Image.new("L", (WIDTH, BAND_HEIGHT), 0)
    font = _font("black", size)
    top, bottom = font.getbbox("ÁgjÉ")[1], font.getbbox("ÁgjÉ")[3]
    ImageDraw.Draw(mask).text((MARGIN, (BAND_HEIGHT - (bottom - top)) // 2 - top), text, fill=255, font=font)
    return mask.point(_lut(base))


@lru_cache(maxsize=64)
def _footer(site_name: str, base: int, rule: int) -> "object":
    from PIL import Image, ImageDraw

    text, size = _fit_line(site_name, "bold", range(40, 23, -2), WIDTH - 2 * MARGIN)
    mask = Image.new("L", (WIDTH, HEIGHT - FOOTER_TOP), 0)
    ImageDraw.Draw(mask).text((MARGIN, 40), text, fill=255, font=_font("bold", size))
    indices = mask.point(_lut(base))
    ImageDraw.Draw(indices).rectangle((MARGIN, 0, WIDTH - MARGIN, 2), fill=rule)
    return indices


def render_og_image(inputs: OgImageInputs) -> bytes:
    """The PNG bytes of one share image (deterministic for equal inputs and library versions)."""
    from PIL import Image

    band_colour = BUCKET_COLOURS.get(inputs.bucket, BUCKET_COLOURS["other"])
    palette = _ramp(band_colour, BACKGROUND) + _ramp(BACKGROUND, TEXT) + _ramp(BACKGROUND, MUTED)
    band_base, text_base, muted_base = 0, LEVELS, 2 * LEVELS
    # Band: white text on the verdict colour, i.e. coverage runs from the colour (0) to white (15).
    canvas = Image.new("L", (WIDTH, HEIGHT), text_base)
    canvas.paste(_band(inputs.verdict_label, band_base), (0, 0))

    body_height = FOOTER_TOP - BAND_HEIGHT - 40
    quoted = f"“{inputs.claim_short.strip()}”"
    lines, size = _fit_block(quoted, "bold", range(64, 35, -4), WIDTH - 2 * MARGIN, body_height)
    step = round(size * 1.25)
    mask = Image.new("L", (WIDTH, body_height), 0)
    top = (body_height - step * len(lines)) // 2
    space = _width("bold", size, " ")
    for n, line in enumerate(lines):
        x = float(MARGIN)
        for word in line.split(" "):
            picture, left, above = _word("bold", size, word)
            if picture is not None:
                mask.paste(255, (round(x) + left, top + n * step + above), picture)
            x += _width("bold", size, word) + space
    canvas.paste(mask.point(_lut(text_base)), (0, BAND_HEIGHT + 20))
    canvas.paste(_footer(inputs.site_name, muted_base, muted_base + LEVELS // 4), (0, FOOTER_TOP))
    return encode_png(canvas.tobytes(), WIDTH, HEIGHT, palette)


def encode_png(indices: bytes, width: int, height: int, palette: list[tuple[int, int, int]]) -> bytes:
    """An 8-bit palette PNG, filter type 0 on every row: flat pictures compress well without filtering."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + indices[y * width:(y + 1) * width] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
    plte = b"".join(bytes(c) for c in palette)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"PLTE", plte)
            + chunk(b"IDAT", zlib.compress(rows, ZLIB_LEVEL)) + chunk(b"IEND", b""))


def og_image_path(claim_id: str) -> str:
    """Where a claim's image lands in the site; the URL is the same path from the site root."""
    return f"og/{claim_id}.png"


def og_image_view(url: str, verdict_label: str, claim_short: str) -> dict[str, object]:
    """The image as page metadata: absolute URL, size and a text alternative."""
    return {"url": url, "width": WIDTH, "height": HEIGHT, "alt": f"{verdict_label}: “{claim_short}”"}
