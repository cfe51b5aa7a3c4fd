"""Open data: api/claims.json follows its committed schema, per-claim files and the CSV agree with it, the
ClaimReview DataFeed repeats each page's ClaimReview, drafts stay out, and `factcheck export` writes the same bytes."""

from __future__ import annotations

import csv
import html.parser
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site
from generator.outputs.opendata import CSV_COLUMNS, claims_csv
from generator.plan.apischema import COMMITTED, api_schema, claim_file_schema, schema_files, schema_text
from tests.engine.test_build import GOLDEN_FILES, HOSTILE, _hostile_files

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
REPO_ROOT = Path(__file__).resolve().parents[2]
COMMITTED_SCHEMA = REPO_ROOT / "schemas" / "claims-api.schema.json"
COMMITTED_CLAIM_SCHEMA = REPO_ROOT / "schemas" / "claim-api.schema.json"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden project built once, drafts and a scheduled claim included in the content."""
    import textwrap

    from tests.conftest import BASE_FILES

    root = tmp_path_factory.mktemp("project")
    for rel, text in {**BASE_FILES, **GOLDEN_FILES}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    out = root / "site"
    result = build_site(Project.at(root), BuildOptions(output=out, clock=CLOCK))
    assert result.ok, [d.format_text() for d in result.diagnostics]
    return out


def validator(committed: Path = COMMITTED_SCHEMA) -> jsonschema.Draft202012Validator:
    schema = json.loads(committed.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_committed_schemas_are_fresh() -> None:
    for path, text in schema_files().items():
        committed = REPO_ROOT / "schemas" / COMMITTED[path]
        assert committed.read_text(encoding="utf-8") == text, "run `python -m generator.plan.apischema`"
    jsonschema.Draft202012Validator.check_schema(api_schema())
    jsonschema.Draft202012Validator.check_schema(claim_file_schema())


def test_every_field_is_described() -> None:
    def walk(node, where):
        if isinstance(node, dict):
            if "properties" in node:
                for name, spec in node["properties"].items():
                    assert "description" in spec or "$ref" in spec, f"{where}.{name} has no description"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    walk(api_schema(), "schema")
    walk(claim_file_schema(), "claim file schema")


def test_claims_json_validates_and_holds_only_published_claims(site: Path) -> None:
    data = json.loads((site / "api/claims.json").read_text(encoding="utf-8"))
    validator().validate(data)
    assert data["version"] == 1 and data["count"] == 2
    assert [c["id"] for c in data["claims"]] == ["as-usir-diplomat", "biden-telepon"]  # newest first
    assert data["license"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert data["$schema"] == "https://cekfakta.example.org/api/claims.schema.json"
    assert (site / "api/claims.schema.json").read_text(encoding="utf-8") == schema_text()
    assert data["date_modified"] == "2021-04-22T03:00:00Z"
    claim = data["claims"][1]
    assert claim["url"] == "https://cekfakta.example.org/claims/biden-telepon/"
    assert claim["image"] == "https://cekfakta.example.org/og/biden-telepon.png"
    assert claim["verdict"] == {
        "id": "salah",
        "label": "Salah",
        "rating": 1,
        "best_rating": 3,
        "worst_rating": 1,
        "bucket": "false",
    }
    assert claim["claimant"] == {"id": "medcom", "name": "Medcom", "kind": "organization"}
    off_scale_ok = data["claims"][0]["corrections"][0]["previous_verdict"] == "sebagian-benar"
    assert off_scale_ok
    text = (site / "api/claims.json").read_text(encoding="utf-8")
    for marker in ("zzdraftmarker", "zzfuturemarker", "rahasia", "nanti"):
        assert marker not in text.lower()


def test_one_file_per_claim_matches_the_list(site: Path) -> None:
    listing = json.loads((site / "api/claims.json").read_text(encoding="utf-8"))
    files = sorted((site / "api/claims").glob("*.json"))
    assert [f.stem for f in files] == sorted(c["id"] for c in listing["claims"])
    for claim in listing["claims"]:
        one = json.loads((site / f"api/claims/{claim['id']}.json").read_text(encoding="utf-8"))
        validator(COMMITTED_CLAIM_SCHEMA).validate(one)
        assert one["$schema"] == "https://cekfakta.example.org/api/claim.schema.json"
        assert one["claim"] == claim and one["version"] == 1
        assert claim["api_url"] == f"https://cekfakta.example.org/api/claims/{claim['id']}.json"


def test_csv_parses_with_one_row_per_claim(site: Path) -> None:
    raw = (site / "claims.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # UTF-8 without a byte-order mark
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    listing = json.loads((site / "api/claims.json").read_text(encoding="utf-8"))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [r["id"] for r in rows] == [c["id"] for c in listing["claims"]]
    for row, claim in zip(rows, listing["claims"]):
        assert row["verdict"] == claim["verdict"]["label"] and row["bucket"] == claim["verdict"]["bucket"]
        assert row["rating"] == str(claim["verdict"]["rating"]) and row["url"] == claim["url"]
        assert row["summary"] == claim["summary"] and row["claim"] == claim["claim"]
    assert rows[0]["tags"] == "diplomasi; sanksi" and rows[0]["corrections"] == "1"


def test_csv_defuses_spreadsheet_formulas() -> None:
    record = {
        "id": "x",
        "url": "u",
        "title": '=HYPERLINK("http://evil")',
        "claim": "+1",
        "claim_short": "@x",
        "claimant": {"id": "a", "name": "-b"},
        "claim_date": "2021-01-01",
        "verdict": {"id": "v", "label": "L", "rating": None, "best_rating": None, "worst_rating": None, "bucket": "other"},
        "summary": 'fine, "quoted"\nsecond line',
        "tags": [],
        "authors": [],
        "published": "p",
        "updated": None,
        "language": "id",
        "article": None,
        "corrections": [],
        "image": "i",
        "updates": [],
    }
    [header, row] = list(csv.reader(io.StringIO(claims_csv([record]).decode("utf-8"), newline="")))
    cells = dict(zip(header, row))
    assert cells["title"] == '\'=HYPERLINK("http://evil")' and cells["claim"] == "'+1" and cells["claimant"] == "'-b"
    assert cells["summary"] == 'fine, "quoted"\nsecond line' and cells["rating"] == "" and cells["updated"] == ""


class _JsonLd(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks.append(data)


def test_datafeed_items_repeat_each_page_claimreview(site: Path) -> None:
    feed = json.loads((site / "claimreview.json").read_text(encoding="utf-8"))
    assert feed["@type"] == "DataFeed" and feed["@context"] == "https://schema.org"
    assert feed["sdLicense"] == "https://creativecommons.org/licenses/by/4.0/"
    assert feed["dateModified"] == "2021-04-22T03:00:00Z"
    items = feed["dataFeedElement"]
    assert [i["url"] for i in items] == [
        "https://cekfakta.example.org/claims/as-usir-diplomat/",
        "https://cekfakta.example.org/claims/biden-telepon/",
    ]
    for item in items:
        assert item["@type"] == "DataFeedItem"
        [review] = item["item"]
        page = (site / item["url"].removeprefix("https://cekfakta.example.org/") / "index.html").read_text(encoding="utf-8")
        parser = _JsonLd()
        parser.feed(page)
        [on_page] = [json.loads(b) for b in parser.blocks]
        on_page.pop("@context")
        assert review == on_page
        for field in ("url", "claimReviewed", "reviewRating", "itemReviewed", "author", "datePublished"):
            assert field in review
        # ... and they agree with what a reader sees on the page
        assert f'<span class="verdict-label">{review["reviewRating"]["alternateName"]}</span>' in page
        assert review["url"] in page and item["dateModified"] == review["dateModified"]


def test_hostile_text_survives_every_format(make_project, tmp_path: Path) -> None:
    project = make_project(_hostile_files())
    out = tmp_path / "site"
    assert build_site(Project.at(project), BuildOptions(output=out, clock=CLOCK)).ok
    data = json.loads((out / "api/claims.json").read_text(encoding="utf-8"))
    validator().validate(data)
    assert data["claims"][0]["title"] == HOSTILE and data["license"]["name"] == HOSTILE
    rows = list(csv.DictReader(io.StringIO((out / "claims.csv").read_text(encoding="utf-8"), newline="")))
    assert rows[0]["title"] == HOSTILE and rows[0]["verdict"] == HOSTILE
    feed = json.loads((out / "claimreview.json").read_text(encoding="utf-8"))
    assert feed["dataFeedElement"][0]["item"][0]["itemReviewed"]["author"]["name"] == HOSTILE


def test_open_data_page_documents_each_format(site: Path) -> None:
    page = (site / "data/index.html").read_text(encoding="utf-8")
    for href in (
        "/api/claims.json",
        "/api/claims.schema.json",
        "/api/claims/as-usir-diplomat.json",
        "/claims.csv",
        "/claimreview.json",
        "https://creativecommons.org/licenses/by/4.0/",
    ):
        assert f'href="{href}"' in page, href
    assert "CC BY 4.0" in page and "<code>claim_short</code>" in page and "<code>verdict</code>" in page
    assert '<a href="/data/">Data terbuka</a>' in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "fmt, site_file", [("json", "api/claims.json"), ("csv", "claims.csv"), ("claimreview", "claimreview.json")]
)
def test_export_writes_what_the_site_publishes(fmt: str, site_file: str, site: Path, run_cli, tmp_path: Path) -> None:
    project = site.parent
    target = tmp_path / f"export.{fmt}"
    result = run_cli("export", "--format", fmt, "-o", str(target), "--clock", "2026-01-01T00:00:00Z", project=project)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (site / site_file).read_bytes()
    assert not (tmp_path / "site").exists()


def test_export_to_stdout_and_on_bad_content(make_project, run_cli) -> None:
    project = make_project()
    result = run_cli("export", "--format", "csv", "--clock", "2026-01-01T00:00:00Z", project=project)
    assert result.exit_code == 0 and result.stdout.startswith("id,url,title,")
    claim = project / "content/claims/biden-telepon.yaml"
    claim.write_text(claim.read_text().replace("verdict: salah", "verdict: salahh"))
    result = run_cli("export", project=project)
    assert result.exit_code == 1 and result.stdout == ""
    assert "not exported: the content has errors" in result.stderr
    assert run_cli("export", "--format", "xml", project=project).exit_code == 2


def test_records_encoded_once_equal_the_whole_documents_encoded_at_once(site: Path) -> None:
    """write_open_data splices pre-encoded records into the list files; the bytes must be what encoding
    the whole document gives, for empty lists too."""
    import json

    from generator.outputs import jsonwrite

    for name in ("api/claims.json", "claimreview.json"):
        text = (site / name).read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    one = next((site / "api/claims").glob("*.json")).read_text(encoding="utf-8")
    assert one == json.dumps(json.loads(one), ensure_ascii=False, indent=2) + "\n"
    for encoded in ([], ['{\n  "a": 1\n}']):
        spliced = jsonwrite.with_last({"x": 1}, "items", encoded).decode()
        assert spliced == json.dumps({"x": 1, "items": [json.loads(e) for e in encoded]}, indent=2) + "\n"
    assert (
        jsonwrite.with_last({"x": 1}, "one", '{\n  "a": [\n    1\n  ]\n}').decode()
        == json.dumps({"x": 1, "one": {"a": [1]}}, indent=2) + "\n"
    )


# What open data holds: text (from UTF-8 files, so no lone surrogates), whole numbers, true, false, null,
# lists and objects with text keys. No floats: ratings are whole numbers.
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | _TEXT,
    lambda inner: st.lists(inner) | st.dictionaries(_TEXT, inner),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(_JSON_VALUES)
def test_the_encoder_writes_what_json_dumps_writes(value) -> None:
    from generator.outputs.jsonwrite import encode

    assert encode(value) == json.dumps(value, ensure_ascii=False, indent=2)
