"""Markdown for a whole build ahead of its pages: from the cache, or converted in worker processes."""

from __future__ import annotations

import pytest

from generator.engine import markdown as prerendering
from generator.engine.cache import Store
from generator.plan import markdown as markup

JOBS = [(f"Text {i} [@a] *e* [l](https://e.org/{i})", (("a", i),), 3, "" if i % 2 else "/claims/c/") for i in range(80)]


@pytest.mark.parametrize("workers", [1, 2])
def test_prerender_gives_what_render_markdown_gives(workers: int) -> None:
    expected = [markup.convert(job) for job in JOBS]
    prerendering.prerender(JOBS + JOBS[:5], None, workers)
    assert [markup._MEMO[job] for job in JOBS] == expected
    assert prerendering._pending == []  # the texts handed to workers are not kept


def test_prerender_takes_stored_results_and_stores_new_ones() -> None:
    store = Store(None, "markdown")
    prerendering.prerender(JOBS[:10], store)
    assert len(store.data) == 10
    store.put(prerendering._cache_key(JOBS[0]), "<p>from the store</p>")
    prerendering.prerender(JOBS[:10], store)
    assert markup._MEMO[JOBS[0]] == "<p>from the store</p>" and len(store.data) == 10


def test_cache_keys_separate_text_from_the_other_fields() -> None:
    keys = {
        prerendering._cache_key(job)
        for job in [
            ("a", (), 2, ""),
            ("a", (), 3, ""),
            ("a", (("x", 1),), 2, ""),
            ("a", (), 2, "/c/"),
            ("b", (), 2, ""),
            ("a\0", (), 2, ""),
            ("\ud800", (), 2, ""),  # a lone surrogate must not break the key
        ]
    }
    assert len(keys) == 7
