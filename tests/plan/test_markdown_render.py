"""Markdown rendering: raw HTML off, sanitised output, citations, headings."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.fields import CITATION_RE, find_citations
from generator.plan import markdown as markup
from generator.plan.markdown import render_markdown


def test_citations_become_numbered_links_in_given_numbers() -> None:
    html = render_markdown("A [@b] and [@a-1], again [@b].", {"a-1": 2, "b": 1})
    assert html == (
        '<p>A <sup class="citation"><a href="#source-b">[1]</a></sup> and '
        '<sup class="citation"><a href="#source-a-1">[2]</a></sup>, again '
        '<sup class="citation"><a href="#source-b">[1]</a></sup>.</p>'
    )


def test_unknown_citation_stays_text() -> None:
    assert render_markdown("See [@nope].", {}) == "<p>See [@nope].</p>"


def test_find_citations_in_order_without_repeats() -> None:
    assert find_citations("[@b] x [@a] [@b] [@Not-valid] [@c-2]") == ["b", "a", "c-2"]
    assert CITATION_RE.pattern  # shared with checks.py


@pytest.mark.parametrize(
    "text, forbidden",
    [
        ("<script>alert(1)</script>", "<script"),
        ('<div onclick="x()">hi</div>', "<div"),
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
    ],
)
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


# ------------------------------------------------------------ skipping what cannot match


def _full_converter():
    """The converter without its shortcuts: every block processor and inline pattern on every document."""
    converter = markup.make_converter()
    converter[0].preprocessors.deregister("choose_blocks")
    converter[0].treeprocessors.deregister("choose_patterns")
    return converter


def _convert(converter, text: str, numbers: dict[str, int]) -> str:
    md, citations, _ = converter
    citations.numbers = numbers
    return markup.sanitise(md.reset().convert(markup.INVISIBLE_RE.sub("", text))).strip()


# Pieces that start and stop every block processor and inline pattern, their trigger strings among them.
PIECES = [
    "#",
    "## ",
    ">",
    "> ",
    "|",
    "]:",
    "[",
    "]",
    "(",
    ")",
    "`",
    "```",
    "~~~",
    "\\",
    "<",
    "&",
    "&amp;",
    "&#1;",
    "*",
    "**",
    "_",
    "__",
    "-",
    "---",
    "=",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "    ",
    "\r",
    "\x00",
    "a",
    "b c",
    "é",
    "1. ",
    "- ",
    "+ ",
    "|---|",
    "| x | y |\n|--|--|\n",
    "a|b\n-|-\n",
    "<http://x.org>",
    "<a@b.c>",
    "[@a]",
    "[@b-1]",
    "@",
    "!",
    ":",
    '"',
    "[r]",
    "[r]: http://r.org",
    "[x](http://y)",
    "![i](j)",
    "<b>",
    "<!--",
]
markdownish = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish, st.sampled_from([{}, {"a": 1}, {"a": 2, "b-1": 1}]))
def test_skipping_processors_that_cannot_match_changes_nothing(text: str, numbers: dict[str, int]) -> None:
    assert _convert(markup.make_converter(), text, numbers) == _convert(_full_converter(), text, numbers)


@pytest.mark.parametrize(
    "text",
    [
        '# H\n\n> q\n\n| a | b |\n|--|--|\n| 1 | 2 |\n\n[x][r] [r]\n\n[r]: https://e.org "T"',
        "`[@a]` \\[@a] [@a] <https://e.org> <a@b.c> &copy; *e* _u_ **s**  \nbreak",
        "[x][r] and [r] without a definition, [l](https://e.org)",
        "plain text only",
    ],
)
def test_documents_with_and_without_each_trigger_render_as_before(text: str) -> None:
    converter = markup.make_converter()  # one converter over all: a choice must not leak into the next document
    for document in (text, "plain", text):
        assert _convert(converter, document, {"a": 1}) == _convert(_full_converter(), document, {"a": 1})


def test_triggers_cover_every_emphasis_delimiter() -> None:
    md = markup.make_converter()[0]
    tokens = getattr(md.inlinePatterns["em_strong"], "tokens", [])  # Python-Markdown >= 3.8
    assert set(tokens) <= set(markup.PATTERN_TRIGGERS["em_strong"])
