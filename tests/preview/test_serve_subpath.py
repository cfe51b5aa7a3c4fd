"""factcheck serve previews a site whose base_url has a path under that same path: / leads there, the
pages link under it, folders without their slash stay under it, and a tab's page is known by its address."""

from __future__ import annotations

import http.client
import json
from urllib.parse import quote, urlsplit

import pytest

from generator.preview.page import inside_root, site_root_of
from generator.preview.state import ServeOptions
from tests.conftest import SITE_YAML
from tests.preview.test_serve import Running, get, wait_for

SUB_SITE = SITE_YAML.replace("base_url: https://cekfakta.example.org/", "base_url: https://org.github.io/cekfakta/")


def head(url: str) -> tuple[int, str | None]:
    """Status and Location of one request, without following redirects."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=30)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


@pytest.fixture
def sub_serving(make_project):
    project = make_project({"content/site.yaml": SUB_SITE})
    running = Running(project, ServeOptions(port=0))
    yield project, running
    running.close()


def test_the_site_is_previewed_under_the_path_of_its_base_url(sub_serving) -> None:
    _project, srv = sub_serving
    origin = srv.preview.origin
    assert srv.preview.base_url == origin + "/cekfakta/"
    assert head(origin + "/") == (301, "/cekfakta/")
    assert head(origin + "/cekfakta") == (301, "/cekfakta/")
    assert head(origin + "/cekfakta/claims/biden-telepon") == (301, "/cekfakta/claims/biden-telepon/")
    status, page = get(origin + "/cekfakta/claims/biden-telepon/")
    assert status == 200
    assert 'href="/cekfakta/static/style.css"' in page
    assert f'<link rel="canonical" href="{origin}/cekfakta/claims/biden-telepon/">' in page  # the preview's address
    assert get(origin + "/cekfakta/static/style.css")[0] == 200
    status, missing = get(origin + "/claims/biden-telepon/")  # outside the path: not the site
    assert status == 404 and 'href="/cekfakta/static/style.css"' in missing  # the site's own 404 page


def test_a_tab_under_the_path_is_watched_by_its_page(sub_serving) -> None:
    _project, srv = sub_serving
    build = json.loads(get(srv.preview.origin + "/__factcheck__/build")[1])["build"]
    page = quote("/cekfakta/claims/biden-telepon/", safe="")
    get(f"{srv.preview.origin}/__factcheck__/build?after={build - 1}&page={page}")
    assert wait_for(lambda: srv.preview.watched() == ["claims/biden-telepon/index.html"])


def test_the_root_is_read_from_site_yaml(make_project) -> None:
    from generator.core.project import Project

    assert site_root_of(Project.at(make_project())) == "/"
    assert site_root_of(Project.at(make_project({"content/site.yaml": SUB_SITE}))) == "/cekfakta/"
    broken = make_project({"content/site.yaml": "base_url: [\n"})
    assert site_root_of(Project.at(broken)) == "/"  # the build reports the YAML; the preview stays at /
    odd = make_project({"content/site.yaml": 'base_url: "https://org.github.io/a\\r\\nSet-Cookie: x/"\n'})
    assert site_root_of(Project.at(odd)) == "/"  # never a header break in a redirect


def test_inside_root() -> None:
    assert inside_root("/cekfakta/claims/x/", "/cekfakta/") == "/claims/x/"
    assert inside_root("/cekfakta/", "/cekfakta/") == "/"
    assert inside_root("/claims/x/", "/cekfakta/") is None
    assert inside_root("/claims/x/", "/") == "/claims/x/"
