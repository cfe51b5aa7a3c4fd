"""The search index: Pagefind (the binary of the `pagefind` package) run over the rendered pages.

`index_site` takes the rendered files and returns Pagefind's bundle as more files (path -> bytes) plus
diagnostics; it never touches the output folder, so a failed index leaves the previous site as it was.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

from generator.diagnostics import Diagnostic, error
from generator.cache import Store

BUNDLE_DIR = "pagefind"
BODY_MARKER = b"data-pagefind-body"  # only pages carrying it are indexed: published claim pages
TIMEOUT_SECONDS = 3600
INSTALL_HINT = "install the search indexer with: pip install 'pagefind[extended]'"
_last: dict[str, dict[str, bytes]] = {}  # the newest bundle by input hash: a preview rebuild with unchanged pages skips Pagefind


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


def indexable(files: dict[str, bytes]) -> list[str]:
    """Pages Pagefind should read, sorted: HTML marked with data-pagefind-body."""
    return sorted(p for p, data in files.items() if p.endswith(".html") and BODY_MARKER in data)


def index_site(files: dict[str, bytes], store: Store | None = None) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """Pagefind's bundle for these pages under pagefind/; nothing (and no error) when no page is searchable.

    The bundle of identical pages is reused (from this process or the persistent `store`): Pagefind's
    own output is not byte-stable, and indexing a large site takes longer than rendering it."""
    pages = indexable(files)
    if not pages:
        return {}, []
    binary = find_pagefind()
    if binary is None:
        return {}, [error(BUNDLE_DIR, 1, 1, "search-index", "the Pagefind binary was not found", INSTALL_HINT)]
    key = index_key(files, pages, binary)
    if key in _last:
        return dict(_last[key]), []
    stored = store.get(key) if store is not None else None
    if stored is not None:
        bundle, problems = stored, []
    else:
        bundle, problems = _run_pagefind(files, pages, binary)
    if not problems:
        _last.clear()
        _last[key] = bundle
        if store is not None:
            store.put(key, bundle)
    return dict(bundle), problems


def index_key(files: dict[str, bytes], pages: list[str], binary: Path) -> str:
    """A content hash of everything the index depends on: the pages and the Pagefind binary."""
    stat = binary.stat()
    digest = hashlib.sha256(f"{binary}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    for path in pages:
        digest.update(b"\0%s\0%d\0" % (path.encode(), len(files[path])))
        digest.update(files[path])
    return digest.hexdigest()


def _run_pagefind(files: dict[str, bytes], pages: list[str], binary: Path) -> tuple[dict[str, bytes], list[Diagnostic]]:
    with tempfile.TemporaryDirectory(prefix="factcheck-pagefind-") as tmp:
        site, out = Path(tmp, "site"), Path(tmp, "out")
        for path in pages:
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
        # cwd is the empty temporary folder, so no pagefind.yml of the caller changes the index.
        command = [str(binary), "--site", str(site), "--output-path", str(out), "--silent"]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        try:
            proc = subprocess.run(command, cwd=tmp, env=env, capture_output=True, timeout=TIMEOUT_SECONDS,
                                  stdin=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError) as exc:
            return {}, [error(BUNDLE_DIR, 1, 1, "search-index", f"Pagefind could not run: {exc}", INSTALL_HINT)]
        if proc.returncode != 0 or not out.is_dir():
            said = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
            detail = said[-1] if said else f"exit status {proc.returncode}"
            return {}, [error(BUNDLE_DIR, 1, 1, "search-index", f"Pagefind failed to index the site: {detail}",
                              "the previous site was kept; rerun with the same content to see if it persists")]
        bundle: dict[str, bytes] = {}
        for root, dirs, names in os.walk(out):
            dirs.sort()
            for name in sorted(names):
                full = Path(root, name)
                bundle[f"{BUNDLE_DIR}/{full.relative_to(out).as_posix()}"] = full.read_bytes()
    return bundle, []
