"""Worker pools: results in item order whatever the chunking, and workers that die with the build."""

from __future__ import annotations

import os

from generator.engine.workers import map_chunks, worker_count


def squares_with_pids(items: list[int]) -> list[tuple[int, int]]:
    return [(item * item, os.getpid()) for item in items]


def test_results_keep_item_order_across_workers():
    items = list(range(101))
    results = map_chunks(squares_with_pids, items, workers=2, threshold=10)
    assert [square for square, _ in results] == [i * i for i in items]
    assert os.getpid() not in {pid for _, pid in results}  # the work really ran in other processes


def test_small_jobs_stay_in_this_process():
    results = map_chunks(squares_with_pids, [1, 2, 3], workers=2, threshold=10)
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


def test_worker_count_can_be_set(monkeypatch):
    monkeypatch.setenv("FACTCHECK_WORKERS", "3")
    assert worker_count() == 3
    monkeypatch.setenv("FACTCHECK_WORKERS", "zero")
    assert worker_count() >= 1
