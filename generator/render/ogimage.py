"""Open Graph images for claim pages: a 1200×630 palette PNG with the verdict, the short claim and the site name.

`render_og_image` is a pure function of plain values returning PNG bytes (cacheable, safe in worker
processes); it knows Pillow and the font of the `font-lato` package, never records, templates or files.

Drawing is cheap because nearly everything is done once per process and reused: glyphs, words, the
verdict band and the footer are kept as palette indices, and the band, the footer and blank rows also
as compressed pieces of the PNG's zlib stream (see pngpieces), so each image compresses only its rows
of claim text.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from generator.plan.urls import SHARE_IMAGE_SIZE
from generator.render.fonts import FONT_FILES, OgImageError, fit_block, fit_line, font_fingerprint, load_font, text_width  # noqa: F401 - OgImageError, FONT_FILES: part of this API
from generator.render.pngpieces import Rows, deflate, palette_chunk, png, scanlines

if TYPE_CHECKING:  # for annotations only: Pillow is imported where it draws
    from PIL import Image

WIDTH, HEIGHT = SHARE_IMAGE_SIZE
MARGIN = 60
BAND_HEIGHT = 170  # the verdict band at the top
FOOTER_TOP = 520  # the rule and the site name below the claim
BODY_TOP, BODY_HEIGHT = BAND_HEIGHT + 20, FOOTER_TOP - BAND_HEIGHT - 40  # the area the claim is centred in
CLAIM_SIZES = range(64, 35, -4)
LEVELS = 16  # anti-aliasing steps per colour ramp; three ramps fit an 8-bit palette
BAND_BASE, TEXT_BASE, MUTED_BASE = 0, LEVELS, 2 * LEVELS  # palette index of each ramp's first colour
# Measured: rows with claim text are compressed per image, where level 2 draws an image 15% faster than 3
# for 4% more bytes (1 is no faster); the band, the footer and blank rows once per process, at the best level.
ZLIB_LEVEL, CACHED_ZLIB_LEVEL = 2, 9
FORMAT_VERSION = "2"  # bump when the drawing or the encoding changes, so cached images are redrawn

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


@dataclass(frozen=True)
class OgImageInputs:
    """Everything the picture depends on; equal inputs give equal bytes."""

    verdict_label: str
    bucket: str
    claim_short: str
    site_name: str


def cache_key(inputs: OgImageInputs) -> str:
    """A content hash of the inputs, the drawing version, Pillow's version, zlib's and the font."""
    import PIL

    from generator import __version__

    # The zlib actually loaded, not the one Python was built with: it is the one writing the bytes.
    parts = [FORMAT_VERSION, __version__, PIL.__version__, zlib.ZLIB_RUNTIME_VERSION, font_fingerprint(), *astuple(inputs)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def render_og_image(inputs: OgImageInputs) -> bytes:
    """The PNG bytes of one share image (deterministic for equal inputs and library versions)."""
    quoted = f"“{inputs.claim_short.strip()}”"
    lines, size = fit_block(quoted, "bold", CLAIM_SIZES, WIDTH - 2 * MARGIN, BODY_HEIGHT)
    rows = [_band(inputs.verdict_label), *_claim(lines, size), _footer(inputs.site_name)]
    return png(WIDTH, HEIGHT, _palette(inputs.bucket), rows, ZLIB_LEVEL)


# Drawing: "L" images holding palette indices, never colours


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _ramp(start: str, end: str) -> list[tuple[int, int, int]]:
    a, b = _rgb(start), _rgb(end)
    return [tuple(round(a[c] + (b[c] - a[c]) * i / (LEVELS - 1)) for c in range(3)) for i in range(LEVELS)]  # type: ignore[misc]


def _lut(base: int) -> list[int]:
    """Coverage 0–255 to a palette index in the ramp starting at `base`."""
    return [base + (v * (LEVELS - 1) + 127) // 255 for v in range(256)]


Placed = tuple["Image.Image", int, int]  # an index picture and the position of its top left corner


def _composite(target: Image.Image, placed: Iterable[Placed]) -> None:
    """Paste text-ramp pictures; where boxes overlap, the larger index, i.e. the darker ink, wins.

    That is how FreeType's glyphs are joined into a word (the larger coverage wins, and the coverage to
    index table keeps the order), so words built here from cached glyphs are the words Pillow draws."""
    from PIL import ImageChops

    boxes: list[tuple[int, int, int, int]] = []
    for picture, x, y in placed:
        box = (x, y, x + picture.width, y + picture.height)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            picture = ImageChops.lighter(target.crop(box), picture)
        target.paste(picture, box)
        boxes.append(box)


@lru_cache(maxsize=1024)
def _glyph(name: str, size: int, char: str) -> tuple[Image.Image | None, int, int]:
    """One character drawn once by FreeType, as text-ramp indices, with its offset from the pen."""
    from PIL import Image, ImageDraw

    font = load_font(name, size)
    left, top, right, bottom = font.getbbox(char)
    if right <= left or bottom <= top:
        return None, 0, 0
    coverage = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(coverage).text((-left, -top), char, fill=255, font=font)
    return coverage.point(_lut(TEXT_BASE)), left, top


@lru_cache(maxsize=4096)
def _word(name: str, size: int, word: str) -> tuple[Image.Image | None, int, int]:
    """One word built from cached glyphs and reused: claims share most of their words, and FreeType
    took up to a millisecond to draw a word, which a site with a large vocabulary pays for every word."""
    from PIL import Image

    placed, pen = [], 0.0
    for char in word:
        picture, left, top = _glyph(name, size, char)
        if picture is not None:
            placed.append((picture, int(pen) + left, top))
        pen += text_width(name, size, char)
    if not placed:
        return None, 0, 0
    left, top = min(x for _, x, _ in placed), min(y for _, _, y in placed)
    right, bottom = max(x + p.width for p, x, _ in placed), max(y + p.height for p, _, y in placed)
    picture = Image.new("L", (right - left, bottom - top), TEXT_BASE)
    _composite(picture, [(p, x - left, y - top) for p, x, y in placed])
    return picture, left, top


def _placements(lines: list[str], size: int) -> list[Placed]:
    """Each drawn word of the claim at its canvas position, the lines centred in the claim's area."""
    step = round(size * 1.25)
    top = BODY_TOP + (BODY_HEIGHT - step * len(lines)) // 2
    space = text_width("bold", size, " ")
    placed = []
    for n, line in enumerate(lines):
        x = float(MARGIN)
        for word in line.split(" "):
            picture, left, above = _word("bold", size, word)
            if picture is not None:
                placed.append((picture, round(x) + left, top + n * step + above))
            x += text_width("bold", size, word) + space
    return placed


def _ink_rows(placed: list[Placed]) -> list[tuple[int, int]]:
    """The canvas rows holding words, merged into ranges and clipped to the claim's area."""
    ranges: list[list[int]] = []
    for top, bottom in sorted((max(y, BODY_TOP), min(y + p.height, BODY_TOP + BODY_HEIGHT)) for p, _, y in placed):
        if top >= bottom:
            continue
        if ranges and top <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], bottom)
        else:
            ranges.append([top, bottom])
    return [(top, bottom) for top, bottom in ranges]


def _claim(lines: list[str], size: int) -> list[Rows]:
    """The rows from the band to the footer: blank runs come compressed from a cache, only the rows
    with words are drawn and compressed."""
    from PIL import Image

    placed = _placements(lines, size)
    pieces, y = [], BAND_HEIGHT
    for top, bottom in _ink_rows(placed):
        strip = Image.new("L", (WIDTH, bottom - top), TEXT_BASE)
        _composite(
            strip, [(p, x, word_top - top) for p, x, word_top in placed if word_top < bottom and word_top + p.height > top]
        )
        if top > y:
            pieces.append(_blank(top - y))
        pieces.append(scanlines(strip, ZLIB_LEVEL))
        y = bottom
    pieces.append(_blank(FOOTER_TOP - y))
    return pieces


@lru_cache(maxsize=256)
def _band(label: str) -> Rows:
    """The verdict band; there are few verdicts, so it is drawn and compressed once per label. Its indices
    run from the band colour (0) to white (15): the colour itself comes with the palette."""
    from PIL import Image, ImageDraw

    text, size = fit_line(label, "black", range(104, 39, -4), WIDTH - 2 * MARGIN)
    mask = Image.new("L", (WIDTH, BAND_HEIGHT), 0)
    font = load_font("black", size)
    top, bottom = font.getbbox("ÁgjÉ")[1], font.getbbox("ÁgjÉ")[3]
    ImageDraw.Draw(mask).text((MARGIN, (BAND_HEIGHT - (bottom - top)) // 2 - top), text, fill=255, font=font)
    return scanlines(mask.point(_lut(BAND_BASE)), CACHED_ZLIB_LEVEL)


@lru_cache(maxsize=64)
def _footer(site_name: str) -> Rows:
    from PIL import Image, ImageDraw

    text, size = fit_line(site_name, "bold", range(40, 23, -2), WIDTH - 2 * MARGIN)
    mask = Image.new("L", (WIDTH, HEIGHT - FOOTER_TOP), 0)
    ImageDraw.Draw(mask).text((MARGIN, 40), text, fill=255, font=load_font("bold", size))
    indices = mask.point(_lut(MUTED_BASE))
    ImageDraw.Draw(indices).rectangle((MARGIN, 0, WIDTH - MARGIN, 2), fill=MUTED_BASE + LEVELS // 4)
    return scanlines(indices, CACHED_ZLIB_LEVEL)


# Encoding


@lru_cache(maxsize=64)
def _blank(height: int) -> Rows:
    return deflate((b"\0" + bytes([TEXT_BASE]) * WIDTH) * height, CACHED_ZLIB_LEVEL)


@lru_cache(maxsize=16)
def _palette(bucket: str) -> bytes:
    """The PLTE chunk: the band ramp in the bucket's colour, then the text and the muted ramps."""
    band_colour = BUCKET_COLOURS.get(bucket, BUCKET_COLOURS["other"])
    return palette_chunk(_ramp(band_colour, BACKGROUND) + _ramp(BACKGROUND, TEXT) + _ramp(BACKGROUND, MUTED))
