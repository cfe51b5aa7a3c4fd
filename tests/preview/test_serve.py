"""factcheck serve: temporary build, live rebuilds, diagnostics in the browser, reload endpoint, clean stop."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC
from pathlib import Path

import pytest

from generator.core.diagnostics import error
from generator.core.project import Project
from generator.engine.build import build_site
from generator.preview.page import diagnostics_html, nothing_built
from generator.preview.run import make_server, run_preview
from generator.preview.server import PortInUse
from generator.preview.session import Preview
from generator.preview.state import ServeOptions
from tests.conftest import CLAIM_YAML

CLAIM = "content/claims/biden-telepon.yaml"
CLAIM_PAGE = "/claims/biden-telepon/"
REPO = Path(__file__).resolve().parents[2]


def get(url: str, timeout: float = 30) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def write_atomically(path: Path, text: str) -> None:
    """Like an editor's save: the watcher never sees a half-written file."""
    temp = path.with_name("." + path.name + ".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def wait_for(check, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


class Running:
    """run_preview in a thread, with the events it reported."""

    def __init__(self, project: Path, options: ServeOptions, builder=build_site):
        self.events: list = []
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.preview: Preview | None = None
        self.thread = threading.Thread(
            target=run_preview,
            daemon=True,
            args=(Project.at(project), options, self.events.append, self.stop, self._ready, builder),
        )
        self.thread.start()
        assert self.ready.wait(30), self.events
        self.base = self.preview.base_url.rstrip("/")

    def _ready(self, server, preview) -> None:
        self.preview = preview
        self.ready.set()

    def build_number(self) -> int:
        return json.loads(get(self.base + "/__factcheck__/build")[1])["build"]

    def close(self) -> None:
        self.stop.set()
        self.thread.join(15)
        assert not self.thread.is_alive()


@pytest.fixture
def serving(make_project):
    started: list[Running] = []

    def start(files=None, **options) -> tuple[Path, Running]:
        project = make_project(files)
        running = Running(project, ServeOptions(port=0, **options))
        started.append(running)
        return project, running

    yield start
    for running in started:
        running.close()


def test_edit_rebuilds_and_the_page_is_served(serving):
    project, srv = serving()
    status, page = get(srv.base + CLAIM_PAGE)
    assert status == 200 and "Apakah Biden menelepon Putin" in page
    before = srv.build_number()
    write_atomically(project / CLAIM, CLAIM_YAML.replace("title: Apakah", "title: Benarkah"))
    state = json.loads(get(f"{srv.base}/__factcheck__/build?after={before}")[1])  # the long-poll answers when rebuilt
    assert state["build"] > before
    assert wait_for(lambda: "Benarkah Biden menelepon Putin" in get(srv.base + CLAIM_PAGE)[1])
    assert not (project / "site").exists()  # the preview never writes into the project


def test_a_rebuild_does_not_wait_for_the_search_index_which_catches_up_quietly(serving):
    """The page reloads with the previous search index; once the editor pauses, Pagefind runs, and
    the browser is not asked to reload again for it."""
    project, srv = serving()

    def bundle() -> set[str]:  # Pagefind names its files by content: new text, new names
        return {p.name for p in (srv.preview.output / "pagefind").rglob("*") if p.is_file()}

    # The first build does not wait for Pagefind either: the index follows once nothing is edited.
    assert wait_for(lambda: not srv.preview.search_stale and bundle()), "the first index never came"
    indexed = bundle()
    before = srv.build_number()
    write_atomically(project / CLAIM, CLAIM_YAML.replace("Panggilan telepon terjadi", "Percakapan telepon terjadi"))
    state = json.loads(get(f"{srv.base}/__factcheck__/build?after={before}")[1])
    assert state["build"] == before + 1 and state["ok"]  # the edited page, at once
    assert wait_for(lambda: srv.build_number() == before + 2)  # then the rest of the site, with the old index
    assert srv.preview.state.result.search_stale
    assert wait_for(lambda: not srv.preview.search_stale and bundle() != indexed), "the search index never caught up"
    time.sleep(1)
    assert srv.build_number() == before + 2, "the catch-up build made browsers reload"


def test_broken_yaml_shows_diagnostics_then_the_fixed_page_returns(serving):
    project, srv = serving()
    write_atomically(project / CLAIM, CLAIM_YAML.replace("verdict: salah", "verdict: [salah"))
    assert wait_for(lambda: "factcheck-diagnostics" in get(srv.base + CLAIM_PAGE)[1])
    status, page = get(srv.base + CLAIM_PAGE)
    assert status == 200 and "Apakah Biden menelepon Putin" in page  # the last good page stays
    assert f"{CLAIM}:8:" in page  # file and line of the problem
    state = json.loads(get(srv.base + "/__factcheck__/build")[1])
    assert state["ok"] is False and state["diagnostics"][0]["path"] == CLAIM
    write_atomically(project / CLAIM, CLAIM_YAML)
    assert wait_for(lambda: "factcheck-diagnostics" not in get(srv.base + CLAIM_PAGE)[1])
    assert json.loads(get(srv.base + "/__factcheck__/build")[1])["ok"] is True


def test_a_project_that_never_built_shows_its_diagnostics(serving):
    project, srv = serving({CLAIM: CLAIM_YAML.replace("claimant: medcom", "claimant: nobody")})
    status, page = get(srv.base + "/")
    assert status == 503 and "factcheck-diagnostics" in page and CLAIM in page
    write_atomically(project / CLAIM, CLAIM_YAML)
    assert wait_for(lambda: get(srv.base + "/")[0] == 200)


def test_reload_script_is_served_and_injected_only_into_responses(serving):
    _project, srv = serving()
    status, script = get(srv.base + "/__factcheck__/reload.js")
    assert status == 200 and "/__factcheck__/build?after=" in script
    page = get(srv.base + "/")[1]
    assert f'data-build="{srv.build_number()}"' in page and "reload.js" in page
    built = srv.preview.output
    assert not any("__factcheck__" in p.read_text(encoding="utf-8") for p in built.rglob("*.html"))
    assert get(srv.base + "/no/such/page/")[0] == 404
    assert get(srv.base + "/../../etc/passwd")[0] == 404


def test_long_poll_times_out_with_the_same_build(serving, monkeypatch):
    _, srv = serving()
    monkeypatch.setattr("generator.preview.session.POLL_SECONDS", 0.2)
    number = srv.build_number()
    started = time.monotonic()
    state = srv.preview.wait_for_build(number, timeout=0.2)
    assert state.build == number and time.monotonic() - started < 5


def test_drafts_are_served_with_a_banner_unless_turned_off(serving):
    draft = {"content/claims/draf.yaml": CLAIM_YAML.replace("title: Apakah", "title: Draf apakah") + "draft: true\n"}
    _, with_drafts = serving(draft)
    page = get(with_drafts.base + "/claims/draf/")[1]
    assert '<p class="draft-banner" role="note"><strong>DRAF</strong>' in page  # the site is in Indonesian
    _, without = serving(draft, drafts=False)
    assert get(without.base + "/claims/draf/")[0] == 404


def test_the_error_banner_follows_the_site_language(serving):
    project, srv = serving()  # an Indonesian site
    write_atomically(project / CLAIM, CLAIM_YAML.replace("claimant: medcom", "claimant: medcon"))
    assert wait_for(lambda: "factcheck-diagnostics" in get(srv.base + CLAIM_PAGE)[1])
    page = get(srv.base + CLAIM_PAGE)[1]
    assert '<div id="factcheck-diagnostics" lang="id"' in page
    assert "Perubahan terakhir gagal dibangun; yang ditampilkan adalah halaman terakhir yang berhasil" in page
    assert (
        "<small>perbaikan: did you mean &#x27;medcom&#x27;?</small>" in page
    )  # factcheck's own words stay as validate says them
    assert "did not build" not in page


def test_the_banners_of_an_english_site_are_in_english() -> None:
    problem = [error("content/claims/x.yaml", 3, 1, "bad", "broken", "mend it")]
    assert "The last change did not build" in diagnostics_html(problem, "en") and "fix: mend it" in diagnostics_html(
        problem, "en"
    )
    assert "Perubahan terakhir gagal dibangun" in diagnostics_html(problem, "id-ID")
    assert nothing_built("id").startswith(b'<!DOCTYPE html><html lang="id">')
    assert "Belum ada halaman yang berhasil dibangun" in nothing_built("id").decode()


def test_diagnostics_are_escaped():
    text = diagnostics_html([error("content/<x>.yaml", 3, 1, "bad", "found <script>alert(1)</script> & more")])
    assert "<script>alert" not in text and "&lt;script&gt;" in text and "content/&lt;x&gt;.yaml:3:1" in text


def test_a_taken_port_is_reported_or_skipped(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        preview = Preview(Project(tmp_path), ServeOptions())
        try:
            with pytest.raises(PortInUse, match=f"port {port} already in use"):
                make_server(preview, port, try_next=False)
            try:
                server = make_server(preview, port)
            except PortInUse:  # every following port taken as well: still a clear error
                pass
            else:
                assert server.server_address[1] > port
                server.server_close()
        finally:
            preview.close()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_the_command_prints_its_url_and_stops_cleanly(make_project, sig):
    project = make_project()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "serve", "--port", "0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("serving http://127.0.0.1:"), proc.stderr.read()
        url = line.split()[1]
        assert get(url + CLAIM_PAGE[1:])[0] == 200
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0 and "Traceback" not in err and err.rstrip().endswith("stopped")
    assert not (project / "site").exists()


def test_serve_rejects_a_missing_project(run_cli, tmp_path):
    result = run_cli("serve", project=tmp_path / "nothing")
    assert result.exit_code == 2


def test_a_crashing_build_is_shown_and_watching_goes_on(make_project):
    project = make_project()
    counter = project.parent / "builds-so-far"  # a file: the builds that follow an edit run in a child process

    def flaky(project, options):
        if options.only is not None:  # a build in memory, the answer to an edit: not counted
            return build_site(project, options)
        calls = int(counter.read_text()) + 1 if counter.exists() else 1
        counter.write_text(str(calls))
        if calls == 2:
            raise RuntimeError("boom <b>")
        return build_site(project, options)

    srv = Running(project, ServeOptions(port=0), flaky)
    try:
        write_atomically(project / CLAIM, CLAIM_YAML.replace("title: Apakah", "title: Benarkah"))
        assert wait_for(lambda: "internal-error" in get(srv.base + CLAIM_PAGE)[1])
        assert "boom &lt;b&gt;" in get(srv.base + CLAIM_PAGE)[1]
        write_atomically(project / CLAIM, CLAIM_YAML)
        assert wait_for(lambda: "factcheck-diagnostics" not in get(srv.base + CLAIM_PAGE)[1])
    finally:
        srv.close()


def test_the_full_build_does_not_announce_a_failure_the_quick_path_has_shown(serving):
    """Browsers reload once for a broken file, not again when the full build finds the same problem."""
    project, srv = serving()
    before = srv.build_number()
    write_atomically(project / CLAIM, CLAIM_YAML.replace("verdict: salah", "verdict: [salah"))
    state = json.loads(get(f"{srv.base}/__factcheck__/build?after={before}")[1])
    assert state["build"] == before + 1 and not state["ok"]
    assert wait_for(lambda: srv.preview.snapshot is None), "the full build never ran"  # it failed as well
    time.sleep(0.5)
    assert srv.build_number() == before + 1


def test_after_edits_the_preview_holds_what_a_clean_build_writes(serving, tmp_path):
    """Quick pages, then full builds in a child process from the records kept in memory: the end
    result is the site a clean build of the edited project makes (search index aside)."""
    from datetime import datetime

    from generator.engine.build import BuildOptions

    clock = datetime(2026, 1, 1, tzinfo=UTC)
    project, srv = serving(clock=clock)
    for title in ("Benarkah", "Sungguhkah"):
        before = srv.build_number()
        write_atomically(project / CLAIM, CLAIM_YAML.replace("title: Apakah", f"title: {title}"))
        assert wait_for(lambda: srv.build_number() >= before + 2 and not srv.preview.overlay), "no full build followed"
    clean = tmp_path / "clean"
    assert build_site(
        Project.at(project), BuildOptions(output=clean, clock=clock, drafts=True, base_url=srv.preview.base_url, cache=False)
    ).ok

    def files(folder: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != "pagefind"
        }

    assert files(srv.preview.output) == files(clean)
    assert "Sungguhkah" in (srv.preview.output / CLAIM_PAGE.strip("/") / "index.html").read_text(encoding="utf-8")


def test_a_long_poll_also_answers_when_the_rest_of_the_site_is_done(serving):
    """A tab whose page did not change learns when the full build after an edit has finished."""
    project, srv = serving()
    before = srv.build_number()
    write_atomically(project / CLAIM, CLAIM_YAML.replace("title: Apakah", "title: Benarkah"))
    state = json.loads(get(f"{srv.base}/__factcheck__/build?after={before}&page=/tentang/")[1])
    assert state["build"] == before + 1 and state["pending"] is True and state["reload"] is False
    page = get(srv.base + "/tentang/")[1]
    assert 'data-pending="1"' in page or not srv.preview.pending
    started = time.monotonic()
    while True:  # as the reload script does: ask again with what it believes, until nothing is pending
        state = json.loads(get(f"{srv.base}/__factcheck__/build?after={state['build']}&page=/tentang/&pending=1")[1])
        if not state["pending"]:
            break
        assert time.monotonic() - started < 20
    assert state["reload"] is False and 'data-pending="0"' in get(srv.base + "/tentang/")[1]


def test_a_closed_preview_leaves_no_record_or_spare_site_in_the_cache(serving):
    """Each session builds into a new temporary folder: what the cache kept for it is of no later use."""
    from generator.engine.outputrecord import _record_path, spare_path

    project, srv = serving()
    before = srv.build_number()
    write_atomically(project / CLAIM, CLAIM_YAML.replace("title: Apakah", "title: Benarkah"))
    json.loads(get(f"{srv.base}/__factcheck__/build?after={before}")[1])
    cache, output = project / ".factcheck-cache", srv.preview.output
    if os.stat(cache).st_dev != os.stat(output.parent).st_dev:
        pytest.skip("the temporary folder is on another file system: no spare is kept")
    assert wait_for(lambda: spare_path(cache, output).is_dir())  # a rebuild keeps the site it replaced
    srv.close()
    assert not _record_path(cache, output).exists()
    assert wait_for(lambda: not spare_path(cache, output).exists())


def test_a_template_edit_shows_in_open_tabs_before_the_full_build(make_project):
    """A designer's edit: the page a tab shows is rendered with the edited template at once; the
    full build (held back here) renders the rest."""
    project = make_project({"templates/base.html": '{% extends "builtin:base.html" %}\n'})
    counter = project / "builds"

    def slow(project_, options):
        if options.only is not None:  # a build in memory, the answer to an edit: not held back
            return build_site(project_, options)
        calls = int(counter.read_text()) + 1 if counter.exists() else 1
        counter.write_text(str(calls))
        deadline = time.monotonic() + (60 if calls > 1 else 0)
        while time.monotonic() < deadline and not (options.cancelled and options.cancelled()):
            time.sleep(0.05)
        return build_site(project_, options)

    srv = Running(project, ServeOptions(port=0), slow)
    try:
        before = srv.build_number()
        answer: dict = {}
        tab = threading.Thread(
            target=lambda: answer.update(json.loads(get(f"{srv.base}/__factcheck__/build?after={before}&page={CLAIM_PAGE}")[1]))
        )
        tab.start()
        assert wait_for(lambda: srv.preview.watched() == ["claims/biden-telepon/index.html"])
        write_atomically(
            project / "templates/base.html",
            '{% extends "builtin:base.html" %}\n{% block footer %}<p>Tema baru</p>{% endblock %}\n',
        )
        tab.join(20)
        assert answer["reload"] is True and answer["pending"] is True
        assert "Tema baru" in get(srv.base + CLAIM_PAGE)[1]
        assert "Tema baru" not in get(srv.base + "/tentang/")[1]  # no tab shows it: the full build will
    finally:
        srv.close()


def test_the_preview_watches_the_projects_catalogues(make_project) -> None:
    from generator.preview.run import watched_paths

    project = Project.at(make_project({"locale/es.po": 'msgid "Sources"\nmsgstr "Fuentes"\n'}))
    assert project.locale_dir in watched_paths(project)
