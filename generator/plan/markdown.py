"""Markdown to safe HTML, with `[@source-id]` citations as numbered links to the source list.

Pure text in, text out: no knowledge of records, files or templates, so the build engine can cache
results by their input and compute them in worker processes (`convert`, `remember`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import TypedDict

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from generator.content.fields import CITATION_RE

# Explicit, small list: no `extra`, no raw HTML, nothing that loads from elsewhere.
EXTENSIONS = ("markdown.extensions.sane_lists", "markdown.extensions.tables", "markdown.extensions.fenced_code")
CONVERTER_VERSION = f"markdown-{markdown.__version__}/nh3-2"  # part of any cache key
# Characters XML 1.0 forbids: a page body may hold them raw, and they must not reach a page or a feed.
INVISIBLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "a",
        "em",
        "strong",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "sup",
        "sub",
        "del",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "sup": {"class"},
    "th": {"style"},
    "td": {"style"},
    "ol": {"start"},
}


class _CitationPattern(InlineProcessor):
    """`[@id]` -> <sup class="citation"><a href="#source-id">[n]</a></sup>; unknown ids stay text."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(CITATION_RE.pattern, md)
        self.numbers: Mapping[str, int] = {}
        self.base = ""  # the claim page's address when the text is shown elsewhere

    def handleMatch(self, m: re.Match, data: str):
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


# Python-Markdown tries every block processor on every block and every inline pattern on every piece of
# text, and that is most of its time. Most of them need some string to match at all; for a document
# without it, leaving them out gives the same HTML (a processor that finds nothing changes nothing).
# The parser only ever sees the preprocessed lines or pieces of them, never a character that was not
# there, so those lines are what we search. Anything not listed always runs.
BLOCK_TRIGGERS = {"hashheader": ("#",), "quote": (">",), "reference": ("]:",), "table": ("|",)}
PATTERN_TRIGGERS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "citation": ("[@",),
    "reference": ("[",),
    "link": ("[",),
    "short_reference": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "not_strong": ("*", "_"),  # the last two: Markdown < 3.8
}
REFERENCE_PATTERNS = ("reference", "short_reference")  # `[text][id]` and `[id]` link only ids defined in the text
Triggered = list[tuple[object, tuple[str, ...] | None]]


def _with_triggers(registry: markdown.util.Registry, triggers: Mapping[str, tuple[str, ...]]) -> Triggered:
    """The registry's items in priority order, each with the strings it needs (None: always runs)."""
    known = {registry[name]: needed for name, needed in triggers.items() if name in registry}
    return [(item, known.get(item)) for item in registry]


def _possible(items: Triggered, text: str) -> list:
    return [item for item, needed in items if needed is None or any(s in text for s in needed)]


class _ChooseBlockProcessors(Preprocessor):
    """The last preprocessor: the block parser gets only the processors that can match this document."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.processors = _with_triggers(md.parser.blockprocessors, BLOCK_TRIGGERS)

    def run(self, lines: list[str]) -> list[str]:
        # A plain list serves: the parser only iterates over it.
        self.md.parser.blockprocessors = _possible(self.processors, "\n".join(lines))
        return lines


class _ChoosePatterns(Treeprocessor):
    """After parsing, before the inline pass: it gets only the patterns that can match this document."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.patterns = _with_triggers(md.inlinePatterns, PATTERN_TRIGGERS)
        self.references = [md.inlinePatterns[name] for name in REFERENCE_PATTERNS if name in md.inlinePatterns]

    def run(self, root: etree.Element) -> None:
        patterns = _possible(self.patterns, "\n".join(self.md.lines))
        if not self.md.references:  # known only now: the parser collects the `[id]: url` definitions
            patterns = [p for p in patterns if p not in self.references]
        # A plain list serves: the inline pass only counts and indexes it.
        self.md.treeprocessors["inline"].inlinePatterns = patterns


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
    # Registered last, so they see every processor and pattern above.
    md.preprocessors.register(_ChooseBlockProcessors(md), "choose_blocks", 5)  # after the other preprocessors
    md.treeprocessors.register(_ChoosePatterns(md), "choose_patterns", 25)  # after parsing, before "inline" (20)
    return md, citations, headings


class _CleanerOptions(TypedDict):
    tags: set[str]
    attributes: dict[str, set[str]]
    url_schemes: set[str]
    filter_style_properties: set[str]
    link_rel: None
    strip_comments: bool


def _make_cleaner() -> Callable[[str], str]:
    options: _CleanerOptions = {
        "tags": set(ALLOWED_TAGS),
        "attributes": {k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        "url_schemes": {"http", "https"},
        "filter_style_properties": {"text-align"},
        "link_rel": None,
        "strip_comments": True,
    }
    if hasattr(nh3, "Cleaner"):  # nh3 >= 0.3: the options are converted once, not on every call
        return nh3.Cleaner(**options).clean
    return partial(nh3.clean, **options)


_clean = _make_cleaner()


def sanitise(html: str) -> str:
    """The second wall: keep only an allow-list of tags and attributes, and http(s) or relative links."""
    return _clean(html)


def render_markdown(
    text: str,
    citation_numbers: Mapping[str, int] | None = None,
    top_heading: int = 2,
    citation_base: str = "",
    root: str = "/",
) -> str:
    """Markdown text to sanitised HTML; `[@id]` becomes citation number `citation_numbers[id]`.

    `top_heading` is the level a `#` heading gets, so content fits under the page's own headings;
    `citation_base` is put before `#source-id` when the text is shown away from its source list;
    `root` is the path the site lives under, put before links an editor wrote from the site root.
    """
    job = (text, tuple(sorted((citation_numbers or {}).items())), top_heading, citation_base)
    html = _MEMO.get(job)
    if html is None:
        html = _MEMO[job] = _render(*job)
    return html if root == "/" else under_root(html, root)


# A link the sanitiser kept that starts at the site root: `/x`, but neither `//host` nor `/\host`.
_ROOT_LINK_RE = re.compile(r'(?<= href=")/(?![/\\])')


def under_root(html: str, root: str) -> str:
    """`[Metodologi](/metodologi/)` links to the site's own page when the site lives under a path too.
    Done on the sanitised HTML (whose attributes are always double-quoted), after the cache, so the
    stored HTML stays the same for every root."""
    return _ROOT_LINK_RE.sub(lambda _: root, html)


# Results of this process: filled ahead of the pages by the build engine (`remember`, from its cache or
# worker processes) and by `render_markdown` itself for anything not filled ahead.
_MEMO: dict[tuple, str] = {}
Job = tuple[str, tuple[tuple[str, int], ...], int, str]  # the arguments of `render_markdown`, as `convert` takes them


def remember(results: Iterable[tuple[Job, str]], fresh: bool = False) -> None:
    """Keep HTML made elsewhere for these jobs; `fresh` forgets the results of an earlier build first."""
    if fresh:
        _MEMO.clear()
    _MEMO.update(results)


def convert(job: Job) -> str:
    """One job's HTML, made now (no memo): what `render_markdown` gives for the same arguments."""
    return _render(*job)


_converter: tuple[markdown.Markdown, _CitationPattern, _ShiftHeadings] | None = None  # one per process


def _converter_parts() -> tuple[markdown.Markdown, _CitationPattern, _ShiftHeadings]:
    global _converter
    if _converter is None:
        _converter = make_converter()
    return _converter


def _render(text: str, numbers: tuple[tuple[str, int], ...], top_heading: int, citation_base: str) -> str:
    md, citations, headings = _converter_parts()
    citations.numbers, citations.base = dict(numbers), citation_base
    headings.top = top_heading
    try:
        html = md.reset().convert(INVISIBLE_RE.sub("", text))
    finally:
        citations.numbers, citations.base = {}, ""
    return sanitise(html).strip()
