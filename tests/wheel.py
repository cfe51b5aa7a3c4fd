"""factcheck as its users get it: the sdist and the wheel built once per test session with
`python -m build`, and the wheel installed into a fresh virtual environment outside the checkout.

The fixtures `dists` and `installed` (tests/conftest.py) come from here; `git add` new files before
running the tests that use them, since the distributions are built from `git ls-files`.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(command: list[str], cwd: Path, timeout: float = 600, **env: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **env},
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


def tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    return [name for name in listed.decode().split("\0") if name and (REPO / name).is_file()]


def build_dists(source: Path, out: Path) -> dict[str, Path]:
    """The sdist and the wheel, built from a copy of the tracked files (the wheel from the sdist, as
    `python -m build` does: so the sdist must carry everything)."""
    for name in tracked_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    run([sys.executable, "-m", "build", "--outdir", str(out), str(source)], source)
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def install_wheel(wheel: Path, venv: Path) -> Path:
    """The `factcheck` command of a fresh venv holding the wheel and its dependencies only."""
    run([sys.executable, "-m", "venv", str(venv)], venv)
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], venv)
    return venv / "bin" / "factcheck"


@contextmanager
def serving(factcheck: Path, project: Path) -> Iterator[str]:
    """`factcheck serve` of the installed command in `project`, on a free port: yields its address."""
    with subprocess.Popen(
        [str(factcheck), "serve", "--port", "0"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    ) as serve:
        try:
            line = serve.stdout.readline()  # type: ignore[union-attr]
            assert line.startswith("serving http://127.0.0.1:"), line + serve.stderr.read()  # type: ignore[union-attr]
            yield line.split()[1]
        finally:
            serve.send_signal(signal.SIGINT)
            serve.communicate(timeout=30)
