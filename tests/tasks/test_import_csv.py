"""factcheck import of a hand-made CSV: the documented columns, --map, asking once, --column, row lines."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from generator.cli import cli

CSV = """\
claim_reviewed,title,claimant,claimant_kind,claim_date,rating,url,published,summary,body,authors
Vaksin mengandung chip,Benarkah vaksin mengandung chip?,Akun Facebook X,organization,2021-05-01,Keliru,https://old.example.org/cek/vaksin-chip/,2021-05-03,Tidak ada chip dalam vaksin.,<p>Kami <b>memeriksa</b> klaim ini.</p>,Ani; Budi
Bumi datar,Bumi datar?,Pak Z,,2021-05-02,Hoaks,https://old.example.org/cek/bumi-datar/,2021-05-04,Bumi bulat.,,Ani
"""


def load(project, rel):
    return yaml.safe_load((project / rel).read_text(encoding="utf-8"))


def test_csv_with_map_and_unmapped_rating_reported(make_project, run_cli, tmp_path):
    project = make_project()
    source = tmp_path / "archive.csv"
    source.write_text(CSV, encoding="utf-8")
    result = run_cli("import", "--no-input", "--map", "Keliru=salah", str(source), project=project)
    assert result.exit_code == 1
    assert f"{source}:3:1: not imported: rating 'Hoaks' matches no verdict; map it with --map \"Hoaks=VERDICT\"" in result.stderr
    claim = load(project, "content/claims/vaksin-chip.yaml")
    assert claim["title"] == "Benarkah vaksin mengandung chip?" and claim["claim_short"] == "Vaksin mengandung chip"
    assert claim["verdict"] == "salah" and claim["claimant"] == "akun-facebook-x"
    assert claim["claim_date"] == "2021-05-01" and claim["published"] == "2021-05-03"
    assert claim["summary"] == "Tidak ada chip dalam vaksin."
    assert claim["authors"] == ["ani", "budi"]
    assert claim["same_as"] == ["https://old.example.org/cek/vaksin-chip/"]
    assert claim["sources"][0]["url"] == "https://old.example.org/cek/vaksin-chip/"
    assert "Kami **memeriksa** klaim ini." in claim["analysis"]
    assert load(project, "content/people/akun-facebook-x.yaml") == {"name": "Akun Facebook X", "kind": "organization"}
    assert not (project / "content/claims/bumi-datar.yaml").exists()
    assert not (project / "content/people/pak-z.yaml").exists()  # nobody is created for an item not imported
    assert run_cli("validate", project=project).exit_code == 0


def test_an_unknown_rating_is_asked_once(make_project, tmp_path):
    project = make_project()
    source = tmp_path / "archive.csv"
    source.write_text(CSV.replace("Hoaks", "Keliru"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(project), "import", str(source)], input="salah\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("Rating 'Keliru' is not on the scale") == 1
    assert load(project, "content/claims/bumi-datar.yaml")["verdict"] == "salah"
    assert load(project, "content/claims/vaksin-chip.yaml")["verdict"] == "salah"


def test_a_rating_skipped_when_asked_is_reported_for_each_item(make_project, tmp_path):
    project = make_project()
    source = tmp_path / "archive.csv"
    source.write_text(CSV.replace("Hoaks", "Keliru"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(project), "import", str(source)], input="\n")
    assert result.exit_code == 1
    assert result.output.count("Rating 'Keliru' is not on the scale") == 1
    assert result.output.count("rating 'Keliru' was skipped when asked") == 2


def test_other_headings_named_with_column(make_project, run_cli, tmp_path):
    source = tmp_path / "lembar.csv"
    source.write_text(
        "Klaim,Putusan,Tautan,Tanggal klaim,Terbit,Penuntut,Penulis,Catatan\n"
        "Air bisa jadi bensin,Keliru,https://old.example.org/air-bensin/,2021-06-01,2021-06-03,Pak Z,Ani,internal\n",
        encoding="utf-8",
    )
    project = make_project()
    columns = ["Klaim=claim_reviewed", "putusan=RATING", "Tautan=url", "Tanggal klaim=claim_date", "Terbit=published"]
    columns += ["Penuntut=claimant", "Penulis=authors", "Catatan="]
    args = [arg for column in columns for arg in ("--column", column)]
    result = run_cli("import", "--no-input", "--map", "keliru=salah", *args, str(source), project=project)
    assert result.exit_code == 0, result.stderr
    claim = load(project, "content/claims/air-bensin.yaml")
    assert claim["claim_short"] == "Air bisa jadi bensin" and claim["verdict"] == "salah" and claim["claimant"] == "pak-z"
    assert "internal" not in (project / "content/claims/air-bensin.yaml").read_text(encoding="utf-8")


def test_headings_that_are_no_column_are_a_usage_error_that_names_column(make_project, run_cli, tmp_path):
    source = tmp_path / "lembar.csv"
    source.write_text("Klaim,rating\nx,Salah\n", encoding="utf-8")
    result = run_cli("import", str(source), project=make_project())
    assert result.exit_code == 2
    assert (
        f"{source}:1:1: the header has heading(s) that are no column: Klaim; lacks the column(s) claim_reviewed" in result.stderr
    )
    assert '--column "HEADING=COLUMN"' in result.stderr
    twice = tmp_path / "twice.csv"
    twice.write_text("claim_reviewed,rating,Putusan\nx,Salah,Salah\n", encoding="utf-8")
    result = run_cli("import", "--column", "Putusan=rating", str(twice), project=make_project())
    assert result.exit_code == 2 and "has the column(s) rating more than once" in result.stderr
    result = run_cli("import", "--column", "Putusan=verdict", str(twice), project=make_project())
    assert result.exit_code == 2 and "'verdict' is not a column; use one of: claim_reviewed," in result.stderr
    result = run_cli("import", "--column", "rating", str(twice), project=make_project())
    assert result.exit_code == 2 and "is not of the form 'HEADING=COLUMN'" in result.stderr


def test_rows_are_named_by_the_line_they_start_on(make_project, run_cli, tmp_path):
    source = tmp_path / "archive.csv"
    source.write_text(
        'claim_reviewed,rating,body\nSatu,Salah,"<p>baris satu</p>\n<p>baris dua</p>"\n\nDua,Entah,\n', encoding="utf-8"
    )
    result = run_cli("import", "--no-input", str(source), project=make_project())
    assert result.exit_code == 1
    assert f"{source}:5:1: not imported: rating 'Entah'" in result.stderr  # after a two-line cell and a blank line


def test_a_claim_too_long_for_claim_short_is_shortened_and_left_to_check(make_project, run_cli, tmp_path):
    long_claim = "Pemerintah akan " + "sangat " * 20 + "menaikkan pajak"
    source = tmp_path / "archive.csv"
    source.write_text(
        f"claim_reviewed,rating,claimant,claim_date,published,authors,url\n{long_claim},Salah,Pak Z,2021-05-01,2021-05-02,Ani,"
        "https://old.example.org/pajak/\n",
        encoding="utf-8",
    )
    project = make_project()
    result = run_cli("import", "--no-input", str(source), project=project)
    assert result.exit_code == 0
    claim = load(project, "content/claims/pajak.yaml")
    assert claim["claim"] == long_claim and claim["draft"] is True
    assert len(claim["claim_short"]) <= 75 and claim["claim_short"].endswith("…")
    assert "content/claims/pajak.yaml: draft; still to fill: claim_short (line " in result.stderr
