"""Shared fixtures: tiny projects written into tmp_path, and a CLI runner."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

SITE_YAML = """\
title: Cek Fakta Uji
description: Situs uji.
base_url: https://cekfakta.example.org/
language: id
timezone: Asia/Jakarta
publisher:
  name: Cek Fakta Uji
  url: https://cekfakta.example.org/
data_license:
  name: CC BY 4.0
  url: https://creativecommons.org/licenses/by/4.0/
scale:
  - id: benar
    label: Benar
    description: Klaim akurat.
    rating: 3
    bucket: "true"
  - id: sebagian-benar
    label: Sebagian benar
    description: Sebagian akurat.
    rating: 2
    bucket: mixed
  - id: salah
    label: Salah
    description: Klaim keliru.
    rating: 1
    bucket: "false"
  - id: tidak-terbukti
    label: Tidak terbukti
    description: Belum bisa dipastikan.
    bucket: other
tags:
  sanksi: Sanksi
"""

PERSON_YAML = """\
name: Joe Biden
kind: person
same_as:
  - https://www.wikidata.org/wiki/Q6279
"""

DESK_YAML = """\
name: Tim Cek Fakta
kind: organization
"""

OUTLET_YAML = """\
name: Medcom
kind: organization
url: https://www.medcom.id/
"""

ARTICLE_YAML = """\
title: Berita Medcom.id, 16 April 2021
title_is_description: true
publisher: medcom
published: 2021-04-16
"""

CLAIM_YAML = """\
title: Apakah Biden menelepon Putin setelah sanksi?
claim: Usai menandatangani perintah eksekutif, Biden menelepon Putin.
claim_short: Biden menelepon Putin setelah menandatangani sanksi
claimant: medcom
article: medcom-berita
claim_date: 2021-04-16
verdict: salah
summary: Panggilan terjadi dua hari sebelum perintah ditandatangani.
analysis: |
  Panggilan telepon terjadi pada 13 April [@readout].

  Perintah eksekutif ditandatangani pada 15 April [@order].
sources:
  - id: readout
    title: Readout of the call
    url: https://tass.com/world/1277551
  - id: order
    title: Executive Order 14024
    url: https://regulations.justia.com/regulations/fedreg/2021/04/19/2021-08098.html
tags: [sanksi]
authors: [tim]
published: 2021-04-19T09:00:00+07:00
"""

PAGE_MD = """\
---
title: Tentang kami
menu: 1
role: about
---
Kami memeriksa fakta.
"""

BASE_FILES = {
    "content/site.yaml": SITE_YAML,
    "content/people/joe-biden.yaml": PERSON_YAML,
    "content/people/tim.yaml": DESK_YAML,
    "content/people/medcom.yaml": OUTLET_YAML,
    "content/articles/medcom-berita.yaml": ARTICLE_YAML,
    "content/claims/biden-telepon.yaml": CLAIM_YAML,
    "content/pages/tentang.md": PAGE_MD,
}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests must not depend on the caller's clock or zone settings."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.delenv("FACTCHECK_DEBUG", raising=False)


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Write a small valid project; `files` adds or replaces files (None deletes one)."""

    def make(files: dict[str, str | bytes | None] | None = None, base: bool = True, root: Path | None = None) -> Path:
        project = root or tmp_path / "project"
        merged: dict[str, str | bytes | None] = dict(BASE_FILES) if base else {}
        merged.update(files or {})
        (project / "content").mkdir(parents=True, exist_ok=True)
        for rel, text in merged.items():
            target = project / rel
            if text is None:
                target.unlink(missing_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(textwrap.dedent(text), encoding="utf-8")
        return project

    return make


@pytest.fixture
def run_cli() -> Callable[..., object]:
    """Run the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def run(*args: str, project: Path | None = None):
        full = (["-C", str(project)] if project else []) + list(args)
        return runner.invoke(cli, full, catch_exceptions=False)

    return run


# ------------------------------------------------------------ golden output (tests/engine/test_build.py)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/ from the current output instead of comparing (read the diff!)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when golden files are to be rewritten: `pytest --update-golden` or FACTCHECK_UPDATE_GOLDEN=1."""
    return bool(request.config.getoption("--update-golden")) or os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1"


# ------------------------------------------------------------ the installed wheel (tests/wheel.py)


@pytest.fixture(scope="session")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist and the wheel, built once for the whole session."""
    from tests.wheel import build_dists

    return build_dists(tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def installed(dists: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `factcheck` command of a fresh venv outside the checkout, holding the wheel and its dependencies only."""
    from tests.wheel import install_wheel

    return install_wheel(dists["wheel"], tmp_path_factory.mktemp("venv"))


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile-payload project (tests/hostile.py) built once; tests read it and never change it."""
    from datetime import datetime

    from generator.core.project import Project
    from generator.engine.build import BuildOptions, build_site
    from tests import hostile

    root = hostile.write_hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    result = build_site(Project.at(root), BuildOptions(output=root / "site", clock=datetime(2026, 1, 1, tzinfo=UTC)))
    assert result.ok, [d.format_text() for d in result.diagnostics if d.severity.value == "error"]
    return root / "site"


# ------------------------------------------------------------ the demo of this repository (content/)

REPO = Path(__file__).resolve().parents[1]
DEMO_CLOCK = "2026-01-01T00:00:00+07:00"  # after every fact-check of the demo


def copy_demo(target: Path) -> Path:
    """The repository's demo project (its content/) copied to `target`, so tests may build or change it."""
    import shutil

    shutil.copytree(REPO / "content", target / "content")
    return target


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built once, as `factcheck build` publishes it; tests read it and never change it."""
    from datetime import datetime

    from generator.core.project import Project
    from generator.engine.build import BuildOptions, build_site

    root = copy_demo(tmp_path_factory.mktemp("demo"))
    result = build_site(Project.at(root), BuildOptions(output=root / "site", clock=datetime.fromisoformat(DEMO_CLOCK)))
    assert result.ok, [d.format_text() for d in result.diagnostics if d.severity.value == "error"]
    return root / "site"
