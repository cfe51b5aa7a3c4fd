"""What the preview server adds to the HTML it serves: the reload script and the diagnostics of a failed build;
where the site lives on the preview server (under the path of its public address).

Plain strings and bytes; no sockets. Nothing here ever reaches the built site.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote

from generator.content.yamlquick import quick_load
from generator.core.diagnostics import Diagnostic, Severity
from generator.core.i18n import load_translations
from generator.core.languages import base_language
from generator.core.project import Project
from generator.plan.urls import site_root

PREFIX = "/__factcheck__/"
_ROOT_RE = re.compile(r"/(?:[A-Za-z0-9._~%!$&'()*+,;=:@-]+/)*")

RELOAD_JS = """\
// factcheck serve: reload this tab when a new build changed its page (long-polls the preview server).
(function () {
  var me = document.currentScript;
  var build = Number(me.getAttribute("data-build"));
  var session = me.getAttribute("data-session");
  var page = encodeURIComponent(location.pathname);
  var pending = me.getAttribute("data-pending") === "1";
  var badge = null;
  function show(on) {  // while the full build that follows an edit runs, other pages may not show it yet
    if (on && !badge) {
      badge = document.createElement("div");
      badge.id = "factcheck-pending";
      badge.setAttribute("role", "status");
      badge.textContent = me.getAttribute("data-pending-text");
      badge.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483647;padding:.4rem .8rem;" +
        "border-radius:4px;background:#1f2937;color:#fff;font:13px/1.4 system-ui,sans-serif";
      document.body.appendChild(badge);
    }
    if (badge) { badge.hidden = !on; }
  }
  show(pending);
  function poll(delay) {
    setTimeout(function () {
      fetch("/__factcheck__/build?after=" + build + "&page=" + page + "&pending=" + (pending ? 1 : 0), {cache: "no-store"})
        .then(function (response) { return response.json(); })
        .then(function (state) {
          if (state.session !== session || state.reload) { location.reload(); return; }
          build = Math.max(build, state.build);  // a build that left this page as it was
          pending = state.pending;
          show(pending);
          poll(0);
        })
        .catch(function () { poll(1000); });  // server restarting: try again shortly
    }, delay);
  }
  poll(0);
})();
"""


NOT_FOUND = b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><p>Not found.</p></body></html>'


def _words(language: str) -> Callable[[str], str]:
    """The preview's own words in the site's interface language (the same catalogues as the theme's)."""
    return load_translations(language).gettext


def nothing_built(language: str = "en") -> bytes:
    """The page shown before any build has succeeded; the diagnostics banner goes above it."""
    _ = _words(language)
    title = html.escape(_("Build failed"))
    text = html.escape(_("No page has been built yet: fix the problems listed above."))
    return (
        f'<!DOCTYPE html><html lang="{base_language(language)}"><head><meta charset="utf-8">'
        f'<title>{title} - factcheck serve</title></head><body><main style="padding-top:40vh"><p>{text}</p></main></body></html>'
    ).encode()


def build_succeeded(language: str = "en") -> str:
    _ = _words(language)
    return "<p>" + html.escape(_("The last build succeeded.")) + "</p>"


def diagnostics_html(diagnostics: Iterable[Diagnostic], language: str = "en") -> str:
    """The diagnostics of a failed build as an HTML fragment, worded in the site's interface language (the
    messages themselves are factcheck's, in English, as `validate` prints them); every value is escaped."""
    _ = _words(language)
    fix = html.escape(_("fix:"))
    rows = []
    for d in diagnostics:
        if d.severity is Severity.NOTE:
            continue
        hint = f"<br><small>{fix} {html.escape(d.hint)}</small>" if d.hint else ""
        rows.append(
            f"<li><code>{html.escape(d.path)}:{d.line}:{d.column}</code> {html.escape(d.severity.value)}: "
            f"{html.escape(d.message)} <small>[{html.escape(d.code)}]</small>{hint}</li>"
        )
    heading = html.escape(_("The last change did not build; showing the last good pages"))
    return (
        f'<div id="factcheck-diagnostics" lang="{base_language(language)}" role="alert" '
        'style="position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:70vh;overflow:auto;margin:0;'
        "padding:1rem 1.5rem;background:#fff0f0;color:#5c0000;"
        'border-bottom:4px solid #b00020;font:15px/1.5 system-ui,sans-serif">'
        '<h2 style="margin:0 0 .5rem;font-size:1.1rem">' + heading + "</h2>"
        f'<ul style="margin:0;padding-left:1.2rem">{"".join(rows)}</ul></div>'
    )


def inject(
    body: bytes, build: int, session: str, diagnostics: list[Diagnostic] | None, pending: bool = False, language: str = "en"
) -> bytes:
    """`body` with the reload script (and the overlay of `diagnostics`, when given) just before </body>;
    `pending`: a full build is still to write some pages (the script says so on the page, in `language`)."""
    extra = diagnostics_html(diagnostics, language) if diagnostics is not None else ""
    _ = _words(language)
    updating = html.escape(_("Updating the rest of the site…"), quote=True)
    extra += (
        f'<script src="{PREFIX}reload.js" data-build="{build}" data-session="{session}" data-pending="{int(pending)}"'
        f' data-pending-text="{updating}"></script>'
    )
    marker = body.rfind(b"</body>")
    data = extra.encode()
    return body[:marker] + data + body[marker:] if marker >= 0 else body + data


def output_path(page: str) -> str:
    """The output file of a URL path: '/claims/x/' -> 'claims/x/index.html'."""
    segments = [s for s in unquote(page).split("/") if s]
    if not segments or page.endswith("/"):
        segments.append("index.html")
    return "/".join(segments)


def _site_settings(project: Project) -> dict:
    try:
        site = quick_load(project.site_file.read_text(encoding="utf-8"))  # within the loader's limits, or UNUSUAL
    except (OSError, UnicodeDecodeError):
        return {}
    return site if isinstance(site, dict) else {}


def site_language_of(project: Project) -> str:
    """The site's interface language, read from site.yaml, for the preview's own words; English while
    site.yaml cannot be read (its banner then says why)."""
    language = _site_settings(project).get("language")
    return base_language(language) if isinstance(language, str) else "en"


def site_root_of(project: Project) -> str:
    """The path the published site lives under ("/" or "/cekfakta/"), read from site.yaml's base_url, so the
    preview shows it under the same path; "/" while site.yaml cannot be read (the build reports why)."""
    base_url = _site_settings(project).get("base_url")
    root = site_root(base_url) if isinstance(base_url, str) else "/"
    # The root goes into redirects' Location header: visible ASCII of a URL path only (no CR/LF, quotes, spaces).
    return root if _ROOT_RE.fullmatch(root) else "/"


def inside_root(path: str, root: str) -> str | None:
    """A request's URL path as a site address ("/cekfakta/claims/x/" -> "/claims/x/"), or None when the
    path is outside the site's root path."""
    if path.startswith(root):
        return "/" + path[len(root) :]
    return None
