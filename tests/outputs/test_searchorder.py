"""Pagefind's bundle in a fixed order: the filter files, the metadata file and pagefind-entry.json are the
same bytes whatever order Pagefind's hash maps gave them. Bundles are shuffled with cbor2, a CBOR library
independent of the module's own reading."""

from __future__ import annotations

import gzip
import json
import random
import re

import cbor2
import pytest

from generator.outputs import pagefind, search
from generator.outputs.searchorder import ENTRY, SIGNATURE, in_fixed_order

pytestmark = pytest.mark.skipif(search.find_pagefind() is None, reason="the pagefind package is not installed")

VERDICTS = ["Salah", "Benar", "Menyesatkan", "Sebagian benar"]
TOPICS = ["Ekonomi", "Kesehatan", "Pangan", "Energi", "Iklim", "Pendidikan", "Agama"]


def page(number: int) -> bytes:
    filters = "".join(
        [
            f'<span data-pagefind-filter="Penilaian">{VERDICTS[number % len(VERDICTS)]}</span>',
            f'<span data-pagefind-filter="Topik">{TOPICS[number % len(TOPICS)]}</span>',
            f'<span data-pagefind-filter="Pengklaim">Tokoh {number % 11}</span>',
        ]
    )
    return (
        f'<!doctype html><html lang="id"><head><title>Cek fakta {number}</title></head><body>'
        f"<article data-pagefind-body><h1>Cek fakta {number}</h1><p>Harga beras naik {number} persen "
        f"menurut pejabat daerah.</p><div hidden>{filters}</div></article></body></html>"
    ).encode()


@pytest.fixture(scope="module")
def bundle() -> dict[str, bytes]:
    documents = {f"claims/c{n}/index.html": page(n) for n in range(40)}
    found, problems = pagefind.run_pagefind(documents, search.find_pagefind())
    assert problems == [] and found
    return found


def unpack(data: bytes):
    body = gzip.decompress(data)
    assert body.startswith(SIGNATURE)
    return cbor2.loads(body[len(SIGNATURE) :])


def pack(value) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


def shuffled(bundle: dict[str, bytes], seed: int) -> dict[str, bytes]:
    """The bundle as another Pagefind run could write it: filter values and filters in another order, and
    the filter and metadata files under other names."""
    rng = random.Random(seed)
    out = {p: d for p, d in bundle.items() if not re.search(r"\.pf_(filter|meta)$|-entry\.json$", p)}
    names = {}
    for path in sorted(p for p in bundle if p.endswith(".pf_filter")):
        name, values = unpack(bundle[path])
        rng.shuffle(values)
        old = path.rsplit("/", 1)[1].removesuffix(".pf_filter")
        names[old] = f"id_{rng.getrandbits(28):07x}"
        out[f"pagefind/filter/{names[old]}.pf_filter"] = pack([name, values])
    entry = json.loads(bundle[ENTRY])
    for path in [p for p in bundle if p.endswith(".pf_meta")]:
        meta = unpack(bundle[path])
        meta[3] = [[name, names[file]] for name, file in meta[3]]
        rng.shuffle(meta[3])
        meta_name = f"id_{rng.getrandbits(40):010x}"
        out[f"pagefind/pagefind.{meta_name}.pf_meta"] = pack(meta)
        entry["languages"]["id"]["hash"] = meta_name
    out[ENTRY] = json.dumps(entry).encode()
    return out


def filters(bundle: dict[str, bytes]) -> dict[str, list[tuple[str, list[int]]]]:
    return {unpack(d)[0]: [tuple(v) for v in unpack(d)[1]] for p, d in bundle.items() if p.endswith(".pf_filter")}


def test_any_order_pagefind_writes_gives_the_same_bytes(bundle: dict[str, bytes]) -> None:
    fixed = in_fixed_order(bundle)
    for seed in range(5):
        other = shuffled(bundle, seed)
        assert other != bundle
        assert in_fixed_order(other) == fixed


def test_the_fixed_bundle_holds_the_same_filters_sorted_and_names_its_files(bundle: dict[str, bytes]) -> None:
    fixed = in_fixed_order(shuffled(bundle, 7))
    got, original = filters(fixed), filters(bundle)
    assert set(got) == {"Penilaian", "Topik", "Pengklaim"}
    for name, values in got.items():
        assert values == sorted(original[name]), name  # the same values and pages, by value
    entry = json.loads(fixed[ENTRY])
    meta_path = f"pagefind/pagefind.{entry['languages']['id']['hash']}.pf_meta"
    meta = unpack(fixed[meta_path])
    assert [name for name, _ in meta[3]] == ["Pengklaim", "Penilaian", "Topik"]
    for name, file in meta[3]:
        assert unpack(fixed[f"pagefind/filter/{file}.pf_filter"])[0] == name
    assert meta[:3] == unpack(next(d for p, d in bundle.items() if p.endswith(".pf_meta")))[:3]
    untouched = [p for p in bundle if not re.search(r"\.pf_(filter|meta)$|-entry\.json$", p)]
    assert untouched and all(fixed[p] == bundle[p] for p in untouched)


def test_two_pagefind_runs_give_the_same_bundle() -> None:
    documents = {f"claims/c{n}/index.html": page(n) for n in range(60)}
    runs = [pagefind.run_pagefind(documents, search.find_pagefind())[0] for _ in range(3)]
    assert runs[0] and runs[0] == runs[1] == runs[2]


def test_a_bundle_in_another_layout_is_left_as_it_is(bundle: dict[str, bytes]) -> None:
    odd = dict(bundle)
    path = next(p for p in odd if p.endswith(".pf_filter"))
    odd[path] = gzip.compress(SIGNATURE + cbor2.dumps({"a": [1, 2]}), mtime=0)  # a map, not Pagefind's pair
    assert in_fixed_order(odd) is odd
    no_entry = {p: d for p, d in bundle.items() if p != ENTRY}
    assert in_fixed_order(no_entry) is no_entry
