"""factcheck init: a new site from the defaults, from options or from answers at the prompts; each
rating scale preset; an empty folder only, and never a file overwritten."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import __version__
from generator.cli import cli
from generator.content.loading import load_content
from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site
from generator.tasks.audit import REQUIRED_ROLES, audit_site
from generator.tasks.presets import presets

CLOCK = "2026-12-07T12:00:00+07:00"
NOW = datetime.fromisoformat(CLOCK)


def init(*args: str, input: str | None = None):
    runner = CliRunner()
    return runner.invoke(cli, ["init", *args, "--clock", CLOCK], input=input, catch_exceptions=False)


def valid(folder: Path):
    content, diagnostics = load_content(Project.at(folder), NOW)
    assert content is not None and [d for d in diagnostics if d.severity.value != "note"] == [], diagnostics
    return content


def test_no_input_alone_gives_a_site_that_validates_builds_and_lists_its_placeholders(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    result = init("--no-input", str(folder))
    assert result.exit_code == 0, result.output
    written = result.stdout.split()
    assert {
        "content/site.yaml",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".github/workflows/validate.yml",
        ".github/workflows/deploy.yml",
        "requirements.txt",
        "README.md",
    } <= set(written)
    assert all((folder / rel).is_file() for rel in written)
    content = valid(folder)
    assert {page.model.role for page in content.pages.values()} >= {"about", *REQUIRED_ROLES}
    [example] = content.claims.values()
    assert example.model.draft and content.public_claims(NOW) == []
    assert content.site.model.title == "Fact Check" and content.site.model.timezone == "UTC"
    built = build_site(Project.at(folder), BuildOptions(output=tmp_path / "site", clock=NOW))
    assert built.ok and (tmp_path / "site" / "methodology" / "index.html").is_file()
    assert not (tmp_path / "site" / "claims" / example.id).exists()  # a draft
    report = audit_site(Project.at(folder), NOW, tmp_path / "site")
    placeholders = {d.path for d in report.diagnostics if d.code == "placeholder"}
    assert placeholders == {page.path for page in content.pages.values()}  # every page holds some, nothing else
    assert not report.ok


def test_the_desk_pins_this_version_and_its_hook_installs_the_same(tmp_path: Path) -> None:
    init("--no-input", str(tmp_path))
    pins = [line for line in (tmp_path / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    assert pins == [f"factcheck-ssg=={__version__}"]
    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local" and hook["language"] == "python" and hook["entry"] == "factcheck validate"
    assert hook["additional_dependencies"] == [f"factcheck-ssg=={__version__}"] and hook["pass_filenames"] is False
    assert re.search(hook["files"], "content/claims/x.yaml") and not re.search(hook["files"], "README.md")
    ignored = (tmp_path / ".gitignore").read_text().split()
    assert {"/site/", "/.factcheck-cache/"} <= set(ignored)
    assert "@@" not in "".join(p.read_text() for p in tmp_path.rglob("*") if p.is_file())  # every mark filled


@pytest.mark.parametrize("preset", sorted(presets()))
def test_each_scale_preset_gives_a_site_that_validates_and_builds(tmp_path: Path, preset: str) -> None:
    language = presets()[preset].language
    result = init("--no-input", "--scale", preset, "--language", language, str(tmp_path / "desk"))
    assert result.exit_code == 0, result.output
    content = valid(tmp_path / "desk")
    assert [v.id for v in content.site.model.scale] == [v.id for v in presets()[preset].verdicts]
    assert content.site.model.labels_only is presets()[preset].labels_only
    built = build_site(Project.at(tmp_path / "desk"), BuildOptions(output=tmp_path / "site", clock=NOW, drafts=True))
    assert built.ok, built.diagnostics
    [claim] = (tmp_path / "site" / "claims").glob("*/index.html")  # the example, with its verdict from this scale
    assert 'class="verdict-label"' in claim.read_text()


def test_the_presets_hold_the_scales_named_in_the_issue() -> None:
    labels = {key: [v.label for v in p.verdicts] for key, p in presets().items()}
    assert labels["tempo"] == ["Benar", "Sebagian benar", "Menyesatkan", "Keliru", "Tidak terbukti"]
    assert presets()["tempo"].verdicts[-1].rating is None  # Tidak terbukti is off the scale
    assert labels["mafindo"] == ["[SALAH]", "[HOAKS]", "[DISINFORMASI]", "[MISINFORMASI]", "[KLARIFIKASI]"]
    assert labels["politifact"] == ["True", "Mostly True", "Half True", "Mostly False", "False", "Pants on Fire"]
    assert [v.rating for v in presets()["five-step"].verdicts] == [5, 4, 3, 2, 1, None]
    assert presets()["labels"].labels_only and presets()["mafindo"].labels_only


def test_an_indonesian_site_gets_indonesian_pages_scale_and_zone(tmp_path: Path) -> None:
    assert init("--no-input", "--language", "id", "--name", "Cek Fakta Kita", str(tmp_path)).exit_code == 0
    content = valid(tmp_path)
    assert content.site.model.timezone == "Asia/Jakarta" and content.site.model.scale[0].id == "benar"
    assert "kebijakan-koreksi" in content.pages and "cek-fakta-kita" in content.people


def test_the_prompts_ask_each_question_and_ask_again_after_a_bad_answer(tmp_path: Path) -> None:
    answers = ["Cek Fakta Kita", "id", "Mars/Olympus", "Asia/Makassar", "https://cek.example.id", "Yayasan Kita", "tempo"]
    result = init(str(tmp_path), input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "unknown time zone 'Mars/Olympus'" in result.output
    assert "  tempo         Modelled on Tempo CekFakta: Benar," in result.output  # the menu: ids, names, verdicts
    site = valid(tmp_path).site.model
    assert (site.title, site.language, site.timezone) == ("Cek Fakta Kita", "id", "Asia/Makassar")
    assert (site.base_url, site.publisher.name, site.scale[2].id) == ("https://cek.example.id/", "Yayasan Kita", "menyesatkan")


def test_pressing_enter_at_every_prompt_takes_the_defaults(tmp_path: Path) -> None:
    assert init(str(tmp_path / "a"), input="\n" * 6).exit_code == 0
    assert init("--no-input", str(tmp_path / "b")).exit_code == 0
    assert (tmp_path / "a" / "content" / "site.yaml").read_text() == (tmp_path / "b" / "content" / "site.yaml").read_text()


def test_a_folder_that_is_not_empty_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = init("--no-input", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith("not written:") and "notes.txt" in result.stderr and "--force" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_fresh_clone_with_only_git_counts_as_empty(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    assert init("--no-input", str(tmp_path)).exit_code == 0


def test_force_writes_only_the_missing_files_and_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("Our own readme\n")
    (tmp_path / "content" / "pages").mkdir(parents=True)
    (tmp_path / "content" / "pages" / "about.md").write_text("---\ntitle: About\nrole: about\n---\nOurs.\n")
    result = init("--no-input", "--force", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "README.md").read_text() == "Our own readme\n"
    assert (tmp_path / "content" / "pages" / "about.md").read_text().endswith("Ours.\n")
    assert "kept (exists already, not overwritten): README.md" in result.stderr
    assert "README.md" not in result.stdout.split() and (tmp_path / "content" / "site.yaml").is_file()
    again = init("--no-input", "--force", str(tmp_path))  # a second run finds everything there
    assert again.exit_code == 0 and again.stdout == ""


@pytest.mark.parametrize(
    "option, value, message",
    [
        ("--language", "xx", "no interface catalogue for 'xx'; choose one of en, id"),
        ("--timezone", "Mars/Olympus", "unknown time zone"),
        ("--base-url", "ftp://example.org/", "http"),
        ("--base-url", "https://example.org/?a=1", "query or fragment"),
        ("--scale", "tmpo", "did you mean 'tempo'?"),
        ("--name", "   ", "empty"),
    ],
)
def test_a_bad_option_is_a_usage_error_naming_it(tmp_path: Path, option: str, value: str, message: str) -> None:
    result = init("--no-input", option, value, str(tmp_path))
    assert result.exit_code == 2
    assert option in result.stderr and message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_file_in_place_of_the_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "desk").write_text("")
    assert init("--no-input", str(tmp_path / "desk")).exit_code == 2


def test_without_dir_init_starts_in_the_project_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["-C", str(tmp_path / "desk"), "init", "--no-input"], catch_exceptions=False)
    assert result.exit_code == 0 and (tmp_path / "desk" / "content" / "site.yaml").is_file()
