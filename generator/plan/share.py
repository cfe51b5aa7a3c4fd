"""Share links and the paste-ready text of a fact-check: plain URLs, nothing loaded from other sites.

Knows only strings and the words of the interface; templates escape the URLs for HTML, this module
encodes them for URLs.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from generator.core.i18n import load_translations


def share_text(claim_short: str, verdict_label: str, summary: str, url: str, language: str = "en") -> str:
    """Claim, verdict, one-line reason and link, ready to paste into a chat. `claim_short` is the desk's
    paraphrase of the claim, so it is labelled as the claim rather than put in quotation marks as if the
    claimant had said those words."""
    _ = load_translations(language).gettext
    claim_word, verdict_word = _("Claim:"), _("Our verdict:")
    reason = " ".join(summary.split())
    return f"{claim_word} {claim_short.strip()}\n{verdict_word} {verdict_label.strip()}\n{reason}\n{url}"


@lru_cache(maxsize=64)
def _quote(text: str) -> str:
    """%20 for spaces: e-mail programs do not read '+' as a space. Cached because the same text goes
    into the links of several services."""
    return quote(text, safe="")


def _query(**params: str) -> str:
    return "&".join(f"{_quote(name)}={_quote(value)}" for name, value in params.items())


def share_links(url: str, title: str, text: str) -> list[dict[str, str]]:
    """One link per service, in a fixed order; `text` already ends with the URL where a service wants it."""
    without_url = text.rsplit("\n", 1)[0] if text.endswith(url) else text
    return [
        {"service": "whatsapp", "name": "WhatsApp", "url": "https://wa.me/?" + _query(text=text)},
        {"service": "telegram", "name": "Telegram", "url": "https://t.me/share/url?" + _query(url=url, text=without_url)},
        {"service": "x", "name": "X", "url": "https://twitter.com/intent/tweet?" + _query(url=url, text=title)},
        {"service": "facebook", "name": "Facebook", "url": "https://www.facebook.com/sharer/sharer.php?" + _query(u=url)},
        {"service": "email", "name": "E-mail", "url": "mailto:?" + _query(subject=title, body=text)},
    ]


def share_view(
    claim_short: str, verdict_label: str, summary: str, title: str, url: str, language: str = "en"
) -> dict[str, object]:
    """What the share box of a claim page shows: the paste-ready text (in the site's `language`) and the links."""
    text = share_text(claim_short, verdict_label, summary, url, language)
    return {"text": text, "links": share_links(url, title, text)}
