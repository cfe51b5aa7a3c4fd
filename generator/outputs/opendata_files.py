"""Writing every open-data file of a build, one fact-check at a time: each record is encoded once and
spliced into every file that lists it, and no list file is ever held in memory whole.

Writes through callbacks (`put`, `stream`), so it knows neither the output folder nor the cache.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from datetime import datetime
from typing import BinaryIO

from generator.content.entries import Content
from generator.core.values import Memo
from generator.outputs.jsonwrite import ListStream, encode, with_last
from generator.outputs.opendata import OpenData, claim_record, claims_head, csv_row, feed_head, feed_item
from generator.plan.apischema import CSV_COLUMNS, schema_files
from generator.plan.urls import CLAIMREVIEW_JSON, CLAIMS_CSV, CLAIMS_JSON, claim_api_path

LIST_FILES = (CLAIMS_JSON, CLAIMS_CSV, CLAIMREVIEW_JSON)  # the files listing every fact-check

Put = Callable[[str, bytes, "str | None"], None]
Stream = Callable[[str, "str | None"], AbstractContextManager[BinaryIO]]
Reuse = Callable[[str, str], bool]
# The keys of one build's open data: a key per fact-check (None: unknown, then nothing is reused) and one
# for the files that list them all.
Fingerprints = Callable[[OpenData], tuple[list["str | None"], "str | None"]]


def write_open_data(
    content: Content,
    clock: datetime,
    base_url: str | None,
    put: Put,
    stream: Stream,
    reuse: Reuse | None = None,
    memo: Memo | None = None,
    fingerprints: Fingerprints | None = None,
) -> None:
    """Every open-data file of the site, one fact-check at a time: `put(path, bytes, key)` for the files of
    one fact-check and the schemas, `stream(path, key)` for the files listing them all, which are written
    as they grow. Each record is encoded once, and no list file is ever held in memory whole.

    With `reuse(path, key)` (true when the previous build's file made from `key` was taken over), files
    whose inputs did not change are not made again; with a `memo` (get/put/keep by key), a fact-check's
    encoded parts are kept between builds, so a list file with one changed fact-check encodes only that one."""
    data = OpenData.of(content, clock, base_url)
    header = data.header()
    keys, lists_key = fingerprints(data) if fingerprints is not None else ([None] * len(data.claims), None)
    lists = [path for path in LIST_FILES if not (reuse is not None and lists_key is not None and reuse(path, lists_key))]
    with ExitStack() as files:
        out = {path: files.enter_context(stream(path, lists_key)) for path in lists}
        claims = (
            ListStream(out[CLAIMS_JSON], claims_head(data, len(data.claims)), "claims", len(data.claims))
            if CLAIMS_JSON in out
            else None
        )
        feed = (
            ListStream(out[CLAIMREVIEW_JSON], feed_head(data), "dataFeedElement", len(data.claims))
            if CLAIMREVIEW_JSON in out
            else None
        )
        text = io.TextIOWrapper(out[CLAIMS_CSV], encoding="utf-8", newline="", write_through=True) if CLAIMS_CSV in out else None
        rows = csv.writer(text, lineterminator="\r\n") if text is not None else None
        if rows is not None:
            rows.writerow(CSV_COLUMNS)
        for entry, key in zip(data.claims, keys):
            path = claim_api_path(entry.id)
            own = reuse is not None and key is not None and reuse(path, key)
            if own and not lists:
                continue
            parts = memo.get(key) if memo is not None and key is not None else None
            if parts is None:
                record = claim_record(content, entry, data.base)
                parts = (encode(record), csv_row(record), encode(feed_item(content, entry, data.base)))
                if memo is not None and key is not None:
                    memo.put(key, parts)
            encoded, row, item = parts
            if not own:
                put(path, with_last(header, "claim", encoded), key)
            if claims is not None:
                claims.add(encoded)
            if rows is not None:
                rows.writerow(row)
            if feed is not None:
                feed.add(item)
        for listing in (claims, feed):
            if listing is not None:
                listing.close()
        if text is not None:
            text.detach()  # leave the byte stream open for `stream` to close
    if memo is not None and not lists:
        memo.keep(k for k in keys if k is not None)  # not looked up this time, still current
    for path, schema_text in schema_files().items():
        put(path, schema_text.encode("utf-8"), None)


def open_data_files(content: Content, clock: datetime, base_url: str | None = None) -> dict[str, bytes]:
    """Every open-data file of the site: output path -> bytes (in memory: for tests and small sites)."""
    files: dict[str, bytes] = {}

    @contextmanager
    def stream(path: str) -> Iterator[BinaryIO]:
        buffer = io.BytesIO()
        yield buffer
        files[path] = buffer.getvalue()

    write_open_data(
        content, clock, base_url, lambda path, data, key: files.__setitem__(path, data), lambda path, key: stream(path)
    )
    return files
