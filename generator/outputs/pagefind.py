"""Running Pagefind (the binary of the `pagefind` package) over documents written to a scratch folder,
and reading its bundle back in a fixed order. Never downloads anything, never touches the output folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.core.diagnostics import Diagnostic, error
from generator.outputs.searchorder import in_fixed_order
from generator.write.sweep import left_by_dead_processes

BUNDLE_DIR = "pagefind"
TIMEOUT_SECONDS = 3600
MEMORY_DIR = Path("/dev/shm")  # tmpfs on Linux: where Pagefind's input and output go when there is room
SCRATCH_PREFIX = "factcheck-pagefind-"  # then the build's process id, so the folders of killed builds can be found
INSTALL_HINT = "install the search indexer with: pip install 'pagefind[extended]'"
# Languages Pagefind has no stemmer for, indexed with a close relative's stemmer instead of none: Malay
# shares Indonesian's affixes (meN-, ber-, di-, ter-, -kan, -an, -i, -nya, -lah). The browser then finds
# the one index under the relative's name (Pagefind falls back to the largest index).
STEMMED_AS = {"ms": "id"}
_LANG = re.compile(rb"<html\s[^>]*?\blang=\"([A-Za-z0-9-]+)\"", re.IGNORECASE)


def find_pagefind() -> Path | None:
    """The Pagefind binary that ships in the Python package (or PAGEFIND_BINARY_PATH); never downloads."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    try:
        found = get_executable()
    except (OSError, FileNotFoundError):
        return None
    return found if found is not None and found.is_file() else None


def scratch_dir(size: int) -> Path | None:
    """A folder in memory for Pagefind's files when it has room for them (three times the documents' bytes),
    else None: the default temporary folder. Creating 10,000 files on a disk file system can cost 10 s and
    more of kernel time (ext4 searches its inode tables for recently deleted inodes); on tmpfs, 0.3 s."""
    try:
        if MEMORY_DIR.is_dir() and os.access(MEMORY_DIR, os.W_OK | os.X_OK):
            room = os.statvfs(MEMORY_DIR)
            return MEMORY_DIR if room.f_bavail * room.f_frsize > 3 * size else None
    except OSError:
        pass
    return None


def remove_leftovers(folder: Path) -> None:
    """Remove the scratch folders of builds that were killed (SIGKILL skips all cleanup): in memory they would
    hold RAM until the next reboot. Only this user's folders whose process is gone."""
    for old in left_by_dead_processes(folder, SCRATCH_PREFIX):
        shutil.rmtree(old, ignore_errors=True)


def run_pagefind(documents: dict[str, bytes], binary: Path) -> tuple[dict[str, bytes], list[Diagnostic]]:
    return start_pagefind(documents, binary).finish()


class PagefindRun:
    """One Pagefind process over documents written to a scratch folder; its output goes to a file there
    (not a pipe, which could fill up while nobody reads it)."""

    def __init__(self, folder: Path, proc: subprocess.Popen | None, failure: str | None = None):
        self.folder, self.proc, self.failure = folder, proc, failure

    def cancel(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def finish(self) -> tuple[dict[str, bytes], list[Diagnostic]]:
        try:
            return self._collect()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _collect(self) -> tuple[dict[str, bytes], list[Diagnostic]]:
        if self.proc is None:
            return {}, [error(BUNDLE_DIR, 1, 1, "search-index", f"Pagefind could not run: {self.failure}", INSTALL_HINT)]
        try:
            code = self.proc.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            self.proc.kill()
            self.proc.wait()
            return {}, [error(BUNDLE_DIR, 1, 1, "search-index", f"Pagefind could not run: {exc}", INSTALL_HINT)]
        out = self.folder / "out"
        if code != 0 or not out.is_dir():
            said = (self.folder / "pagefind.log").read_text("utf-8", "replace").strip().splitlines()
            detail = said[-1] if said else f"exit status {code}"
            return {}, [
                error(
                    BUNDLE_DIR,
                    1,
                    1,
                    "search-index",
                    f"Pagefind failed to index the site: {detail}",
                    "the previous site was kept; rerun with the same content to see if it persists",
                )
            ]
        bundle: dict[str, bytes] = {}
        for root, dirs, names in os.walk(out):
            dirs.sort()
            for name in sorted(names):
                full = Path(root, name)
                bundle[f"{BUNDLE_DIR}/{full.relative_to(out).as_posix()}"] = full.read_bytes()
        return in_fixed_order(bundle), []


def stemming_language(documents: dict[str, bytes]) -> str | None:
    """The language to index these pages as, when their `<html lang>` is one Pagefind cannot stem."""
    languages = set()
    for document in documents.values():
        found = _LANG.search(document, 0, 4096)
        languages.add(found.group(1).decode().split("-")[0].lower() if found else "")
    only = languages.pop() if len(languages) == 1 else None
    return STEMMED_AS.get(only) if only else None


def start_pagefind(documents: dict[str, bytes], binary: Path) -> PagefindRun:
    where = scratch_dir(sum(map(len, documents.values())))
    remove_leftovers(where or Path(tempfile.gettempdir()))
    tmp = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=where))
    try:
        site, out = tmp / "site", tmp / "out"
        for path, document in documents.items():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(document)
        # cwd is the scratch folder, so no pagefind.yml of the caller changes the index.
        command = [str(binary), "--site", str(site), "--output-path", str(out), "--silent"]
        stemmed_as = stemming_language(documents)
        if stemmed_as is not None:
            command += ["--force-language", stemmed_as]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        with open(tmp / "pagefind.log", "wb") as log:
            try:
                proc = subprocess.Popen(command, cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            except (OSError, subprocess.SubprocessError) as exc:
                return PagefindRun(tmp, None, str(exc))
        return PagefindRun(tmp, proc)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
