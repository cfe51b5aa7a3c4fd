"""Pagefind's bundle in a fixed order, so the same pages always give the same files.

Pagefind 1.5 keeps each filter (verdict, topic, claimant) in a hash map with a random seed, so the order
of a filter's values in its `filter/*.pf_filter` file changes from run to run. The file is named by its
content, the language's `pagefind.*.pf_meta` file names the filter files, and `pagefind-entry.json` names
the metadata file: three small files differ between two builds of the same site. Everything else Pagefind
writes (word index, fragments, scripts) is already stable.

`in_fixed_order` sorts each filter's values, names the filter and metadata files after their new content
and rewrites the two references. The files keep Pagefind's format: gzip around `pagefind_dcd` and CBOR.
A bundle this module does not recognise is returned unchanged (a later Pagefind may order its files
itself); the determinism tests would show it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re

SIGNATURE = b"pagefind_dcd"
_FILTER = re.compile(r"pagefind/filter/(?P<name>(?P<lang>[^/_]+)_(?P<hash>[0-9a-f]+))\.pf_filter")
_META = re.compile(r"pagefind/pagefind\.(?P<name>(?P<lang>[^/_]+)_(?P<hash>[0-9a-f]+))\.pf_meta")
ENTRY = "pagefind/pagefind-entry.json"


class _NotPagefind(ValueError):
    """The bytes are not in the layout this module knows."""


def in_fixed_order(bundle: dict[str, bytes]) -> dict[str, bytes]:
    """The same bundle with filter values sorted and the files that name them renamed to match."""
    try:
        return _reordered(bundle)
    except (_NotPagefind, OSError, EOFError, ValueError, KeyError, TypeError):
        return bundle


def _reordered(bundle: dict[str, bytes]) -> dict[str, bytes]:
    made: dict[str, bytes] = {}  # the rewritten files under their new names
    renamed: dict[str, str] = {}  # old file name (without extension) -> new
    for path in sorted(bundle):
        found = _FILTER.fullmatch(path)
        if found:
            body = _sorted_filter(_unpack(bundle[path]))
            renamed[found["name"]] = new = _name(found["lang"], body, len(found["hash"]))
            made[f"pagefind/filter/{new}.pf_filter"] = _pack(body)
    if len(made) != len(renamed):
        raise _NotPagefind("two filter files would get the same name")
    entry = json.loads(bundle[ENTRY])
    metas = [(path, found) for path in sorted(bundle) if (found := _META.fullmatch(path))]
    for path, found in metas:
        body = _sorted_meta(_unpack(bundle[path]))
        for old, new in renamed.items():
            if old.startswith(found["lang"] + "_"):
                body = _replace_text(body, old, new)
        new_meta = _name(found["lang"], body, len(found["hash"]))
        made[f"pagefind/pagefind.{new_meta}.pf_meta"] = _pack(body)
        language = entry["languages"][found["lang"]]
        if language["hash"] != found["name"]:
            raise _NotPagefind(f"{ENTRY} does not name {path}")
        language["hash"] = new_meta
    entry["languages"] = dict(sorted(entry["languages"].items()))
    made[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    replaced = {f"pagefind/filter/{old}.pf_filter" for old in renamed} | {path for path, _ in metas} | {ENTRY}
    out = {path: data for path, data in bundle.items() if path not in replaced}
    if out.keys() & made.keys():
        raise _NotPagefind("a new name is taken by another file")
    out.update(made)
    return dict(sorted(out.items()))


def _unpack(data: bytes) -> bytes:
    body = gzip.decompress(data)
    if not body.startswith(SIGNATURE):
        raise _NotPagefind("no Pagefind signature")
    return body[len(SIGNATURE) :]


def _pack(body: bytes) -> bytes:
    return gzip.compress(SIGNATURE + body, compresslevel=9, mtime=0)


def _name(lang: str, body: bytes, length: int) -> str:
    """A content name as long as Pagefind's, so the CBOR strings that hold it keep their length."""
    return f"{lang}_{hashlib.sha256(body).hexdigest()[:length]}"


def _replace_text(body: bytes, old: str, new: str) -> bytes:
    """Replace the CBOR text string `old` (header included, so only a whole string matches) by `new`."""
    before, after = _text(old), _text(new)
    if body.count(before) != 1:
        raise _NotPagefind(f"the metadata names {old} {body.count(before)} times")
    return body.replace(before, after)


def _sorted_filter(body: bytes) -> bytes:
    """A filter file is [name, [[value, [page, ...]], ...]]: the pairs sorted by value."""
    items = _items(body, 0, expect=2)
    return body[: items[1][0]] + _sorted_pairs(body, items[1])


def _sorted_meta(body: bytes) -> bytes:
    """A metadata file is [version, pages, word-index chunks, filters, sorts, fields]; filters (and sorts)
    are [[name, file], ...], written in hash-map order: sorted by name."""
    items = _items(body, 0, expect=6)
    head = body[: items[3][0]]
    return head + _sorted_pairs(body, items[3]) + _sorted_pairs(body, items[4]) + body[items[5][0] :]


def _items(body: bytes, at: int, expect: int) -> list[tuple[int, int]]:
    """(start, end) of each item of the array at `at`, which must have `expect` items and end the bytes."""
    (major, count), position = _head(body, at)
    if major != 4 or count != expect:
        raise _NotPagefind("not the array Pagefind writes")
    spans = []
    for _ in range(count):
        end = _skip(body, position)
        spans.append((position, end))
        position = end
    if position != len(body):
        raise _NotPagefind("bytes after Pagefind's array")
    return spans


def _sorted_pairs(body: bytes, span: tuple[int, int]) -> bytes:
    """The array at `span` ([[text, ...], ...]) with its items sorted by their text."""
    start, end = span
    (major, count), position = _head(body, start)
    if major != 4:
        raise _NotPagefind("a list of pairs is not an array")
    pairs = []
    for _ in range(count):
        after = _skip(body, position)
        pairs.append(body[position:after])
        position = after
    if position != end:
        raise _NotPagefind("a list of pairs has bytes after it")
    pairs.sort(key=_first_text)
    return body[start : _head(body, start)[1]] + b"".join(pairs)


def _first_text(item: bytes) -> tuple[str, bytes]:
    (major, _), start = _head(item, 0)
    (kind, size), text_at = _head(item, start)
    if major != 4 or kind != 3:
        raise _NotPagefind("a pair does not start with text")
    return item[text_at : text_at + size].decode("utf-8"), item


# --- Just enough CBOR (RFC 8949) to walk Pagefind's definite-length items ------------------------------


def _head(data: bytes, at: int) -> tuple[tuple[int, int], int]:
    """((major type, argument), offset after the head) of the item at `at`."""
    first = data[at]
    major, info = first >> 5, first & 31
    if info < 24:
        return (major, info), at + 1
    if info > 27:
        raise _NotPagefind("indefinite or reserved CBOR length")
    width = 1 << (info - 24)
    return (major, int.from_bytes(data[at + 1 : at + 1 + width], "big")), at + 1 + width


def _skip(data: bytes, at: int) -> int:
    """The offset just after the whole item at `at`."""
    (major, argument), position = _head(data, at)
    if major in (2, 3):  # byte and text strings: the argument is their length
        return position + argument
    if major in (4, 5):  # arrays and maps: that many items (pairs for maps)
        for _ in range(argument * (2 if major == 5 else 1)):
            position = _skip(data, position)
        return position
    if major == 6:  # a tag, then the item it tags
        return _skip(data, position)
    return position  # integers and simple values carry nothing after the head


def _text(value: str) -> bytes:
    raw = value.encode("utf-8")
    size = len(raw)
    if size < 24:
        return bytes([0x60 | size]) + raw
    if size < 256:
        return bytes([0x78, size]) + raw
    return bytes([0x79]) + size.to_bytes(2, "big") + raw
