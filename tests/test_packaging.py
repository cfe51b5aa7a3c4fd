"""factcheck as its users get it: a wheel and an sdist built with `python -m build`, the wheel installed
into a fresh virtual environment outside the checkout, and a desk's folder with only content/ in it.

The installed command validates, builds, starts a record and serves; the site it builds is byte for
byte the site the checkout builds from the same content.
"""

from __future__ import annotations

import filecmp
import shutil
import sys
import tarfile
import tomllib
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.wheel import REPO, run, serving

CLOCK = "2026-12-01T00:00:00+07:00"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A desk's folder outside the checkout: the demo's content/ and nothing else (no templates/)."""
    folder = tmp_path_factory.mktemp("desk")
    shutil.copytree(REPO / "content", folder / "content")
    return folder


def test_the_distributions_carry_the_theme_catalogues_and_skeletons(dists: dict[str, Path]) -> None:
    wheel = set(zipfile.ZipFile(dists["wheel"]).namelist())
    for name in [
        *(p.name for p in (REPO / "templates").glob("*.*") if p.suffix != ".py"),
        *(f"static/{p.name}" for p in (REPO / "templates" / "static").iterdir()),
    ]:
        assert f"generator/theme/{name}" in wheel, name
    assert {"generator/core/locale/id/LC_MESSAGES/messages.po", "generator/tasks/skeletons/claim.yaml"} <= wheel
    starter = REPO / "generator" / "tasks" / "skeletons"
    for name in [*starter.glob("scales/*.yaml"), *starter.glob("site/*")]:  # what `factcheck init` writes
        assert f"generator/tasks/skeletons/{name.relative_to(starter).as_posix()}" in wheel, name
    with tarfile.open(dists["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"templates/base.html", "templates/static/style.css", "pyproject.toml", "LICENSE"} <= names


def test_every_package_is_listed_for_the_wheel() -> None:
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "generator").rglob("__init__.py")}
    assert listed == found | {"generator.theme"}


def test_the_installed_command_validates_builds_starts_a_record_and_serves(installed: Path, desk: Path, tmp_path: Path) -> None:
    version = run([str(installed), "--version"], desk).stdout
    assert "factcheck" in version and tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["name"] in version
    run([str(installed), "validate", "--clock", CLOCK], desk)
    run([str(installed), "build", "--clock", CLOCK, "-o", str(tmp_path / "site")], desk)
    assert (tmp_path / "site" / "static" / "style.css").is_file() and (tmp_path / "site" / "pagefind").is_dir()
    new = run(
        [
            str(installed),
            "new",
            "claim",
            "--no-input",
            "--title",
            "Apakah ini uji dari paket?",
            "--claimant",
            "joe-biden",
            "--verdict",
            "salah",
            "--authors",
            "tim-cek-fakta",
            "--clock",
            CLOCK,
        ],
        desk,
    )
    assert (desk / new.stdout.strip()).is_file()
    (desk / new.stdout.strip()).unlink()
    with (
        serving(installed, desk) as address,
        urllib.request.urlopen(address + "claims/biden-telepon-putin-setelah-sanksi/", timeout=60) as page,
    ):
        assert page.status == 200 and b"ClaimReview" in page.read()


def test_the_installed_wheel_builds_the_site_the_checkout_builds(installed: Path, desk: Path, tmp_path: Path) -> None:
    run([str(installed), "build", "--clock", CLOCK, "--no-cache", "-o", str(tmp_path / "from-wheel")], desk)
    run(
        [
            sys.executable,
            "-m",
            "generator",
            "-C",
            str(desk),
            "build",
            "--clock",
            CLOCK,
            "--no-cache",
            "-o",
            str(tmp_path / "from-checkout"),
        ],
        REPO,
    )
    compared = filecmp.dircmp(tmp_path / "from-wheel", tmp_path / "from-checkout")
    assert same_tree(compared), "the wheel's site differs from the checkout's"


def same_tree(compared: filecmp.dircmp) -> bool:
    _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
    if compared.left_only or compared.right_only or mismatch or errors:
        return False
    return all(same_tree(sub) for sub in compared.subdirs.values())
