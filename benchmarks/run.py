"""Time the real CLI on synthetic projects: cold build, no-change rebuild, one-file rebuild, validate.

Each step is a fresh `python -m generator -C PROJECT ...` child process. Generated
projects are cached under the temp folder, keyed by size, seed and a hash of the
synthesiser's source, so repeated runs skip generation.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks.measure import Outcome, machine, run_measured, tail
from benchmarks.synth import generate

REPO = Path(__file__).resolve().parent.parent
SYNTH_FILES = ("synth.py", "text.py", "vocab.py", "yamlout.py")
SUMMARY_RE = re.compile(r'^summary: "(.*)"$', re.MULTILINE)


def synth_hash() -> str:
    digest = hashlib.sha256()
    for name in SYNTH_FILES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:12]


def ensure_project(base: Path, claims: int, seed: int) -> tuple[Path, float | None]:
    """The project under `base`, generated unless an identical one is there; returns (path, seconds or None)."""
    key = f"claims={claims} seed={seed} synth={synth_hash()}\n"
    project, stamp = base / "project", base / "key.txt"
    if project.is_dir() and stamp.is_file() and stamp.read_text() == key:
        return project, None
    shutil.rmtree(base, ignore_errors=True)
    partial = base.with_name(base.name + f".partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    started = time.perf_counter()
    generate(partial / "project", claims, seed)
    seconds = time.perf_counter() - started
    (partial / "key.txt").write_text(key)
    partial.rename(base)
    return project, seconds


def count_files(folder: Path, suffix: str = ".html") -> int:
    return sum(1 for _, _, files in os.walk(folder) for name in files if name.endswith(suffix))


def folder_bytes(folder: Path) -> int:
    return sum((Path(root) / name).stat().st_size for root, _, files in os.walk(folder) for name in files)


def edit_one_claim(project: Path) -> tuple[Path, bytes] | None:
    """Change the summary of the first published claim; returns what to restore."""
    for path in sorted((project / "content" / "claims").glob("*.yaml")):
        original = path.read_bytes()
        text = original.decode("utf-8")
        if "\ndraft: true" in text:
            continue
        edited, n = SUMMARY_RE.subn(lambda m: f'summary: "{m.group(1)} Ringkasan ini diperbarui."', text, count=1)
        if n:
            path.write_bytes(edited.encode("utf-8"))
            return path, original
    return None


def bench_size(claims: int, seed: int, work: Path, cache_root: Path | None, timeout: float) -> list[dict]:
    base = (cache_root / f"{claims}-s{seed}") if cache_root else work / "generated"
    print(f"[{claims:,} claims] preparing project ...", file=sys.stderr, flush=True)
    project, gen_seconds = ensure_project(base, claims, seed)
    content_mb = folder_bytes(project / "content") / 1e6
    rows = [
        {
            "step": "generate",
            "ok": True,
            "cached": gen_seconds is None,
            "wall_s": None if gen_seconds is None else round(gen_seconds, 3),
            "content_mb": round(content_mb, 1),
        }
    ]
    out, logs = work / "site", work / "logs"
    cli = [sys.executable, "-m", "generator", "-C", str(project)]
    build = cli + ["build", "-o", str(out)]
    fresh = work / "site-fresh"  # CI: a new checkout and an empty output folder, the cache restored
    steps = [
        ("cold build", build),
        ("no-change rebuild", build),
        ("one-file rebuild", build),
        ("template rebuild", build),
        ("new folder, cache kept", cli + ["build", "-o", str(fresh)]),
        ("validate", cli + ["validate"]),
    ]
    theme = project / "templates" / "base.html"  # every page extends it: the worst case, every page rendered
    for name, cmd in steps:
        restore = None
        if name == "cold build":
            shutil.rmtree(project / ".factcheck-cache", ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
        if name == "one-file rebuild":
            restore = edit_one_claim(project)
        if name == "new folder, cache kept":
            shutil.rmtree(fresh, ignore_errors=True)
        if name == "template rebuild":  # a theme change: every page is rendered again, with every cache warm
            theme.parent.mkdir(exist_ok=True)
            theme.write_text('{% extends "builtin:base.html" %}\n{# benchmark: a changed template #}\n')
        print(f"[{claims:,} claims] {name} ...", file=sys.stderr, flush=True)
        try:
            outcome = run_measured(cmd, REPO, logs / f"{name.replace(' ', '-')}.log", timeout)
        finally:
            if restore:
                restore[0].write_bytes(restore[1])
            if name == "template rebuild":
                shutil.rmtree(theme.parent, ignore_errors=True)
        if restore:  # untimed: back to the first build's site, so the next step measures its own change only
            run_measured(build, REPO, logs / "settle.log", timeout)
        rows.append(row(name, outcome, fresh if name == "new folder, cache kept" else out if cmd is build else None))
        if name == "one-file rebuild":
            rows[-1]["edited"] = restore[0].name if restore else None
    print(f"[{claims:,} claims] serve: edit to reloaded page ...", file=sys.stderr, flush=True)
    rows.extend(serve_rows(project, cli, logs / "serve.log", timeout))
    for r in rows:
        r.update(claims=claims, seed=seed)
    return rows


def serve_rows(project: Path, cli: list[str], log: Path, timeout: float) -> list[dict]:
    """Two rows: the edited page shown (median of the edits), then the whole site current (one edit)."""
    data = {
        "step": "serve: edit to reload",
        "ok": False,
        "exit": None,
        "timed_out": False,
        "wall_s": None,
        "cpu_s": None,
        "max_rss_mb": None,
    }
    try:
        figures = measure_serve(project, cli, log, timeout)
    except (OSError, RuntimeError, TimeoutError) as exc:
        data["error"] = f"{exc}\n{tail(log)}"
        return [data]
    data.update(
        ok=True,
        exit=0,
        wall_s=round(statistics.median(figures), 3),
        first_build_s=round(figures.first_build, 2),
        edits=len(figures),
    )
    whole = {**data, "step": "serve: edit to whole site", "wall_s": round(figures.site_current, 3), "edits": 1}
    theme = {
        **data,
        "step": "serve: template edit",
        "wall_s": round(statistics.median(figures.template), 3),
        "edits": len(figures.template),
        "first_edit_s": round(figures.template[0], 3),
    }
    return [data, whole, theme]


class ServeFigures(list):
    first_build: float = 0.0
    site_current: float = 0.0  # edit saved -> the full build that follows has written every file
    template: list[float]  # base.html saved -> the open page shows it, per edit

    def __init__(self):
        super().__init__()
        self.template = []


# The project's own base.html while `serve` runs (the watcher sees templates/ only if it exists at start).
THEME = '{% extends "builtin:base.html" %}\n{% block footer %}<p>MARK</p>{% endblock %}\n'


# Seconds between the edits: an editor's pace, long enough for the full build that follows an edit
# to be running (in the background) when the next edit comes, as it would be in a large archive.
PAUSE = 2.0


def measure_serve(project: Path, cli: list[str], log: Path, timeout: float, edits: int = 5) -> ServeFigures:
    """Start `factcheck serve`, wait for its first build, then time edit -> rebuilt -> page fetched, `edits` times.

    Like the browser's reload script: a long-poll on /__factcheck__/build answers once a newer build
    exists, then the page is fetched again; the edit must show in it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    log.parent.mkdir(parents=True, exist_ok=True)
    figures = ServeFigures()
    theme = project / "templates" / "base.html"
    theme.parent.mkdir(exist_ok=True)
    theme.write_text(THEME.replace("MARK", "Tema awal"), encoding="utf-8")
    with open(log, "wb") as sink:
        started = time.perf_counter()
        proc = subprocess.Popen(
            cli + ["serve", "--port", str(port), "--no-drafts"],
            cwd=REPO,
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        try:
            build = _wait_for_build(base, -1, started + timeout, proc)
            figures.first_build = time.perf_counter() - started
            target = next(
                p
                for p in sorted((project / "content" / "claims").glob("*.yaml"))
                if "\ndraft: true" not in p.read_text(encoding="utf-8")
            )
            original = target.read_bytes()
            page = f"{base}/claims/{target.stem}/"
            try:
                for n in range(edits):
                    time.sleep(PAUSE)  # let the watcher settle, as between an editor's saves
                    marker = f"Suntingan pratinjau {n}"
                    edited = original.decode("utf-8").replace("\nsummary: ", f"\nsummary: {marker}. ", 1)
                    began = time.perf_counter()
                    target.write_text(edited, encoding="utf-8")
                    build = _wait_until_shown(base, build, page, marker, began + timeout, proc)
                    figures.append(time.perf_counter() - began)
                time.sleep(PAUSE)
                marker = "Suntingan pratinjau terakhir"  # then wait for the open data, written by the full build only
                began = time.perf_counter()
                target.write_text(original.decode("utf-8").replace("\nsummary: ", f"\nsummary: {marker}. ", 1), encoding="utf-8")
                build = _wait_until_shown(base, build, f"{base}/api/claims/{target.stem}.json", marker, began + timeout, proc)
                figures.site_current = time.perf_counter() - began
                for n in range(3):  # a designer at work: the open page shows each edit of the theme
                    time.sleep(PAUSE)
                    marker = f"Tema baru {n}"
                    began = time.perf_counter()
                    theme.write_text(THEME.replace("MARK", marker), encoding="utf-8")
                    build = _wait_until_shown(base, build, page, marker, began + timeout, proc)
                    figures.template.append(time.perf_counter() - began)
            finally:
                target.write_bytes(original)
                shutil.rmtree(theme.parent, ignore_errors=True)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return figures


def _wait_until_shown(base: str, build: int, url: str, marker: str, deadline: float, proc: subprocess.Popen) -> int:
    """Like an open tab: after each newer build, fetch `url` again, until it shows `marker`."""
    while True:
        build = _wait_for_build(base, build, deadline, proc, page=urllib.parse.urlsplit(url).path)
        with urllib.request.urlopen(url, timeout=max(1.0, deadline - time.perf_counter())) as response:
            if marker in response.read().decode("utf-8"):
                return build


def _wait_for_build(base: str, after: int, deadline: float, proc: subprocess.Popen, page: str = "") -> int:
    """The number of the first build after `after`; with `page`, the long-poll says which page it shows, as a tab's does."""
    query = f"after={max(after, 0)}" + (f"&page={urllib.parse.quote(page)}" if page else "")
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"factcheck serve exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/__factcheck__/build?{query}", timeout=30) as response:
                state = json.loads(response.read())
        except OSError:
            time.sleep(0.05)
            continue
        if state.get("build", 0) > max(after, 0):
            if not state.get("ok"):
                raise RuntimeError(f"the preview build failed: {state.get('diagnostics')}")
            return state["build"]
    raise TimeoutError("factcheck serve did not rebuild in time")


def row(step: str, outcome: Outcome, out: Path | None) -> dict:
    ok = outcome.exit_code == 0 and not outcome.timed_out
    data = {
        "step": step,
        "ok": ok,
        "exit": outcome.exit_code,
        "timed_out": outcome.timed_out,
        "wall_s": round(outcome.wall_s, 3),
        "cpu_s": round(outcome.cpu_s, 3),
        "max_rss_mb": round(outcome.max_rss_mb, 1),
    }
    if out is not None and ok:
        pages = count_files(out) if out.is_dir() else 0
        data["pages"] = pages
        data["pages_per_s"] = round(pages / outcome.wall_s, 1) if outcome.wall_s else None
        if step == "cold build":
            data["site_mb"] = round(folder_bytes(out) / 1e6, 1)
    if not ok:
        data["error"] = outcome.error
    return data


def status(r: dict) -> str:
    if r["ok"]:
        return "cached" if r.get("cached") else "ok"
    if r.get("timed_out"):
        return "TIMEOUT"
    return "FAILED" if r.get("exit") is None else f"FAILED (exit {r['exit']})"


def fmt(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def table(rows: list[dict]) -> str:
    head = ("claims", "step", "status", "wall s", "CPU s", "max RSS MB", "pages", "pages/s", "notes")
    lines = []
    for r in rows:
        if r["step"] == "generate":
            lines.append(
                (
                    f"{r['claims']:,}",
                    "generate",
                    status(r),
                    fmt(r["wall_s"], ".1f"),
                    "-",
                    "-",
                    "-",
                    "-",
                    f"content {r['content_mb']} MB",
                )
            )
            continue
        notes = f"site {r['site_mb']} MB" if "site_mb" in r else ""
        if "first_build_s" in r:
            edits = f"median of {r['edits']} edits" if r["edits"] > 1 else "one edit, until its open data is rewritten"
            if "first_edit_s" in r:
                edits += f" of base.html (the first: {r['first_edit_s']} s)"
            notes = f"{edits}; first preview build {r['first_build_s']} s"
        lines.append(
            (
                f"{r['claims']:,}",
                r["step"],
                status(r),
                fmt(r["wall_s"], ".2f"),
                fmt(r["cpu_s"], ".2f"),
                fmt(r["max_rss_mb"], ".0f"),
                fmt(r.get("pages"), ",d"),
                fmt(r.get("pages_per_s"), ",.0f"),
                notes,
            )
        )
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(head)]
    out = ["  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    out += [
        "  ".join(c.rjust(w) if 2 < i < 8 else c.ljust(w) for i, (c, w) in enumerate(zip(line, widths))).rstrip()
        for line in lines
    ]
    failures = [r for r in rows if not r["ok"]]
    for r in failures:
        out.append(f"\n{r['claims']:,} claims, {r['step']}: {status(r)}")
        out.extend("    " + line for line in (r.get("error") or "(no output)").splitlines())
    return "\n".join(out)


def run_all(sizes: list[int], seed: int, keep: str | None, cache: bool, timeout: float) -> int:
    info = machine()
    cache_root = None if keep or not cache else Path(tempfile.gettempdir()) / "factcheck-bench-cache"
    rows: list[dict] = []
    for claims in sizes:
        if keep:
            work = Path(keep).resolve() / str(claims)
            work.mkdir(parents=True, exist_ok=True)
            rows += bench_size(claims, seed, work, None, timeout)
        else:
            with tempfile.TemporaryDirectory(prefix="factcheck-bench-run-") as tmp:
                rows += bench_size(claims, seed, Path(tmp), cache_root, timeout)
    print(
        f"machine: {info['cpu']}, {info['cores']} cores ({info['usable_cores']} usable), "
        f"{info['ram_gb']} GB RAM, {info['python']}, {info['os']}"
    )
    print()
    print(table(rows))
    print()
    print(json.dumps({"bench": "factcheck", "machine": info}))
    for r in rows:
        print(json.dumps({"bench": "factcheck", **{k: v for k, v in r.items() if k != "error"}}))
    return 0 if all(r["ok"] for r in rows) else 1
