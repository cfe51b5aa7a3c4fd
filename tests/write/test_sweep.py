"""A large retired site folder is deleted by a detached process; small ones at once; abandoned ones again."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.write import sweep

pytest.importorskip("fcntl")


def fill(folder: Path, folders: int) -> None:
    for i in range(folders):
        (folder / "claims" / f"c{i}").mkdir(parents=True)
        (folder / "claims" / f"c{i}" / "index.html").write_text("x")


def wait_gone(parent: Path, prefix: str, seconds: float = 30) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = [p.name for p in parent.iterdir() if p.name.startswith(prefix)]
        if not left:
            return []
        time.sleep(0.05)
    return left


def test_a_small_folder_is_deleted_at_once(tmp_path: Path) -> None:
    old = tmp_path / ".site.old-1"
    fill(old, 5)
    sweep.retire(old, tmp_path / "site")
    assert list(tmp_path.iterdir()) == []


def test_a_large_folder_is_deleted_in_the_background(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sweep, "BACKGROUND_ENTRIES", 10)
    old = tmp_path / ".site.old-1"
    fill(old, 20)
    sweep.retire(old, tmp_path / "site")
    assert not old.exists(), "the folder is renamed out of the way before the build returns"
    assert wait_gone(tmp_path, ".site.sweep-") == []


def test_an_abandoned_sweep_is_restarted_and_a_live_one_left_alone(tmp_path: Path) -> None:
    abandoned = tmp_path / ".site.sweep-dead"
    fill(abandoned, 3)
    live = tmp_path / ".site.sweep-live"
    fill(live, 3)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDONLY); fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('locked', flush=True); time.sleep(60)",
            str(live),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        sweep.sweep_abandoned(tmp_path / "site")
        deadline = time.monotonic() + 30
        while abandoned.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not abandoned.exists()
        assert live.exists(), "a folder whose sweeper still runs is not touched"
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
