"""The audit's rules from issue 19 (item 7 and the IFCN/EFCSN commitments a machine can check): required pages
that say something, a funding statement, authors on the team page, archived sources, a method per fact-check,
a route to ask for a correction, the ClaimReview's required fields, and updates shown apart from corrections."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from generator.core.project import Project
from generator.tasks.audit import audit_site, check_page
from generator.tasks.reviewfields import ClaimFacts
from tests.conftest import CLAIM_YAML, SITE_YAML
from tests.tasks.test_audit import CLAIM, CLOCK, LABELS, ROLE_PAGES, ROLE_TEXT, page, review

PAGE = "site/claims/x/index.html"


def audit(make_project, files: dict) -> list[tuple[str, int, str, str]]:
    report = audit_site(Project.at(make_project({**ROLE_PAGES, **files})), datetime.fromisoformat(CLOCK))
    assert report.valid, [d.format_text() for d in report.diagnostics]
    return [(d.path, d.line, d.code, d.severity.value) for d in report.diagnostics if d.severity.value != "note"]


def role_page(role: str, body: str, front: str = "") -> dict[str, str]:
    return {f"content/pages/{role}.md": f"---\ntitle: Halaman {role}\nrole: {role}\n{front}---\n{body}\n"}


# ------------------------------------------------------------------ required pages say something


def test_a_project_with_a_tbd_methodology_page_fails_the_audit(make_project, run_cli):
    result = run_cli("audit", "--clock", CLOCK, project=make_project({**ROLE_PAGES, **role_page("methodology", "TBD")}))
    assert result.exit_code == 1
    assert (
        "content/pages/methodology.md:5:1: error: the methodology page still holds the placeholder 'TBD' [page-placeholder]"
        in (result.stderr)
    )
    assert "content/pages/methodology.md:5:1: error: the methodology page says next to nothing (1 word(s))" in result.stderr


@pytest.mark.parametrize(
    "role, body, expected",
    [
        ("methodology", f"{ROLE_TEXT}\n\nSumber: TODO", [(7, "page-placeholder")]),
        ("corrections-policy", f"Lorem Ipsum dolor sit amet. {ROLE_TEXT}", [(5, "page-placeholder")]),
        ("team", "FIXME: daftar anggota Tim Cek Fakta, lengkap dengan peran dan latar belakangnya.", [(5, "page-placeholder")]),
        ("contact", "Surel: [[alamat surel redaksi]]", [(5, "placeholder")]),  # once, not also "too short"
        ("submit-claim", "Kirim klaim ke kami.", [(5, "page-too-short")]),
        ("funding", "", [(6, "page-too-short")]),  # the body starts after no_external_funding
        # Words that only look like placeholders: "todo" is Spanish for "all"; "TBDX" is not "TBD".
        ("methodology", f"Lo revisamos todo, con el código TBDX. {ROLE_TEXT}", []),
    ],
)
def test_a_required_page_that_is_a_placeholder_fails(make_project, role, body, expected):
    front = "no_external_funding: true\n" if role == "funding" else ""
    if role == "team":
        body += f" {ROLE_TEXT}"
    found = audit(make_project, role_page(role, body, front))
    path = f"content/pages/{role}.md"
    assert sorted((line, code) for p, line, code, severity in found if p == path and severity == "error") == expected


# ------------------------------------------------------------------ funding


@pytest.mark.parametrize(
    "front, expected",
    [
        ("", [("content/pages/funding.md", 3, "funding-not-stated", "error")]),
        ("no_external_funding: true\n", []),
        ("funders:\n  - name: Yayasan Contoh\n    note: Hibah operasional\n", []),
    ],
)
def test_the_funding_page_names_a_funder_or_says_there_is_none(make_project, front, expected):
    found = audit(make_project, role_page("funding", ROLE_TEXT, front))
    assert [f for f in found if f[0] == "content/pages/funding.md"] == expected


def test_funders_and_no_external_funding_together_are_a_content_error(make_project):
    files = role_page("funding", ROLE_TEXT, "funders:\n  - name: Yayasan Contoh\nno_external_funding: true\n")
    report = audit_site(Project.at(make_project({**ROLE_PAGES, **files})), datetime.fromisoformat(CLOCK))
    assert not report.valid
    assert [(d.line, d.code) for d in report.diagnostics if d.path == "content/pages/funding.md"] == [
        (6, "funding-contradiction")
    ]


def test_the_funding_page_shows_its_funders(make_project, run_cli, tmp_path):
    front = "funders:\n  - name: Yayasan <Contoh>\n    url: https://yayasan.example.org/\n    note: Hibah 2026\n"
    project = make_project({**ROLE_PAGES, **role_page("funding", ROLE_TEXT, front)})
    assert run_cli("build", "-o", str(tmp_path / "out"), "--clock", CLOCK, project=project).exit_code == 0
    html = (tmp_path / "out/funding/index.html").read_text(encoding="utf-8")
    assert '<li><a href="https://yayasan.example.org/">Yayasan &lt;Contoh&gt;</a>: Hibah 2026</li>' in html


# ------------------------------------------------------------------ the team page


def test_every_author_is_named_on_the_team_page(make_project):
    files = {
        **role_page("team", f"Redaksi kami: **Ani  Wijaya** (editor). {ROLE_TEXT}"),
        "content/people/ani.yaml": "name: Ani Wijaya\nkind: person\n",
        "content/people/budi.yaml": "name: Budi Santoso\nkind: person\n",
        CLAIM: CLAIM_YAML.replace("authors: [tim]", "authors: [ani, budi, tim]"),
        "content/claims/kedua.yaml": CLAIM_YAML.replace("authors: [tim]", "authors: [budi]"),
    }
    found = [f for f in audit(make_project, files) if f[2] == "author-not-on-team"]
    # Ani is named (emphasis and spacing aside); the desk "Tim Cek Fakta" is not, and Budi is named once for two.
    assert found == [
        ("content/people/budi.yaml", 1, "author-not-on-team", "error"),
        ("content/people/tim.yaml", 1, "author-not-on-team", "error"),
    ]


def test_an_author_of_drafts_only_need_not_be_on_the_team_page(make_project):
    files = {
        "content/people/ani.yaml": "name: Ani Wijaya\nkind: person\n",
        "content/claims/draf.yaml": CLAIM_YAML.replace("authors: [tim]", "authors: [ani]") + "draft: true\n",
    }
    assert [f for f in audit(make_project, files) if f[2] == "author-not-on-team"] == []


# ------------------------------------------------------------------ archived sources


def test_sources_without_an_archived_copy_are_a_warning_with_a_count(make_project, run_cli):
    archived = CLAIM_YAML.replace(
        "    url: https://tass.com/world/1277551\n",
        "    url: https://tass.com/world/1277551\n    archive_url: https://web.archive.org/web/2021/https://tass.com/world/1277551\n",
    )
    result = run_cli("audit", "--clock", CLOCK, project=make_project({**ROLE_PAGES, CLAIM: archived}))
    assert result.exit_code == 0, result.stderr  # a warning: the audit still passes
    assert f"{CLAIM}:13:1: warning: 1 of 2 source(s) have no archived copy: order [source-not-archived]" in result.stderr
    assert "sources without an archived copy: 1 of 2, in 1 fact-check(s)" in result.stdout


# ------------------------------------------------------------------ a route to ask for a correction


def test_a_site_without_a_correction_route_fails(make_project):
    found = audit(make_project, {"content/site.yaml": SITE_YAML})
    assert ("content/site.yaml", 1, "no-correction-route", "error") in found


@pytest.mark.parametrize(
    "value, code",
    [
        ("redaksi@cekfakta.example.org", None),
        ("https://form.example.org/koreksi", None),
        ("/tentang/", None),  # a page of the project
        ("/kontak/", "unknown-reference"),  # no such page
        ("redaksi at cekfakta", "bad-contact"),
        ("javascript:alert(1)", "bad-contact"),
        ("ftp://files.example.org/", "bad-url"),
    ],
)
def test_the_correction_route_is_an_address_or_a_page_that_exists(make_project, value, code):
    from generator.content.loading import load_content

    project = make_project({"content/site.yaml": SITE_YAML + f"corrections_request: {json.dumps(value)}\n"})
    _, diagnostics = load_content(Project.at(project), datetime.fromisoformat(CLOCK))
    found = [(d.path, d.line, d.code) for d in diagnostics if d.severity.value == "error"]
    assert found == ([] if code is None else [("content/site.yaml", 34, code)]), found


def test_every_fact_check_and_the_log_link_the_correction_route(make_project, run_cli, tmp_path):
    files = {**ROLE_PAGES, "content/site.yaml": SITE_YAML + "corrections_request: /tentang/\n"}
    assert run_cli("build", "-o", str(tmp_path / "out"), "--clock", CLOCK, project=make_project(files)).exit_code == 0
    line = 'Menemukan kesalahan? Minta koreksi: <a href="/tentang/">Tentang kami</a>'
    assert line in (tmp_path / "out/claims/biden-telepon/index.html").read_text(encoding="utf-8")
    assert line in (tmp_path / "out/corrections/index.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ ClaimReview's required fields

FACTS = ClaimFacts(
    path=CLAIM,
    lines={"claim_short": 3, "verdict": 7, "claimant": 4, "claim_date": 6, "article": 5, "published": 20},
    claim_date="2021-04-16",
    appeared="article",
    methodology="metodologi",
)
ITEM = {
    "@type": "Claim",
    "author": {"@type": "Organization", "name": "Medcom"},
    "datePublished": "2021-04-16",
    "appearance": [{"@type": "CreativeWork", "headline": "Berita"}],
}
DESK = {"@type": "Organization", "name": "Cek Fakta Uji"}


def complete(**changes) -> dict:
    data = review(author=DESK, datePublished="2021-04-19T09:00:00+07:00", itemReviewed=json.loads(json.dumps(ITEM)))
    for key, value in changes.items():
        if key.startswith("item_"):
            if value is None:
                data["itemReviewed"].pop(key[5:])
            else:
                data["itemReviewed"][key[5:]] = value
        elif value is None:
            data.pop(key)
        else:
            data[key] = value
    return data


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({}, []),
        ({"author": None}, [(PAGE, 1, "claimreview-author")]),
        ({"author": {"@type": "Organization"}}, [(PAGE, 1, "claimreview-author")]),
        ({"author": {"@type": "Thing", "name": "Cek Fakta"}}, [(PAGE, 1, "claimreview-author")]),
        ({"author": [DESK, {"@type": "Person", "name": "Ani"}]}, []),
        ({"datePublished": None}, [(CLAIM, 20, "claimreview-date")]),
        ({"datePublished": "19 April 2021"}, [(CLAIM, 20, "claimreview-date")]),
        ({"itemReviewed": None}, [(PAGE, 1, "claimreview-item")]),
        ({"item_author": None}, [(CLAIM, 4, "claimreview-claim-author")]),
        ({"item_author": {"@type": "Person", "name": " "}}, [(CLAIM, 4, "claimreview-claim-author")]),
        ({"item_datePublished": None}, [(CLAIM, 6, "claimreview-claim-date")]),
        ({"item_datePublished": "2021-04-15"}, [(CLAIM, 6, "claimreview-claim-date")]),
        ({"item_appearance": None}, [(CLAIM, 5, "claimreview-appearance")]),
        ({"item_appearance": []}, [(CLAIM, 5, "claimreview-appearance")]),
    ],
)
def test_claimreview_required_fields_on_a_crafted_page(changes, expected):
    html = page([complete(**changes)]).replace("<main>", '<main><a href="/metodologi/">m</a>', 1)
    where = (CLAIM, {"claim_short": 3, "verdict": 7})
    found = [(d.path, d.line, d.code) for d in check_page(html, PAGE, where, LABELS, "cekfakta.example.org", FACTS)]
    assert sorted(found) == sorted(expected)


def test_a_claim_without_an_appearance_on_record_needs_none_in_its_review():
    html = page([complete(item_appearance=None)]).replace("<main>", '<main><a href="/metodologi/">m</a>', 1)
    facts = ClaimFacts(**{**FACTS.__dict__, "appeared": None})
    assert check_page(html, PAGE, (CLAIM, {}), LABELS, "cekfakta.example.org", facts) == []


# ------------------------------------------------------------------ each fact-check says how it was checked


@pytest.mark.parametrize(
    "body, method, found",
    [
        ('<a href="/metodologi/">metodologi</a>', None, []),
        ('<a href="https://cekfakta.example.org/cekfakta/metodologi/">m</a>', None, []),  # a build under a path
        ("<p>Kami membandingkan   tanggal kedua dokumen.</p>", "Kami membandingkan tanggal kedua dokumen.", []),
        ("<p>Analisis.</p>", None, [(CLAIM, 9, "claim-no-method")]),
        ("<p>Analisis.</p>", "Kami membandingkan tanggal kedua dokumen.", [(CLAIM, 9, "claim-no-method")]),  # not shown
    ],
)
def test_a_fact_check_says_how_it_was_checked(body, method, found):
    html = page([complete()]).replace("<main>", f"<main>{body}", 1)
    html = html.replace("</body>", '<footer><a href="/metodologi/">footer link</a></footer></body>')  # outside <main>
    facts = ClaimFacts(**{**FACTS.__dict__, "method": method, "lines": {**FACTS.lines, "method": 9}})
    problems = check_page(html, PAGE, (CLAIM, {}), LABELS, "cekfakta.example.org", facts)
    assert [(d.path, d.line, d.code) for d in problems] == found


def test_the_built_claim_page_links_the_methodology_and_shows_the_method_note(make_project, run_cli, tmp_path):
    note = "Kami membandingkan tanggal ringkasan telepon dengan tanggal perintah eksekutif."
    files = {**ROLE_PAGES, CLAIM: CLAIM_YAML + f"method: {note}\n"}
    project = make_project(files)
    assert run_cli("build", "-o", str(tmp_path / "out"), "--clock", CLOCK, project=project).exit_code == 0
    html = (tmp_path / "out/claims/biden-telepon/index.html").read_text(encoding="utf-8")
    assert f'<p class="method-note">{note}</p>' in html
    assert '<a href="/methodology/">metodologi kami</a>' in html
    assert run_cli("audit", "--site", str(tmp_path / "out"), "--clock", CLOCK, project=project).exit_code == 0


# ------------------------------------------------------------------ updates are not corrections

UPDATED = CLAIM_YAML + (
    "corrections:\n  - date: 2021-04-21\n    note: Kami memperbaiki tanggal perintah [@order].\n"
    "updates:\n  - date: 2021-04-23\n    note: Medcom kemudian memperbaiki paragraf pembukanya.\n"
)


def test_updates_are_shown_apart_from_corrections_on_the_page_in_the_log_and_the_feed(make_project, run_cli, tmp_path):
    out = tmp_path / "out"
    assert run_cli("build", "-o", str(out), "--clock", CLOCK, project=make_project({**ROLE_PAGES, CLAIM: UPDATED})).exit_code == 0
    claim = (out / "claims/biden-telepon/index.html").read_text(encoding="utf-8")
    corrections = claim[claim.index('<section class="corrections-box" id="corrections"') :]
    corrections = corrections[: corrections.index("</section>")]
    updates = claim[claim.index('<section class="updates-box" id="updates"') :]
    updates = updates[: updates.index("</section>")]
    assert "Kami memperbaiki tanggal perintah" in corrections and "Medcom kemudian" not in corrections
    assert "Medcom kemudian memperbaiki" in updates and "Kami memperbaiki" not in updates
    assert '<h2 id="updates-heading">Pembaruan</h2>' in updates

    log = (out / "corrections/index.html").read_text(encoding="utf-8")
    assert '<article class="correction-entry correction-entry--update">' in log
    assert '<article class="correction-entry correction-entry--correction">' in log
    assert '<strong class="note-kind">Diperbarui</strong>' in log and '<strong class="note-kind">Dikoreksi</strong>' in log
    assert 'href="/claims/biden-telepon/#updates"' in log and 'href="/claims/biden-telepon/#corrections"' in log

    feed = (out / "corrections/feed.xml").read_text(encoding="utf-8")
    assert '<title>Diperbarui: Apakah Biden menelepon Putin setelah sanksi?</title>\n<category term="update"/>' in feed
    assert '<title>Dikoreksi: Apakah Biden menelepon Putin setelah sanksi?</title>\n<category term="correction"/>' in feed
    assert "<id>https://cekfakta.example.org/claims/biden-telepon/#update-1</id>" in feed
    assert "<updated>2021-04-22T17:00:00Z</updated>" in feed  # the update is the newest entry (Jakarta midnight, in UTC)

    data = json.loads((out / "api/claims/biden-telepon.json").read_text(encoding="utf-8"))["claim"]
    assert data["updates"] == [{"date": "2021-04-23", "note": "Medcom kemudian memperbaiki paragraf pembukanya."}]
    assert [c["date"] for c in data["corrections"]] == ["2021-04-21"]


def test_a_page_that_hides_its_updates_fails_the_audit():
    html = page([complete()]).replace("<main>", '<main><a href="/metodologi/">m</a><section id="corrections"></section>', 1)
    facts = ClaimFacts(**{**FACTS.__dict__, "corrections": True, "updates": True})
    problems = check_page(html, PAGE, (CLAIM, {}), LABELS, "cekfakta.example.org", facts)
    assert [(d.path, d.code) for d in problems] == [(PAGE, "updates-not-shown")]


def test_an_update_needs_no_correction_and_cites_sources(make_project):
    from generator.content.loading import load_content

    text = CLAIM_YAML + "updates:\n  - date: 2021-04-10\n    note: Lihat [@nothing].\n"
    _, diagnostics = load_content(Project.at(make_project({CLAIM: text})), datetime.fromisoformat(CLOCK))
    assert sorted((d.line, d.code) for d in diagnostics) == [(24, "update-before-published"), (25, "unknown-source")]
