"""Share links encode text exactly as urllib would (the fast path must not drift from it)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.plan.share import _query, share_links


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_query_equals_urlencode_with_quote(text: str, other: str) -> None:
    assert _query(text=text, u=other) == urlencode({"text": text, "u": other}, quote_via=quote)


def test_spaces_are_percent_20_for_mail_programs() -> None:
    links = {link["service"]: link["url"] for link in share_links("https://x.org/a/", "Judul ini", "Teks “kutipan” & lain")}
    assert links["email"] == "mailto:?subject=Judul%20ini&body=Teks%20%E2%80%9Ckutipan%E2%80%9D%20%26%20lain"
