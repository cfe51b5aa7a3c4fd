"""Small pure helpers every stage uses: text fit to quote in a message, slugs, digests of bytes."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, Protocol

MAX_SLUG_LENGTH = 100


def digest(data: bytes) -> str:
    """A short content hash: equal bytes, equal digest."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Memo(Protocol):
    """What a stage may be handed to remember results between builds (the engine's cache stores):
    it never learns where or whether they are kept."""

    def get(self, key: Any) -> Any: ...

    def put(self, key: Any, value: Any) -> None: ...

    def keep(self, keys: Iterable[Any]) -> None:
        """Count these entries as still current, without reading them."""


def printable(text: str, limit: int | None = 80) -> str:
    """Text fit to quote in a one-line message: control, invisible and bidi characters escaped
    (a right-to-left override would scramble the terminal), undecodable bytes as \\xNN, long text clipped."""
    if text.isascii() and text.isprintable() and (limit is None or len(text) <= limit):
        return text  # the common case, and the hot one: every file name passes through here
    out = []
    for ch in text if limit is None else text[:limit]:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape (file names)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") or (ch.isspace() and ch != " "):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    shown = "".join(out)
    if limit is not None and (len(shown) > limit or len(text) > limit):
        shown = shown[: limit - 1] + "…"
    return shown


def slugify(text: str) -> str:
    """A best-effort slug for hints: 'Joe Biden' -> 'joe-biden'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG_LENGTH].rstrip("-")
