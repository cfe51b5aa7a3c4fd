"""Markdown rendering: raw HTML off, sanitised output, citations, headings."""

from __future__ import annotations

import pytest

from generator.markup import CITATION_RE, find_citations, render_markdown


def test_citations_become_numbered_links_in_given_numbers() -> None:
    html = render_markdown("A [@b] and [@a-1], again [@b].", {"a-1": 2, "b": 1})
    assert html == ('<p>A <sup class="citation"><a href="#source-b">[1]</a></sup> and '
                    '<sup class="citation"><a href="#source-a-1">[2]</a></sup>, again '
                    '<sup class="citation"><a href="#source-b">[1]</a></sup>.</p>')


def test_unknown_citation_stays_text() -> None:
    assert render_markdown("See [@nope].", {}) == "<p>See [@nope].</p>"


def test_find_citations_in_order_without_repeats() -> None:
    assert find_citations("[@b] x [@a] [@b] [@Not-valid] [@c-2]") == ["b", "a", "c-2"]
    assert CITATION_RE.pattern  # shared with checks.py


@pytest.mark.parametrize("text, forbidden", [
    ("<script>alert(1)</script>", "<script"),
    ("<div onclick=\"x()\">hi</div>", "<div"),
    ("inline <b onmouseover=x>bold</b>", "<b"),
    ("<!-- comment -->", "<!--"),
    ("[x](javascript:alert(1))", "javascript:"),
    ("[x](JaVaScRiPt:alert(1))", "avascript"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
    ("[x](vbscript:msgbox)", "vbscript"),
    ("![img](https://tracker.example.com/pixel.gif)", "<img"),
    ('[x](https://e.org/"onmouseover="alert(1))', '"onmouseover'),
    ("<iframe src=https://e.org></iframe>", "<iframe"),
    ("<svg><script>alert(1)</script></svg>", "<svg"),
])
def test_raw_html_and_unsafe_links_never_reach_output(text: str, forbidden: str) -> None:
    assert forbidden.lower() not in render_markdown(text).lower()


def test_raw_html_is_shown_as_text() -> None:
    assert render_markdown("a <b>b</b>") == "<p>a &lt;b&gt;b&lt;/b&gt;</p>"


def test_http_and_relative_links_are_kept() -> None:
    html = render_markdown("[a](https://e.org/x?a=1&b=2) [b](/metodologi/) [c](#sources)")
    assert '<a href="https://e.org/x?a=1&amp;b=2">a</a>' in html
    assert '<a href="/metodologi/">b</a>' in html and '<a href="#sources">c</a>' in html


def test_headings_start_below_the_page_title() -> None:
    assert render_markdown("# A\n\n## B") == "<h2>A</h2>\n<h3>B</h3>"
    assert render_markdown("# A\n\n###### F", top_heading=3) == "<h3>A</h3>\n<h6>F</h6>"
    assert render_markdown("## A\n\n### B") == "<h2>A</h2>\n<h3>B</h3>"  # editors who start at ##


def test_tables_lists_and_emphasis() -> None:
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n1. x\n2. *y* **z**")
    assert '<th style="text-align:left">a</th>' in html
    assert "<ol>\n<li>x</li>\n<li><em>y</em> <strong>z</strong></li>\n</ol>" in html


def test_rendering_is_pure_and_repeatable() -> None:
    first = render_markdown("x [@a]", {"a": 1})
    render_markdown("x [@a]", {"a": 7})
    assert render_markdown("x [@a]", {"a": 1}) == first


def test_citations_can_point_at_another_page() -> None:
    html = render_markdown("x [@a]", {"a": 1}, citation_base="/claims/c/")
    assert '<a href="/claims/c/#source-a">[1]</a>' in html
