"""The search index: Pagefind (the binary of the `pagefind` package) run over the rendered pages.

`index_site` takes the rendered files and returns Pagefind's bundle as more files (path -> bytes) plus
diagnostics; it never touches the output folder, so a failed index leaves the previous site as it was.

Pagefind reads a reduced copy of each page: the `<html>` tag (its language), the `<title>` and the
`data-pagefind-body` element, which is all it uses of our pages; the bundle is byte-identical to one made
from the whole pages, in less time. One index for the whole site: merging several (Pagefind's mergeIndex)
changes the results, since each index drops the query words it does not contain and ranks by its own counts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

from generator.core.diagnostics import Diagnostic, error
from generator.core.values import Memo, digest
from generator.outputs.pagefind import BUNDLE_DIR, INSTALL_HINT, STEMMED_AS, PagefindRun, find_pagefind, start_pagefind

BODY_MARKER = b"data-pagefind-body"  # only pages carrying it are indexed: published claim pages
_last: dict[str, dict[str, bytes]] = {}  # the newest bundle by input hash: a preview rebuild with unchanged pages skips Pagefind

_START_TAG = re.compile(rb"<([A-Za-z][A-Za-z0-9-]*)\s[^<>]*>")
_HTML_TAG = re.compile(rb"<html(?:\s[^<>]*)?>", re.IGNORECASE)
_TITLE = re.compile(rb"<title>.*?</title>", re.IGNORECASE | re.DOTALL)
# What Pagefind takes from anywhere in a page: data-pagefind-* attributes, and the first <h1> and <img> as title and image.
_READ_ANYWHERE = (b"data-pagefind-", b"<h1", b"<img")


def indexable(files: Mapping[str, bytes]) -> list[str]:
    """Pages Pagefind should read, sorted: HTML with a data-pagefind-body element."""
    return sorted(search_documents(files))


def index_site(files: Mapping[str, bytes], store: Memo | None = None) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """Pagefind's bundle for these pages under pagefind/; nothing (and no error) when no page is searchable.

    The bundle of identical documents is reused (from this process or the persistent `store`): indexing a
    large site takes longer than rendering it. Keyed by what Pagefind reads, so a change outside the
    indexed part of the pages (menus, related cards) keeps the index."""
    return start_index(files, store).result()


def start_index(
    files: Mapping[str, bytes], store: Memo | None = None, reuse_last: bool = False, digests: Mapping[str, str] | None = None
) -> PendingIndex:
    """`index_site` in two halves: Pagefind starts now, in its own process, and `result()` waits for it,
    so the build can make other files meanwhile. With `reuse_last` (the live preview), pages unknown to
    the caches get no new index (`stale` is True): the caller keeps the one it has, if any.

    `digests` may give `document_digest` of pages (from the render workers, which had them in memory);
    when it covers every page, a known index is found without reading the pages again."""
    binary = find_pagefind()
    if digests is not None and all(path in digests for path in files):
        known = {path: digests[path] for path in files if digests[path]}
        if not known:
            return PendingIndex(ready=({}, []))
        if binary is not None and (found := _known_index(index_key_of(known, binary), store)) is not None:
            return found
    documents = search_documents(files)
    if not documents:
        return PendingIndex(ready=({}, []))
    if binary is None:
        return PendingIndex(
            ready=({}, [error(BUNDLE_DIR, 1, 1, "search-index", "the Pagefind binary was not found", INSTALL_HINT)])
        )
    key = index_key(documents, binary)
    if (found := _known_index(key, store)) is not None:
        return found
    if reuse_last:  # the preview keeps the index it serves (add_extras carries it over) and catches up later
        stale = PendingIndex(ready=({}, []))
        stale.stale = True
        return stale
    return PendingIndex(key, store, run=start_pagefind(documents, binary))


def _known_index(key: str, store: Memo | None) -> PendingIndex | None:
    """The index of these documents from this process or the persistent store, if either has it."""
    if key in _last:
        return PendingIndex(ready=(dict(_last[key]), []))
    stored = store.get(key) if store is not None else None
    return PendingIndex(key, store, ready=(stored, [])) if stored is not None else None


class PendingIndex:
    """A search index being made (or already known); `result()` gives (bundle, diagnostics) once."""

    def __init__(
        self,
        key: str | None = None,
        store: Memo | None = None,
        ready: tuple[dict[str, bytes], list[Diagnostic]] | None = None,
        run: PagefindRun | None = None,
    ):
        self.key, self.store, self.ready, self.run = key, store, ready, run
        self.stale = False  # an earlier index of other pages, given instead of a Pagefind run

    def result(self) -> tuple[dict[str, bytes], list[Diagnostic]]:
        if self.ready is None:
            assert self.run is not None
            self.ready = self.run.finish()
        bundle, problems = self.ready
        if not problems and self.key is not None:
            _last.clear()
            _last[self.key] = bundle
            if self.store is not None:
                self.store.put(self.key, bundle)
        return dict(bundle), problems

    def cancel(self) -> None:
        """Stop a Pagefind run whose result is no longer wanted, and remove its scratch folder."""
        if self.ready is None and self.run is not None:
            self.run.cancel()
            self.ready = ({}, [])


# --- What Pagefind reads ----------------------------------------------------------------------------


def search_documents(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """Path -> the document Pagefind reads, for every page with a data-pagefind-body element; each page is read once."""
    documents = {}
    for path in sorted(files):
        if path.endswith(".html") and (document := _document(path, files[path])) is not None:  # fetch HTML only
            documents[path] = document
    return documents


def _document(path: str, page: bytes) -> bytes | None:
    """What Pagefind reads of the file at `path`, or None when it does not index it."""
    return reduced_document(page) if path.endswith(".html") and BODY_MARKER in page else None


def reduced_document(page: bytes) -> bytes | None:
    """What Pagefind uses of a page: the <html> tag (language), <title> and the data-pagefind-body element.

    Pagefind spends most of its parsing time on words, but a page of half the bytes still parses faster.
    None when the marker is only text (Pagefind skips such a page); the whole page when Pagefind's own
    parser must decide: an unclosed element, or something outside it that Pagefind reads anywhere."""
    found = _body_tag(page)
    if found is None:
        return None
    start, name = found
    end = _element_end(page, start, name)
    if end is None or _read_anywhere(page[:start]) or _read_anywhere(page[end:]):
        return page
    html = _HTML_TAG.search(page, 0, start)
    title = _TITLE.search(page, 0, start)
    return b"".join(
        [
            b"<!DOCTYPE html>\n",
            html.group(0) if html else b"<html>",
            b'\n<head>\n<meta charset="utf-8">\n',
            title.group(0) if title else b"",
            b"\n</head>\n<body>\n",
            page[start:end],
            b"\n</body>\n</html>\n",
        ]
    )


def _read_anywhere(html: bytes) -> bool:
    lowered = html.lower()  # plain searches: much faster than a case-insensitive pattern
    return any(needle in lowered for needle in _READ_ANYWHERE)


def _body_tag(page: bytes) -> tuple[int, bytes] | None:
    """Offset and name of the first start tag carrying data-pagefind-body. Rendered text and attribute
    values are escaped, so every `<name ...>` in a page is a tag."""
    at = page.find(BODY_MARKER)
    while at != -1:
        start = page.rfind(b"<", 0, at)
        tag = _START_TAG.match(page, start) if start != -1 else None
        after = page[at + len(BODY_MARKER) : at + len(BODY_MARKER) + 1]
        if tag and tag.end() > at and page[at - 1 : at].isspace() and after in b" \t\r\n=/>":
            return start, tag.group(1)
        at = page.find(BODY_MARKER, at + 1)
    return None


def _element_end(page: bytes, start: int, name: bytes) -> int | None:
    """The offset after the element's end tag, counting nested elements of the same name."""
    depth = 0
    for tag in re.compile(rb"<(/?)" + re.escape(name) + rb"(?=[\s/>])", re.IGNORECASE).finditer(page, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            close = page.find(b">", tag.end())
            return close + 1 if close != -1 else None
    return None


def document_digest(path: str, page: bytes) -> str:
    """A digest of what Pagefind reads of the file at `path`; "" for a file it does not index
    (the same choice as `search_documents`)."""
    document = _document(path, page)
    return digest(document) if document is not None else ""


def index_key(documents: dict[str, bytes], binary: Path) -> str:
    """A content hash of everything the index depends on: the documents, the Pagefind binary and how
    languages are stemmed."""
    return index_key_of({path: digest(document) for path, document in documents.items()}, binary)


def index_key_of(digests: Mapping[str, str], binary: Path) -> str:
    """`index_key` from the documents' digests."""
    stat = binary.stat()
    key = hashlib.sha256(f"{binary}\0{stat.st_size}\0{stat.st_mtime_ns}\0{sorted(STEMMED_AS.items())}".encode())
    for path in sorted(digests):
        key.update(b"\0%s\0%s" % (path.encode(), digests[path].encode()))
    return key.hexdigest()
