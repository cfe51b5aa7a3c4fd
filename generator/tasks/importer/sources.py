"""Reading what to import: the files named on the command line, as plain ClaimReview dicts.

A JSON file may hold a DataFeed (what factcheck publishes as claimreview.json), one ClaimReview,
an array of them or an `@graph`; an HTML page holds them in <script type="application/ld+json">;
a folder is read for its own *.html/*.htm files (not its subfolders, not links out of it); a CSV
has one review a row (csvrows). Nothing else is opened. Every value read stays untrusted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from generator.core.values import printable
from generator.tasks.importer.csvrows import ColumnError, csv_rows


class SourceError(Exception):
    """A file that cannot be read as any of the formats (a usage error: exit 2)."""


@dataclass(frozen=True)
class Found:
    """One ClaimReview found, with where it came from and the page body around it (saved HTML pages)."""

    path: Path
    where: str  # its place in the file: ":line:column", or ": item N (its url)"
    review: dict[str, Any]
    page_body: str | None = None

    @property
    def origin(self) -> str:
        """Where it is, for messages: path:line:column, or the path and the item's number."""
        return f"{self.path}{self.where}"


def is_type(node: object, name: str) -> bool:
    if not isinstance(node, dict):
        return False
    kind = node.get("@type")
    return kind == name or (isinstance(kind, list) and name in kind)


def claim_reviews(node: object) -> Iterator[dict[str, Any]]:
    """Every ClaimReview in a JSON-LD tree: DataFeed elements, items, @graph, arrays, nested once or more."""
    if isinstance(node, list):
        for item in node:
            yield from claim_reviews(item)
    elif isinstance(node, dict):
        if is_type(node, "ClaimReview"):
            yield node
            return
        for key in ("dataFeedElement", "item", "@graph", "mainEntity", "hasPart"):
            if key in node:
                yield from claim_reviews(node[key])


def read_path(path: Path, columns: dict[str, str] | None = None) -> tuple[list[Found], list[tuple[str, str]]]:
    """The reviews in one file or folder named on the command line (`columns`: the CSV heading map),
    and the pages of a folder that hold none, with the reason. A file named that holds none is a SourceError."""
    if path.is_dir():
        # A link in the folder may point anywhere; only the pages really in it are read.
        pages = sorted(p for p in path.iterdir() if p.suffix.lower() in (".html", ".htm") and p.is_file() and not p.is_symlink())
        if not pages:
            raise SourceError(f"{path}: the folder holds no .html or .htm file")
        found: list[Found] = []
        empty: list[tuple[str, str]] = []
        for page in pages:
            try:
                found.extend(read_html(page))
            except SourceError as exc:  # one page of a saved site without a review (an index, a tag page)
                empty.append((str(page), str(exc).removeprefix(f"{page}: ")))
        return found, empty
    if not path.is_file():
        raise SourceError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            return [Found(path, where, review) for where, review in csv_rows(path, _text(path), columns or {})], []
        except ColumnError as exc:
            raise SourceError(str(exc)) from None
    return (read_html(path) if suffix in (".html", ".htm") else read_json(path)), []


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read: {exc.strerror}") from None


def _named(review: dict[str, Any]) -> str:
    """The review's address after its number, so an editor finds the item in a long feed."""
    url = review.get("url")
    return f" ({printable(url)})" if isinstance(url, str) and url else ""


def read_json(path: Path) -> list[Found]:
    try:
        data = json.loads(_text(path))
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    found = [Found(path, f": item {i}{_named(review)}", review) for i, review in enumerate(claim_reviews(data), 1)]
    if not found:
        raise SourceError(f"{path}: holds no schema.org ClaimReview (a DataFeed, a ClaimReview, an array or an @graph)")
    return found


class _PageParser(HTMLParser):
    """Collects the JSON-LD scripts and the inner HTML of the first `container` element of a saved page."""

    def __init__(self, container: str) -> None:
        super().__init__(convert_charrefs=False)
        self.container = container
        self.scripts: list[tuple[int, int, str]] = []  # (line, column, text) of each JSON-LD block
        self.body: list[str] = []
        self._in_script = False
        self._depth = 0
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and (dict(attrs).get("type") or "").strip().lower() == "application/ld+json":
            self._in_script = True
            line, column = self.getpos()
            self.scripts.append((line, column + 1, ""))
            return
        if tag == self.container and not self._done:
            self._depth += 1
            if self._depth == 1:
                return
        if self._depth:
            self.body.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self._in_script and tag == "script":
            self._in_script = False
            return
        if self._depth:
            if tag == self.container:
                self._depth -= 1
                if not self._depth:
                    self._done = True
                    return
            self.body.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._in_script:
            line, column, text = self.scripts[-1]
            self.scripts[-1] = (line, column, text + data)
        elif self._depth:
            self.body.append(data)

    def handle_entityref(self, name: str) -> None:
        if self._depth and not self._in_script:
            self.body.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if self._depth and not self._in_script:
            self.body.append(f"&#{name};")


def _parse(text: str, container: str) -> _PageParser:
    parser = _PageParser(container)
    parser.feed(text)
    parser.close()
    return parser


def read_html(path: Path) -> list[Found]:
    """The ClaimReviews of a saved page, each with the page's body: its first <article>, else its <main>."""
    text = _text(path)
    parser = _parse(text, "article")
    body = "".join(parser.body).strip() or "".join(_parse(text, "main").body).strip() or None
    found: list[Found] = []
    for line, column, script in parser.scripts:
        try:
            data = json.loads(script)
        except json.JSONDecodeError:
            continue  # a broken block of someone else's markup; the others may still hold the review
        reviews = list(claim_reviews(data))
        for i, review in enumerate(reviews, 1):
            found.append(Found(path, f":{line}:{column}" + (f": item {i}" if len(reviews) > 1 else ""), review, body))
    if not found:
        raise SourceError(f'{path}: holds no <script type="application/ld+json"> with a ClaimReview')
    return found
