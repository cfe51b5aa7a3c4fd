"""What the cache keeps per output folder: the record of the last build's files (so the next build
takes unchanged pages over) and the spare, the site that folder held before (filled again next time)."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from generator.write.sweep import retire
from generator.write.writer import Written

RECORDS_KEPT = 4  # output folders remembered at once (the site, a preview or two, a CI folder)


def _output_name(output: Path) -> str:
    return hashlib.blake2b(os.fsencode(Path(output).absolute()), digest_size=8).hexdigest()


def _record_path(cache_dir: Path, output: Path) -> Path:
    """One record per output folder, so `build` and `serve` (which builds elsewhere) do not spoil each other's."""
    return cache_dir / f"outputs-{_output_name(output)}.pickle"


def spare_path(cache_dir: Path, output: Path) -> Path:
    """Where the site an output folder held before its last build is kept, for the next build to fill again."""
    return cache_dir / "spare" / _output_name(output)


def load_record(cache_dir: Path, output: Path) -> dict[str, Written]:
    """The record the last successful build into `output` left in the cache; empty when there is none."""
    try:
        with _record_path(cache_dir, output).open("rb") as stream:
            folder, files = pickle.load(stream)
    except Exception:  # missing, truncated or foreign: the next build simply renders everything
        return {}
    return files if folder == str(Path(output).absolute()) and isinstance(files, dict) else {}


def save_record(cache_dir: Path, output: Path, files: dict[str, Written]) -> None:
    target = _record_path(cache_dir, output)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=cache_dir)
        with os.fdopen(fd, "wb") as stream:
            pickle.dump((str(Path(output).absolute()), files), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, target)
        older = sorted(cache_dir.glob("outputs-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[RECORDS_KEPT:]:
            stale.unlink(missing_ok=True)
            spare = cache_dir / "spare" / stale.stem.removeprefix("outputs-")
            if spare.is_dir() and not spare.is_symlink():
                retire(spare, spare)  # swept inside the cache folder
    except OSError:
        pass  # without a record the next build renders every page again; nothing is wrong


def forget_record(cache_dir: Path, output: Path) -> None:
    _record_path(cache_dir, output).unlink(missing_ok=True)


def forget_output(cache_dir: Path, output: Path) -> None:
    """Drop what the cache keeps for an output folder that is going away (a preview's): its record and spare."""
    forget_record(cache_dir, output)
    spare = spare_path(cache_dir, output)
    if spare.is_dir() and not spare.is_symlink():
        retire(spare, spare)
