"""`factcheck new`: skeletons that validate once the editor fills what is reported, never overwriting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import cli

CLOCK = "2026-11-26T03:00:00+00:00"  # 10:00 in Asia/Jakarta, the zone of the test site

# What an editor would type into each reported field.
FILL = {
    "title": '"Judul"',
    "claim_short": '"Biden menelepon Putin"',
    "claimant": "medcom",
    "verdict": "salah",
    "authors": "[tim]",
    "publisher": "medcom",
    "published": "2021-04-16",
    "name": '"Nama"',
    "sources[0].title": '"Readout of the call"',
    "sources[0].url": "https://tass.com/world/1277551",
}
BLOCKS = {
    "claim": "Biden menelepon Putin.",
    "summary": "Urutannya terbalik.",
    "analysis": "Panggilan terjadi pada 13 April [@source-1].",
    "page text": "Kami memeriksa fakta.",
}

CASES = {
    "claim": ["--title", "Apakah Biden menelepon Putin?", "--claimant", "joe-biden", "--verdict", "salah", "--authors", "tim"],
    "article": ["--title", "Berita Medcom.id, 17 April 2021", "--publisher", "medcom", "--published", "2021-04-17"],
    "person": ["--name", "Vladimir Putin", "--description", "Presiden Rusia"],
    "page": ["--title", "Metodologi", "--role", "methodology"],
}
EXPECTED_PATH = {
    "claim": "content/claims/apakah-biden-menelepon-putin.yaml",
    "article": "content/articles/berita-medcom-id-17-april-2021.yaml",
    "person": "content/people/vladimir-putin.yaml",
    "page": "content/pages/metodologi.md",
}


def new(project: Path, *args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["-C", str(project), "new", *args, "--clock", CLOCK], input=input, catch_exceptions=False)


def still_to_fill(stderr: str) -> list[tuple[str, int]]:
    line = next((ln for ln in stderr.splitlines() if ln.startswith("still to fill: ")), "")
    found = [re.fullmatch(r"(.+) \(line (\d+)\)", part) for part in line.removeprefix("still to fill: ").split(", ")]
    return [(m.group(1), int(m.group(2))) for m in found if m]


def fill(path: Path, fields: list[tuple[str, int]]) -> None:
    """Fill each reported field at its reported line, as an editor would."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for name, number in sorted(fields, key=lambda f: -f[1]):
        text = lines[number - 1]
        if name in BLOCKS:
            assert text.endswith((">-", "|")) or name == "page text", text
            if name == "page text":
                lines[number - 1] = BLOCKS[name]
            else:
                lines.insert(number, "  " + BLOCKS[name])
        else:
            key = name.rsplit(".", 1)[-1]
            assert text.strip() in (f'{key}: ""', f"{key}: []"), text
            lines[number - 1] = text.split(":", 1)[0] + ": " + FILL[name]
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_kind_validates_once_the_reported_fields_are_filled(kind, make_project, run_cli):
    project = make_project()
    result = new(project, kind, "--no-input", *CASES[kind])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == EXPECTED_PATH[kind]
    written = project / EXPECTED_PATH[kind]
    text = written.read_text(encoding="utf-8")
    schema_line = text.splitlines()[1 if kind == "page" else 0]
    assert schema_line == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
    assert (written.parent / schema_line.split("=", 1)[1]).resolve() == (project / "schemas" / f"{kind}.schema.json").resolve()

    before = run_cli("validate", "--clock", CLOCK, project=project)
    reported = {(d.split(":")[1]) for d in before.stderr.splitlines() if d.startswith(EXPECTED_PATH[kind])}
    fields = still_to_fill(result.stderr)
    assert reported == {str(line) for name, line in fields if name != "page text"}  # the validator agrees

    fill(written, fields)
    after = run_cli("validate", "--clock", CLOCK, project=project)
    assert after.exit_code == 0, after.stderr


def test_claim_skeleton_has_sensible_defaults(make_project):
    project = make_project()
    result = new(project, "claim", "--no-input", *CASES["claim"])
    data = yaml.safe_load((project / EXPECTED_PATH["claim"]).read_text(encoding="utf-8"))
    assert data["draft"] is True
    assert data["published"].isoformat() == "2026-11-26T10:00:00+07:00"  # now, in the site's zone
    assert data["claim_date"].isoformat() == "2026-11-26"
    assert (data["claimant"], data["verdict"], data["authors"]) == ("joe-biden", "salah", ["tim"])
    assert [name for name, _ in still_to_fill(result.stderr)] == [
        "claim",
        "claim_short",
        "summary",
        "analysis",
        "sources[0].title",
        "sources[0].url",
    ]


def test_no_input_leaves_unanswered_essentials_to_fill(make_project, run_cli):
    project = make_project()
    result = new(project, "claim", "bare-claim", "--no-input")
    assert result.exit_code == 0, result.stderr
    names = [name for name, _ in still_to_fill(result.stderr)]
    assert {"title", "claimant", "verdict", "authors"} <= set(names)
    fill(project / "content/claims/bare-claim.yaml", still_to_fill(result.stderr))
    assert run_cli("validate", "--clock", CLOCK, project=project).exit_code == 0


def test_an_existing_file_is_never_overwritten(make_project):
    project = make_project()
    existing = project / "content/claims/biden-telepon.yaml"
    before = existing.read_bytes()
    result = new(project, "claim", "biden-telepon", "--no-input", "--title", "Lain")
    assert result.exit_code == 1
    assert "content/claims/biden-telepon.yaml already exists" in result.stderr
    assert existing.read_bytes() == before
    assert new(project, "page", "--no-input", "--title", "Tentang").exit_code == 1  # derived id: tentang.md exists


def test_prompts_accept_names_and_ask_again_after_a_wrong_answer(make_project):
    project = make_project()
    answers = (
        "\n".join(
            [
                "Benarkah Biden menelepon Putin sesudah sanksi?",  # title
                "Joe Biden",  # claimant, by name
                "salh",
                "Salah",  # a typo is refused with a suggestion; a label is accepted
                "tim, medcom",  # authors
                "",  # claim date: today
                "",  # article: skipped
                "",  # id: the suggestion
            ]
        )
        + "\n"
    )
    result = new(project, "claim", input=answers)
    assert result.exit_code == 0, result.output
    assert "did you mean 'salah'?" in result.output
    path = project / "content/claims/benarkah-biden-menelepon-putin-sesudah-sanksi.yaml"
    assert result.stdout.strip().endswith(path.relative_to(project).as_posix())
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["claimant"], data["verdict"], data["authors"]) == ("joe-biden", "salah", ["tim", "medcom"])
    assert "article" not in data


def test_derived_ids_are_ascii_and_cut_at_a_word(make_project):
    project = make_project()
    title = "Benarkah Zakharova berkata: “AS harus membayar” atas sanksi baru terhadap Rusia pada April 2021?"
    result = new(project, "claim", "--no-input", "--title", title)
    assert result.exit_code == 0, result.stderr
    record_id = Path(result.stdout.strip()).stem
    assert record_id == "benarkah-zakharova-berkata-as-harus-membayar-atas-sanksi"
    assert len(record_id) <= 60
    text = (project / result.stdout.strip()).read_text(encoding="utf-8")
    assert yaml.safe_load(text)["title"] == title  # quoted as needed, read back unchanged


@pytest.mark.parametrize(
    "args, message",
    [
        (["claim", "Bad_Id", "--no-input"], "is not a valid id"),
        (["claim", "x\n", "--no-input"], "is not a valid id"),
        (["page", "search", "--no-input", "--title", "Cari"], "address the site uses itself"),
        (["claim", "--no-input"], "give an ID"),
        (["claim", "x", "--no-input", "--verdict", "salh"], "did you mean 'salah'?"),
        (["claim", "x", "--no-input", "--claimant", "joe-bidn"], "did you mean 'joe-biden'?"),
        (["person", "x", "--no-input", "--verdict", "salah"], "does not apply to a person"),
        (["article", "x", "--no-input", "--published", "16/04/2021"], "is not a date"),
        (["article", "x", "--no-input", "--url", "www.medcom.id"], "http"),
    ],
)
def test_bad_answers_are_usage_errors(args, message, make_project):
    project = make_project()
    result = new(project, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (project / "content/claims/x.yaml").exists()


def test_core_never_talks_to_the_terminal():
    source = (Path(__file__).resolve().parents[2] / "generator" / "tasks" / "scaffold.py").read_text(encoding="utf-8")
    assert "import click" not in source and "print(" not in source


def test_a_project_without_valid_site_settings_is_a_usage_error(make_project):
    project = make_project({"content/site.yaml": None})
    result = new(project, "person", "x", "--no-input", "--name", "X")
    assert result.exit_code == 2
    assert "content/site.yaml is missing" in result.stderr
    assert not (project / "content/people/x.yaml").exists()
