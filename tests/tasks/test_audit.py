"""factcheck audit: required pages, complete fact-checks, the rendered ClaimReview, publishing cadence."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from generator.content.loading import load_content
from generator.core.project import Project
from generator.tasks.audit import audit_site, check_page, sparkline, weekly_cadence
from tests.conftest import CLAIM_YAML, SITE_YAML

REPO = Path(__file__).resolve().parents[2]
CLOCK = "2021-06-01T00:00:00+07:00"
CLAIM = "content/claims/biden-telepon.yaml"
ROLES = ("methodology", "corrections-policy", "funding", "team", "contact", "submit-claim")
# A small project that passes the audit: a page of some length for each role (the team page names the
# desk, the funding page says it takes no outside money), and a route for correction requests.
ROLE_TEXT = "Halaman ini menjelaskan cara kerja meja cek fakta kami kepada pembaca dengan kalimat yang lengkap."
ROLE_PAGES: dict[str, str | None] = {
    f"content/pages/{role}.md": f"---\ntitle: Halaman {role}\nrole: {role}\n---\n{ROLE_TEXT}\n" for role in ROLES
}
ROLE_PAGES["content/pages/team.md"] = (
    f"---\ntitle: Tim\nrole: team\n---\nSemua cek fakta ditulis oleh Tim Cek Fakta. {ROLE_TEXT}\n"
)
ROLE_PAGES["content/pages/funding.md"] = f"---\ntitle: Dana\nrole: funding\nno_external_funding: true\n---\n{ROLE_TEXT}\n"
ROLE_PAGES["content/site.yaml"] = SITE_YAML + "corrections_request: redaksi@cekfakta.example.org\n"
LABELS = ["Benar", "Sebagian benar", "Salah", "Tidak terbukti"]


def codes(result_text: str) -> set[str]:
    return {line.rsplit("[", 1)[1].rstrip("]") for line in result_text.splitlines() if line.endswith("]") and "[" in line}


def test_the_demo_passes(run_cli):
    result = run_cli("audit", "--clock", CLOCK, project=REPO)
    assert result.exit_code == 0, result.stderr
    assert "corrections-policy   /kebijakan-koreksi/" in result.stdout
    assert "claim pages checked: 12" in result.stdout
    # The demo's research found no archived copies and invents none: each fact-check is a warning, with a count.
    assert "sources without an archived copy: 38 of 38, in 12 fact-check(s)" in result.stdout
    assert result.stderr.count("[source-not-archived]") == 12
    assert result.stderr.splitlines()[-1].startswith("ok: 0 error(s), 12 warning(s)")


def test_a_complete_small_project_passes(make_project, run_cli):
    result = run_cli("audit", "--clock", CLOCK, project=make_project(ROLE_PAGES))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("role", ROLES)
def test_a_missing_role_fails_and_is_named(make_project, run_cli, role):
    project = make_project({**ROLE_PAGES, f"content/pages/{role}.md": None})
    result = run_cli("audit", "--clock", CLOCK, project=project)
    assert result.exit_code == 1
    assert f"content/pages:1:1: error: no page has the role '{role}' [missing-page]" in result.stderr
    assert f"{role:<20} MISSING" in result.stdout


@pytest.mark.parametrize(
    "short, word",
    [
        ("Biden menelepon Putin, salah satu panggilan", "Salah"),
        ("Klaim SEBAGIAN BENAR soal sanksi Biden", "Sebagian benar"),
        ("Biden menyalahkan Putin atas sanksi", None),  # inside a word: not the verdict
        ("Kebenaran sanksi Biden terhadap Rusia", None),
    ],
)
def test_claim_short_with_the_verdict_word(make_project, short, word):
    """validate reports it now (tests/content/test_claimtext.py), so the content does not even get audited."""
    project = make_project(
        {
            **ROLE_PAGES,
            CLAIM: CLAIM_YAML.replace(
                "claim_short: Biden menelepon Putin setelah menandatangani sanksi", f"claim_short: {short}"
            ),
        }
    )
    report = audit_site(Project.at(project), datetime.fromisoformat(CLOCK))
    found = [(d.path, d.line, d.code) for d in report.diagnostics if d.code == "claim-short-verdict"]
    assert found == ([(CLAIM, 3, "claim-short-verdict")] if word else [])
    assert report.valid is (word is None) and report.ok is (word is None)


def test_a_claim_without_sources_is_reported(make_project):
    text = CLAIM_YAML.replace("verdict: salah", "verdict: tidak-terbukti").replace("[@readout]", "").replace("[@order]", "")
    text = text[: text.index("sources:")] + text[text.index("tags:") :]
    report = audit_site(Project.at(make_project({**ROLE_PAGES, CLAIM: text})), datetime.fromisoformat(CLOCK))
    assert [(d.path, d.line, d.code) for d in report.diagnostics if d.severity.value == "error"] == [
        (CLAIM, 7, "claim-no-source")
    ]


def test_a_site_built_for_another_domain_is_reported(make_project, run_cli, tmp_path):
    project = make_project(ROLE_PAGES)
    out = tmp_path / "elsewhere"
    assert (
        run_cli("build", "-o", str(out), "--base-url", "https://elsewhere.example/", "--clock", CLOCK, project=project).exit_code
        == 0
    )
    result = run_cli("audit", "--site", str(out), "--clock", CLOCK, project=project)
    assert result.exit_code == 1
    assert (
        f"{CLAIM}:1:1: error: ClaimReview url 'https://elsewhere.example/claims/biden-telepon/' is not on the "
        "site's own domain cekfakta.example.org [claimreview-url]" in result.stderr
    )


def page(reviews: list, label: str = "Salah", box: bool = True) -> str:
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(r) if not isinstance(r, str) else r}</script>' for r in reviews
    )
    verdict = f'<span class="verdict"><span class="verdict-label">{label}</span> – 1 dari 3</span>'
    body = f'<section class="verdict-box"><h2>Putusan</h2><p>{verdict}</p></section>' if box else verdict
    related = '<section class="related"><span class="verdict-label">Benar</span></section>'
    return f"<!DOCTYPE html><html><head>{scripts}</head><body><main><article>{body}</article>{related}</main></body></html>"


def review(**changes) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://cekfakta.example.org/claims/x/",
        "claimReviewed": "Biden menelepon Putin setelah sanksi",
        "reviewRating": {"@type": "Rating", "alternateName": "Salah", "ratingValue": 1, "bestRating": 3, "worstRating": 1},
    }
    for key, value in changes.items():
        if key in ("ratingValue", "bestRating", "worstRating", "alternateName"):
            data["reviewRating"][key] = value
        else:
            data[key] = value
    return data


@pytest.mark.parametrize(
    "html, expected",
    [
        (page([review()]), []),
        (page([review(ratingValue="2")]), []),  # numbers as text are read as numbers
        (page([review(), review()]), [("site/claims/x/index.html", 1, "claimreview-count")]),
        (page([]), [("site/claims/x/index.html", 1, "claimreview-count")]),
        (
            page(["{not json"]),
            [("site/claims/x/index.html", 1, "claimreview-count"), ("site/claims/x/index.html", 1, "jsonld-invalid")],
        ),
        (page([{"@graph": [review(), review()]}]), [("site/claims/x/index.html", 1, "claimreview-count")]),
        (page([review(ratingValue=5)]), [(CLAIM, 7, "claimreview-rating")]),
        (page([review(ratingValue=0)]), [(CLAIM, 7, "claimreview-rating")]),
        (page([review(bestRating=None)]), [(CLAIM, 7, "claimreview-rating")]),
        (page([review(url="https://evil.example/claims/x/")]), [(CLAIM, 1, "claimreview-url")]),
        (page([review(url="https://cekfakta.example.org.evil.example/x/")]), [(CLAIM, 1, "claimreview-url")]),
        (page([review(claimReviewed="x" * 76)]), [(CLAIM, 3, "claimreview-claim")]),
        (page([review(claimReviewed="Klaim ini tidak terbukti")]), [(CLAIM, 3, "claimreview-verdict-word")]),
        (page([review()], label="Benar"), [(CLAIM, 7, "claimreview-verdict-mismatch")]),
        (page([review()], box=False), [("site/claims/x/index.html", 1, "verdict-not-shown")]),
    ],
)
def test_claimreview_rules_on_a_crafted_page(html, expected):
    where = (CLAIM, {"claim_short": 3, "verdict": 7})
    found = [
        (d.path, d.line, d.code) for d in check_page(html, "site/claims/x/index.html", where, LABELS, "cekfakta.example.org")
    ]
    assert sorted(found) == sorted(expected)


def test_a_crafted_page_in_a_built_site_is_reported(make_project, run_cli, tmp_path):
    project = make_project(ROLE_PAGES)
    out = tmp_path / "site"
    assert run_cli("build", "-o", str(out), "--clock", CLOCK, project=project).exit_code == 0
    built = out / "claims" / "biden-telepon" / "index.html"
    built.write_text(
        built.read_text(encoding="utf-8").replace('"alternateName":"Salah"', '"alternateName":"Benar"'), encoding="utf-8"
    )
    result = run_cli("audit", "--site", str(out), "--clock", CLOCK, project=project)
    assert result.exit_code == 1
    assert (
        f"{CLAIM}:7:1: error: the markup says 'Benar' but the page shows 'Salah' [claimreview-verdict-mismatch]" in result.stderr
    )


def test_content_errors_stop_the_audit(make_project, run_cli):
    result = run_cli("audit", project=make_project({CLAIM: CLAIM_YAML.replace("claimant: medcom", "claimant: nobody")}))
    assert result.exit_code == 1 and "not audited: the content has errors" in result.stderr


def claim(published: str, extra: str = "") -> str:
    return CLAIM_YAML.replace("published: 2021-04-19T09:00:00+07:00", f"published: {published}") + extra


def test_cadence_counts_weeks_in_the_site_zone(make_project):
    files = {  # the clock is Wednesday 13 March 2024, 12:00 in Jakarta; weeks start on Monday
        CLAIM: None,
        "content/claims/minggu-ini.yaml": claim("2024-03-11"),
        "content/claims/senin-jakarta.yaml": claim("2024-03-10T18:00:00+00:00"),  # Monday 01:00 in Jakarta
        "content/claims/minggu-lalu.yaml": claim("2024-03-10"),
        "content/claims/dua-lagi-a.yaml": claim("2024-02-26"),
        "content/claims/dua-lagi-b.yaml": claim("2024-03-03T23:00:00+07:00"),
        "content/claims/awal-jendela.yaml": claim("2023-09-18"),
        "content/claims/sebelum-jendela.yaml": claim("2023-09-17"),
        "content/claims/nanti.yaml": claim("2024-03-13T13:00:00+07:00"),  # scheduled after the clock
        "content/claims/draf.yaml": claim("2024-03-12", "draft: true\n"),
    }
    clock = datetime.fromisoformat("2024-03-13T12:00:00+07:00")
    content, diagnostics = load_content(Project.at(make_project(files)), clock)
    assert content is not None, diagnostics
    weeks = weekly_cadence(content, clock)
    assert len(weeks) == 26
    assert weeks[0].start == date(2023, 9, 18) and weeks[-1].start == date(2024, 3, 11)
    assert {w.start: w.count for w in weeks if w.count} == {
        date(2023, 9, 18): 1,
        date(2024, 2, 26): 2,
        date(2024, 3, 4): 1,
        date(2024, 3, 11): 2,
    }
    assert sparkline([0, 1, 2, 4]) == " ▂▄█"


def test_cadence_is_printed(make_project, run_cli):
    result = run_cli("audit", "--clock", "2021-04-30T00:00:00+07:00", project=make_project(ROLE_PAGES))
    assert "1 in all, 0.0 a week, 25 week(s) without one" in result.stdout
    assert "2021-04-19   1" in result.stdout


def test_audit_does_not_leave_a_build_behind(make_project, run_cli, tmp_path):
    project = make_project(ROLE_PAGES)
    run_cli("audit", "--clock", CLOCK, project=project)
    assert not (project / "site").exists()
    shutil.rmtree(project)


PLACEHOLDER_ROWS = [
    ({"content/pages/team.md": "---\ntitle: Tim\nrole: team\n---\nKami: [[nama editor]].\n"}, "content/pages/team.md", 5, 7),
    (
        {"content/people/tim.yaml": 'name: Tim Cek Fakta\nkind: organization\ndescription: "[[Satu kalimat]]"\n'},
        "content/people/tim.yaml",
        3,
        15,
    ),
    ({CLAIM: CLAIM_YAML.replace("summary: Panggilan", "summary: Ringkas [[isi]]. Panggilan")}, CLAIM, 8, 18),
]


@pytest.mark.parametrize("files, path, line, column", PLACEHOLDER_ROWS)
def test_a_placeholder_left_in_a_published_text_fails_the_audit_at_its_line(make_project, run_cli, files, path, line, column):
    result = run_cli("audit", "--clock", CLOCK, project=make_project({**ROLE_PAGES, **files}))
    assert result.exit_code == 1
    assert f"{path}:{line}:{column}: error: placeholder left to fill: [[" in result.stderr


def test_placeholders_in_a_draft_and_empty_brackets_are_not_reported(make_project, run_cli):
    draft = CLAIM_YAML.replace("summary: Panggilan", "summary: Ringkas [[isi]]. Panggilan") + "draft: true\n"
    page = f"---\ntitle: Tim\nrole: team\n---\nA list: [[]] and [ [x] ]. {ROLE_TEXT}\n"
    result = run_cli("audit", "--clock", CLOCK, project=make_project({**ROLE_PAGES, CLAIM: draft, "content/pages/team.md": page}))
    assert result.exit_code == 0, result.stderr
    assert "[placeholder]" not in result.stderr
