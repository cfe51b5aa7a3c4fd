"""Write a finished site (relative path -> bytes) into a folder atomically.

A staging folder beside the output is filled completely, then swapped in. Knows
nothing of pages or templates: only paths and bytes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


class OutputError(Exception):
    """The planned files cannot be written safely (bad path, collision, output is not a folder)."""


@dataclass(frozen=True)
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def check_path(path: str) -> str:
    """Refuse anything that could land outside the output folder or be read two ways."""
    if not path or path.startswith("/") or "\\" in path or "\0" in path:
        raise OutputError(f"refusing to write '{path}': not a plain relative path")
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise OutputError(f"refusing to write '{path}': empty, '.' or '..' segment")
    return path


def _check_tree(paths: list[str]) -> None:
    folders = {"/".join(p.split("/")[:i]) for p in paths for i in range(1, p.count("/") + 1)}
    clash = sorted(folders.intersection(paths))
    if clash:
        raise OutputError(f"refusing to write '{clash[0]}': it is both a file and a folder")


def _previous_files(output: Path) -> dict[str, Path]:
    if not output.is_dir():
        return {}
    found: dict[str, Path] = {}
    for root, _dirs, names in os.walk(output):
        for name in names:
            full = Path(root, name)
            found[full.relative_to(output).as_posix()] = full
    return found


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False when the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


def write_site(files: dict[str, bytes], output: Path) -> WriteStats:
    """Replace `output` with exactly `files`; a failure leaves the previous folder untouched."""
    paths = sorted(check_path(p) for p in files)
    _check_tree(paths)
    output = Path(output).absolute()
    if output.exists() and not output.is_dir():
        raise OutputError(f"output '{output.name}' exists and is not a folder")
    output.parent.mkdir(parents=True, exist_ok=True)
    previous = _previous_files(output)

    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.staging-", dir=output.parent))
    written = unchanged = 0
    try:
        os.chmod(staging, 0o755)
        for path in paths:
            data = files[path]
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            old = previous.get(path)
            if old is not None and old.stat().st_size == len(data) and old.read_bytes() == data:
                unchanged += 1
                try:  # unchanged bytes: share the old file instead of writing it again
                    os.link(old, target)
                    continue
                except OSError:
                    pass
            else:
                written += 1
            target.write_bytes(data)
        _swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    removed = len(set(previous) - set(paths))
    return WriteStats(written=written, unchanged=unchanged, removed=removed)


def _swap_in(staging: Path, output: Path) -> None:
    if not output.exists():
        os.rename(staging, output)
        return
    if _exchange(staging, output):
        shutil.rmtree(staging)  # now holds the old tree
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    os.rmdir(retired)
    os.rename(output, retired)
    os.rename(staging, output)
    shutil.rmtree(retired, ignore_errors=True)
