"""Share links encode text exactly as urllib would (the fast path must not drift from it)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.plan.share import _query, share_links, share_text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_query_equals_urlencode_with_quote(text: str, other: str) -> None:
    assert _query(text=text, u=other) == urlencode({"text": text, "u": other}, quote_via=quote)


def test_spaces_are_percent_20_for_mail_programs() -> None:
    links = {link["service"]: link["url"] for link in share_links("https://x.org/a/", "Judul ini", "Teks “kutipan” & lain")}
    assert links["email"] == "mailto:?subject=Judul%20ini&body=Teks%20%E2%80%9Ckutipan%E2%80%9D%20%26%20lain"


def test_the_share_text_labels_the_paraphrased_claim_instead_of_quoting_it() -> None:
    """claim_short is the desk's paraphrase: quotation marks would put words in the claimant's mouth."""
    text = share_text(
        "Biden menelepon Putin setelah sanksi", "Salah", "Panggilan  terjadi\nlebih dulu.", "https://x.org/a/", "id"
    )
    assert (
        text
        == "Klaim: Biden menelepon Putin setelah sanksi\nPenilaian kami: Salah\nPanggilan terjadi lebih dulu.\nhttps://x.org/a/"
    )
    english = share_text("Biden called Putin after the sanctions", "False", "The call came first.", "https://x.org/a/", "en")
    assert english.startswith("Claim: Biden called Putin after the sanctions\nOur verdict: False\n")
    for mark in '“”"«»„':
        assert mark not in text and mark not in english


def test_the_share_box_of_a_built_page_has_no_quoted_claim(demo_site) -> None:
    page = (demo_site / "claims/biden-telepon-putin-setelah-sanksi/index.html").read_text(encoding="utf-8")
    box = page[page.index('<textarea id="share-text"') : page.index("</textarea>")]
    assert "Klaim: Biden menelepon Putin setelah meneken perintah eksekutif sanksi Rusia\nPenilaian kami: Salah" in box
    assert "“" not in box and "&#34;" not in box and "&quot;" not in box
