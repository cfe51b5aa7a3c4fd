"""A palette PNG assembled from pieces of its zlib stream that were compressed separately.

Each piece is raw deflate data of whole scanlines, ended on a byte boundary, with the Adler-32 and
length of its rows; pieces compressed once (a repeated band, blank rows) are reused as they are. Knows
PNG and zlib, never what the picture shows.
"""

from __future__ import annotations

import struct
import zlib
from functools import cache
from typing import NamedTuple


class Rows(NamedTuple):
    """Consecutive scanlines as one piece of the image's zlib stream."""

    deflated: bytes
    adler: int
    length: int


def deflate(raw: bytes, level: int) -> Rows:
    """`raw` (scanlines, each with its filter-type byte) as a piece of the stream."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)  # raw deflate: no header, no checksum
    return Rows(compressor.compress(raw) + compressor.flush(zlib.Z_SYNC_FLUSH), zlib.adler32(raw), len(raw))


def scanlines(indices, level: int) -> Rows:
    """Rows of palette indices (a Pillow "L" image), each after a filter-type byte 0: flat pictures
    compress well without filtering."""
    from PIL import Image

    strip = Image.new("L", (indices.width + 1, indices.height), 0)
    strip.paste(indices, (1, 0))
    return deflate(strip.tobytes(), level)


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def palette_chunk(colours: list[tuple[int, int, int]]) -> bytes:
    return chunk(b"PLTE", b"".join(bytes(c) for c in colours))


def png(width: int, height: int, palette: bytes, pieces: list[Rows], level: int) -> bytes:
    """An 8-bit palette PNG: `palette` is its PLTE chunk, `pieces` its rows from top to bottom, compressed
    at `level` (which the zlib header names)."""
    return _head(width, height) + palette + chunk(b"IDAT", zlib_stream(pieces, level)) + _END


def zlib_stream(pieces: list[Rows], level: int) -> bytes:
    """One zlib stream of the pieces: their deflate data in order, a last empty block, the checksum."""
    adler = 1
    for piece in pieces:
        adler = adler32_combine(adler, piece.adler, piece.length)
    header, last_block = _framing(level)
    return header + b"".join(piece.deflated for piece in pieces) + last_block + struct.pack(">I", adler)


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings joined, from theirs (zlib's adler32_combine, missing in Python)."""
    base = 65521
    rem = second_length % base
    low = ((first & 0xFFFF) + (second & 0xFFFF) + base - 1) % base
    high = (rem * (first & 0xFFFF) + (first >> 16) + (second >> 16) + base - rem) % base
    return low | high << 16


@cache
def _head(width: int, height: int) -> bytes:
    """The signature and the IHDR chunk of an 8-bit palette image: the same for every image of a size."""
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))


@cache
def _framing(level: int) -> tuple[bytes, bytes]:
    """The zlib header for `level`, and an empty deflate block marked last."""
    return zlib.compress(b"", level)[:2], zlib.compressobj(level, zlib.DEFLATED, -15).flush()


_END = chunk(b"IEND", b"")
