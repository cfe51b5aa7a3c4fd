"""Markdown to safe HTML, and the `[@source-id]` citation syntax shared with the checks.

Pure text in, text out: no knowledge of records, files or templates, so results can be
cached by their input and computed in worker processes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Mapping

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from generator.cache import Store, digest
from generator.workers import map_chunks

CITATION_RE = re.compile(r"\[@([a-z0-9]+(?:-[a-z0-9]+)*)\]")

# Explicit, small list: no `extra`, no raw HTML, nothing that loads from elsewhere.
EXTENSIONS = ("markdown.extensions.sane_lists", "markdown.extensions.tables", "markdown.extensions.fenced_code")
CONVERTER_VERSION = f"markdown-{markdown.__version__}/nh3-2"  # part of any cache key
# Characters XML 1.0 forbids: a page body may hold them raw, and they must not reach a page or a feed.
INVISIBLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "del",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "sup": {"class"},
    "th": {"style"},
    "td": {"style"},
    "ol": {"start"},
}


def find_citations(text: str) -> list[str]:
    """Source ids cited in Markdown text, in order of first appearance, without repeats."""
    return list(dict.fromkeys(CITATION_RE.findall(text)))


class _CitationPattern(InlineProcessor):
    """`[@id]` -> <sup class="citation"><a href="#source-id">[n]</a></sup>; unknown ids stay text."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(CITATION_RE.pattern, md)
        self.numbers: Mapping[str, int] = {}
        self.base = ""  # the claim page's address when the text is shown elsewhere

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 - Python-Markdown API
        number = self.numbers.get(m.group(1))
        if number is None:
            return m.group(0), m.start(0), m.end(0)
        sup = etree.Element("sup", {"class": "citation"})
        link = etree.SubElement(sup, "a", {"href": f"{self.base}#source-{m.group(1)}"})
        link.text = f"[{number}]"
        return sup, m.start(0), m.end(0)


class _ShiftHeadings(Treeprocessor):
    """A page has one h1 (its title): the highest heading in content becomes h<top>, the rest keep
    their distance (h6 at most), whether the editor started with `#` or `##`."""

    top = 2

    def run(self, root: etree.Element) -> None:
        headings = [e for e in root.iter() if len(e.tag) == 2 and e.tag[0] == "h" and e.tag[1] in "123456"]
        if not headings:
            return
        offset = self.top - min(int(e.tag[1]) for e in headings)
        for element in headings:
            element.tag = f"h{max(1, min(6, int(element.tag[1]) + offset))}"


def make_converter() -> tuple[markdown.Markdown, _CitationPattern, _ShiftHeadings]:
    """The one Markdown converter: explicit extensions, raw HTML switched off, citations on."""
    md = markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")
    # Raw HTML is not passed through: the block preprocessor and the inline pattern go.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # No images: they would load from other hosts.
    md.inlinePatterns.deregister("image_link")
    md.inlinePatterns.deregister("image_reference")
    md.inlinePatterns.deregister("short_image_ref")
    citations = _CitationPattern(md)
    md.inlinePatterns.register(citations, "citation", 175)  # before links and references
    headings = _ShiftHeadings(md)
    md.treeprocessors.register(headings, "shift_headings", 1)
    return md, citations, headings


_converter: tuple[markdown.Markdown, _CitationPattern, _ShiftHeadings] | None = None


def sanitise(html: str) -> str:
    """The second wall: keep only an allow-list of tags and attributes, and http(s) or relative links."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes={"http", "https"},
        filter_style_properties={"text-align"},
        link_rel=None,
        strip_comments=True,
    )


def render_markdown(text: str, citation_numbers: Mapping[str, int] | None = None, top_heading: int = 2,
                    citation_base: str = "") -> str:
    """Markdown text to sanitised HTML; `[@id]` becomes citation number `citation_numbers[id]`.

    `top_heading` is the level a `#` heading gets, so content fits under the page's own headings;
    `citation_base` is put before `#source-id` when the text is shown away from its source list.
    """
    job = (text, tuple(sorted((citation_numbers or {}).items())), top_heading, citation_base)
    html = _MEMO.get(job)
    if html is None:
        html = _MEMO[job] = _render(*job)
    return html


# Results of this process, filled by `prerender` for a whole build at once (from the persistent
# cache or worker processes) and by `render_markdown` itself for anything not prerendered.
_MEMO: dict[tuple, str] = {}
Job = tuple[str, tuple[tuple[str, int], ...], int, str]
PARALLEL_THRESHOLD = 64  # below this, starting workers costs more than it saves


def prerender(jobs: list[Job], store: Store | None = None, workers: int = 1) -> None:
    """Render many Markdown texts ahead of the pages that show them: cached results first,
    the rest split across `workers` processes. Afterwards `render_markdown` answers from memory."""
    _MEMO.clear()  # a new build: forget texts that may no longer exist
    missing: dict[str, Job] = {}
    for job in dict.fromkeys(jobs):
        key = digest(repr((CONVERTER_VERSION, job)).encode("utf-8"))
        cached = store.get(key) if store is not None else None
        if cached is not None:
            _MEMO[job] = cached
        else:
            missing[key] = job
    if not missing:
        return
    pending = list(missing.items())
    results = map_chunks(_render_chunk, [job for _, job in pending], workers, PARALLEL_THRESHOLD)
    for (key, job), html in zip(pending, results):
        _MEMO[job] = html
        if store is not None:
            store.put(key, html)


def _render_chunk(jobs: list[Job]) -> list[str]:
    return [_render(*job) for job in jobs]


def _render(text: str, numbers: tuple[tuple[str, int], ...], top_heading: int, citation_base: str) -> str:
    global _converter
    if _converter is None:
        _converter = make_converter()
    md, citations, headings = _converter
    citations.numbers, citations.base = dict(numbers), citation_base
    headings.top = top_heading
    try:
        html = md.reset().convert(INVISIBLE_RE.sub("", text))
    finally:
        citations.numbers, citations.base = {}, ""
    return sanitise(html).strip()
