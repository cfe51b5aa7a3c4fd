"""Rules on the Markdown pages and what points at them: slugs the site keeps for itself, the funding
page's structured statement, and the page readers are sent to for a correction.

Each rule takes the loaded records and yields diagnostics; never raises, never prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from generator.content.entries import Content
from generator.content.fields import contact_kind
from generator.content.models import RESERVED_SLUGS
from generator.core.diagnostics import Diagnostic, did_you_mean, error, warning


def check_pages(content: Content, clock: datetime) -> Iterator[Diagnostic]:
    for page in content.pages.values():
        if page.id in RESERVED_SLUGS:
            yield error(
                page.path,
                1,
                1,
                "reserved-slug",
                f"page '{page.id}' would take the address /{page.id}/, which the site uses itself",
                f"rename the file, e.g. to '{page.id}-info.md'",
            )
        model = page.model
        if model.funders and model.no_external_funding:
            yield error(
                page.path,
                *page.where("no_external_funding"),
                "funding-contradiction",
                "the page lists funders and also says there is no external funding",
                "keep the funders and remove no_external_funding, or the other way round",
            )
        if (model.funders or model.no_external_funding) and model.role != "funding":
            key = "funders" if model.funders else "no_external_funding"
            yield warning(
                page.path,
                *page.where(key),
                "funding-elsewhere",
                f"'{key}' is read on the page whose role is 'funding' only; this page's role is '{model.role}'",
                "move it to the funding page's front matter",
            )


def check_corrections_request(content: Content, clock: datetime) -> Iterator[Diagnostic]:
    """A corrections_request that names a page of the site must name one that exists."""
    site = content.site
    target = site.model.corrections_request
    if target is None or contact_kind(target) != "page":
        return
    if target.strip("/") not in content.pages:
        known = [f"/{slug}/" for slug in content.pages]
        yield error(
            site.path,
            *site.where("corrections_request"),
            "unknown-reference",
            f"'{target}' is not a page in content/pages/",
            did_you_mean(target, known) or "give the address of a page in content/pages/, e.g. /kontak/, or an e-mail address",
        )
