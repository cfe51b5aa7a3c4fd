"""The output tree as files and folders: safe relative paths, what a folder holds, and the atomic swap
of a finished staging folder into the place of the site. Paths and bytes only.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import tempfile
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


class OutputError(Exception):
    """The planned files cannot be written safely (bad path, collision, output is not a folder)."""


def check_path(path: str) -> str:
    """Refuse anything that could land outside the output folder or be read two ways."""
    if not path or path.startswith("/") or "\\" in path or "\0" in path:
        raise OutputError(f"refusing to write '{path}': not a plain relative path")
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise OutputError(f"refusing to write '{path}': empty, '.' or '..' segment")
    return path


def check_tree(paths: list[str]) -> None:
    folders = folders_of(paths)
    clash = sorted(folders.intersection(paths))
    if clash:
        raise OutputError(f"refusing to write '{clash[0]}': it is both a file and a folder")


def exchange(a: Path, b: Path) -> bool:
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


def read_file(path: str) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


def scan(root: Path) -> tuple[set[str], set[str]]:
    """Every file (anything but a folder) and every folder under `root`, as relative paths."""
    files: set[str] = set()
    folders: set[str] = set()
    stack = [("", str(root))]
    while stack:
        prefix, folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                for item in listing:
                    rel = prefix + item.name
                    if item.is_dir(follow_symlinks=False):
                        folders.add(rel)
                        stack.append((rel + "/", item.path))
                    else:
                        files.add(rel)
        except OSError:
            continue
    return files, folders


def folders_of(paths) -> set[str]:
    return {"/".join(p.split("/")[:i]) for p in paths for i in range(1, p.count("/") + 1)}


def swap_in(staging: Path, output: Path) -> Path | None:
    """Put `staging` in the place of `output`; returns the folder now holding the previous site, if any."""
    if not output.exists():
        os.rename(staging, output)
        return None
    if exchange(staging, output):
        return staging  # now holds the old tree
    # Without renameat2 there is a moment with no output folder; a crash right then is repaired
    # by the next build (see outputlock.clean_leftovers), and a failed second rename is undone here.
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    os.rmdir(retired)
    os.rename(output, retired)
    try:
        os.rename(staging, output)
    except BaseException:
        os.rename(retired, output)
        raise
    return retired


def count_missing(folder: Path, kept) -> int:
    """How many files of the previous site (in `folder`) the new site no longer has."""
    missing = 0
    for root, _dirs, names in os.walk(folder):
        relative = os.path.relpath(root, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        missing += sum(1 for name in names if prefix + name not in kept)
    return missing
