"""A record file's bytes and text: read within a size limit, UTF-8 only, line ends made uniform."""

from __future__ import annotations

from pathlib import Path

from generator.core.diagnostics import Diagnostic, error

MAX_FILE_BYTES = 1024 * 1024


def read_bytes(path: Path, rel: str) -> tuple[bytes | None, list[Diagnostic]]:
    """A file's bytes, reading at most one byte past the size limit so `decode` can refuse a huge file
    without holding it in memory."""
    try:
        with path.open("rb") as stream:
            return stream.read(MAX_FILE_BYTES + 1), []
    except OSError as exc:
        return None, [
            error(
                rel,
                1,
                1,
                "unreadable",
                f"cannot read the file: {exc.strerror or exc}",
                "check that it is a regular file you are allowed to read",
            )
        ]


def decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text: size limit, UTF-8 only (a BOM is dropped), CRLF becomes LF."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            error(
                path,
                1,
                1,
                "file-too-large",
                f"file is larger than the limit of {MAX_FILE_BYTES:,} bytes (1 MiB)",
                "split the text or move long material out of the record",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            error(
                path,
                line,
                column,
                "encoding",
                "file is not valid UTF-8",
                "save the file as UTF-8 (in VS Code: 'Save with Encoding' > UTF-8)",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []
