"""`factcheck init` as a desk meets it: from the wheel installed in a fresh venv outside the checkout,
`init --no-input` alone gives a site that validates, builds with no broken internal link, serves at
once, and whose pre-commit hook installs the pinned factcheck and validates, as written."""

from __future__ import annotations

import html.parser
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.test_workflows import git
from tests.wheel import REPO, run, serving

pytestmark = pytest.mark.slow
BASE_URL = "https://example.org/"  # init's default public address


class Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def broken_links(site: Path, base_url: str) -> tuple[int, list[str]]:
    """Every href and src of every page that points into the site: (how many, those with no file)."""
    base = urlsplit(base_url)
    checked, broken = 0, []
    for page in sorted(site.rglob("*.html")):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.found:
            parts = urlsplit(link)
            if (
                parts.scheme in ("mailto", "data")
                or (parts.scheme and parts.netloc != base.netloc)
                or not (parts.path or parts.netloc)
            ):
                continue  # another site, an address, or a fragment of this page
            if parts.netloc or parts.path.startswith("/"):
                root = base.path.rstrip("/")
                if not parts.path.startswith(root + "/"):
                    broken.append(f"{page.relative_to(site)}: {link} (outside {base.path})")
                    continue
                path = parts.path.removeprefix(root)
            else:
                path = "/" + (page.parent.relative_to(site) / parts.path).as_posix()
            target = site / unquote(path).lstrip("/")
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.resolve().is_file() or site.resolve() not in target.resolve().parents:
                broken.append(f"{page.relative_to(site)}: {link}")
    return checked, broken


@pytest.fixture(scope="module")
def started(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`factcheck init --no-input DIR`, run by the installed command far from the checkout."""
    outside = tmp_path_factory.mktemp("outside")
    assert REPO not in outside.parents
    done = run([str(installed), "init", "--no-input", "desk"], outside)
    assert "started 'Fact Check'" in done.stderr
    return outside / "desk"


@pytest.mark.parametrize("base_url", [BASE_URL, "https://org.github.io/cekfakta/"], ids=["root", "sub-path"])
def test_a_new_site_validates_and_builds_with_no_broken_internal_link(
    installed: Path, started: Path, tmp_path: Path, base_url: str
) -> None:
    run([str(installed), "validate"], started)
    run([str(installed), "build", "--base-url", base_url, "-o", str(tmp_path / "site")], started)
    checked, broken = broken_links(tmp_path / "site", base_url)
    assert broken == []
    assert checked > 100  # menus, pages, the scale, feeds, styles, search: the check saw the site


def test_the_link_check_finds_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<a href="/a/">me</a> <a href="../b/">gone</a> <img src="/x.png">')
    assert broken_links(tmp_path, BASE_URL) == (3, ["a/index.html: ../b/", "a/index.html: /x.png"])


def test_a_new_site_serves_at_once(installed: Path, started: Path) -> None:
    with serving(installed, started) as address:
        for path in ("", "methodology/", "claims/great-wall-seen-from-the-moon/"):  # the draft shows in the preview
            with urllib.request.urlopen(address + path, timeout=60) as page:
                assert page.status == 200


def test_the_pre_commit_hook_as_written_installs_the_pinned_factcheck_and_validates(
    dists: dict[str, Path], started: Path, tmp_path: Path
) -> None:
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if pre_commit is None:
        pytest.fail("pre-commit is missing: it comes with the test extra (pip install -e '.[test]')")
    desk = tmp_path / "desk"
    shutil.copytree(started, desk)
    git(desk, "init", "-q", "-b", "main")
    git(desk, "add", "-A")
    # factcheck-ssg==<this version> is found beside the wheel just built, its dependencies in the index.
    env = {
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIP_FIND_LINKS": f"{os.environ.get('PIP_FIND_LINKS', '')} {dists['wheel'].parent}".strip(),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    run([pre_commit, "run", "--all-files"], desk, timeout=900, **env)
    bad = desk / "content" / "claims" / "salah-ketik.yaml"
    bad.write_text((next((desk / "content" / "claims").glob("*.yaml"))).read_text().replace("verdict: ", "verdict: x"))
    git(desk, "add", "-A")
    done = subprocess.run(
        [pre_commit, "run", "--all-files"], cwd=desk, capture_output=True, text=True, timeout=900, env={**os.environ, **env}
    )
    assert done.returncode == 1
    assert "content/claims/salah-ketik.yaml:10:" in done.stdout and "[unknown-reference]" in done.stdout


def test_the_link_check_finds_a_link_from_the_domain_root_on_a_sub_path_site(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<a href="/cekfakta/a/">me</a> <link href="/static/style.css">')
    assert broken_links(tmp_path, "https://org.github.io/cekfakta/")[1] == [
        "a/index.html: /static/style.css (outside /cekfakta/)"
    ]
