"""ClaimReview mapping and JSON that cannot break out of its <script> element."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from generator.content.entries import Content, Entry
from generator.content.models import Article, Claim, Person, Site
from generator.content.positions import Positions
from generator.plan.jsonld import claim_review, to_script_json

SITE = Site.model_validate(
    {
        "title": "Cek",
        "description": "d",
        "base_url": "https://cek.example.org/",
        "language": "id",
        "timezone": "Asia/Jakarta",
        "publisher": {"name": "Cek Org", "url": "https://cek.example.org/", "logo": "https://cek.example.org/logo.png"},
        "data_license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        "scale": [
            {"id": "benar", "label": "Benar", "description": "d", "rating": 3, "bucket": "true"},
            {"id": "campur", "label": "Campur", "description": "d", "rating": 2, "bucket": "mixed"},
            {"id": "salah", "label": "Salah", "description": "d", "rating": 1, "bucket": "false"},
            {"id": "tt", "label": "Tidak terbukti", "description": "d", "bucket": "other"},
        ],
    },
    strict=False,
)


def entry(id_: str, model) -> Entry:
    return Entry(id_, f"content/{id_}.yaml", model, Positions())


def make_content(**claim_fields) -> tuple[Content, Entry[Claim]]:
    fields = {
        "title": "T",
        "claim": "C",
        "claim_short": "Biden menelepon Putin",
        "claimant": "biden",
        "article": "berita",
        "claim_date": date(2021, 4, 16),
        "verdict": "salah",
        "summary": "S",
        "analysis": "A",
        "authors": ["tim"],
        "published": datetime(2021, 4, 19, 9, tzinfo=UTC),
        "appearances": [{"url": "https://x.example.com/p/1"}],
    }
    fields.update(claim_fields)
    claim = entry("c", Claim.model_validate(fields, strict=False))
    people = {
        "biden": entry(
            "biden",
            Person(
                name="Joe Biden",
                kind="person",
                url="https://www.whitehouse.gov/",
                same_as=["https://www.wikidata.org/wiki/Q6279"],
            ),
        ),
        "tim": entry("tim", Person(name="Tim", kind="organization")),
        "medcom": entry("medcom", Person(name="Medcom", kind="organization", url="https://www.medcom.id/")),
    }
    article = Article.model_validate(
        {
            "title": "Berita",
            "title_is_description": True,
            "publisher": "medcom",
            "url": "https://www.medcom.id/a",
            "published": date(2021, 4, 16),
        },
        strict=False,
    )
    content = Content(entry("site", SITE), people, {"berita": entry("berita", article)}, {"c": claim}, {})
    return content, claim


def test_claim_review_mapping() -> None:
    content, claim = make_content(updated=date(2021, 4, 20), language="en")
    data = claim_review(content, claim, "https://cek.example.org")
    assert data["@type"] == "ClaimReview" and data["@context"] == "https://schema.org"
    assert data["url"] == "https://cek.example.org/claims/c/"
    assert data["claimReviewed"] == "Biden menelepon Putin"
    assert data["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Salah",
        "ratingValue": 1,
        "bestRating": 3,
        "worstRating": 1,
    }
    item = data["itemReviewed"]
    assert item["@type"] == "Claim" and item["datePublished"] == "2021-04-16"
    assert item["author"] == {
        "@type": "Person",
        "name": "Joe Biden",
        "sameAs": ["https://www.whitehouse.gov/", "https://www.wikidata.org/wiki/Q6279"],
    }
    assert item["appearance"][0]["url"] == "https://www.medcom.id/a"
    assert item["appearance"][0]["name"] == "Berita"
    assert item["appearance"][1] == {"@type": "CreativeWork", "url": "https://x.example.com/p/1"}
    assert data["author"] == {"@type": "Organization", "name": "Cek Org", "url": "https://cek.example.org/"}
    assert data["publisher"]["logo"] == {"@type": "ImageObject", "url": "https://cek.example.org/logo.png"}
    assert data["datePublished"] == "2021-04-19T09:00:00+00:00"
    assert data["dateModified"] == "2021-04-20T00:00:00+07:00"  # a bare date is midnight in the site's zone
    assert data["inLanguage"] == "en"


def test_a_correction_moves_date_modified() -> None:
    content, claim = make_content(
        updated=date(2021, 4, 20),
        corrections=[{"date": date(2021, 5, 2), "note": "Tanggal panggilan diperbaiki.", "previous_verdict": "salah"}],
    )
    assert claim_review(content, claim, "https://u.example.org")["dateModified"] == "2021-05-02T00:00:00+07:00"
    content, claim = make_content(updated=date(2021, 6, 1), corrections=[{"date": date(2021, 5, 2), "note": "Catatan."}])
    assert (
        claim_review(content, claim, "https://u.example.org")["dateModified"] == "2021-06-01T00:00:00+07:00"
    )  # the later of the two


def test_off_scale_verdict_has_no_numbers() -> None:
    content, claim = make_content(verdict="tt")
    assert claim_review(content, claim, "https://u.example.org")["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Tidak terbukti",
    }


@pytest.mark.parametrize(
    "text",
    [
        "</script><script>alert(1)</script>",
        "<!--",
        "a & b",
        "\u2028\u2029",
        '"quoted" \\ back',
        "]]>",
    ],
)
def test_script_json_round_trips_and_cannot_close_the_element(text: str) -> None:
    out = to_script_json({"k": text, "nested": [text]})
    assert "<" not in out and ">" not in out and "&" not in out
    assert "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == {"k": text, "nested": [text]}


def test_script_json_keeps_non_ascii_readable() -> None:
    assert to_script_json({"k": "Jumat — ü"}) == '{"k":"Jumat — ü"}'
