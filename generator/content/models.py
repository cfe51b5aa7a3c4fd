"""The content model: one pydantic class per record kind, strict, every field described.

These classes know the shape of a record, never where it came from (file, line)
nor how it is shown. JSON Schemas for editors are generated from them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from generator.content.fields import Contact, Day, LanguageTag, SiteAddress, Slug, Text, Timestamp, Url
from generator.content.recordbase import Record
from generator.content.theme import Theme

CLAIM_SHORT_MAX = 75
BUCKETS = ("true", "mostly-true", "mixed", "mostly-false", "false", "other")
# First path segments the site uses itself (see plan.urls): a Markdown page may not take one as its slug.
RESERVED_SLUGS = frozenset(
    {
        "claims",
        "articles",
        "people",
        "verdicts",
        "tags",
        "page",
        "corrections",
        "search",
        "data",
        "api",
        "static",
        "pagefind",
        "og",
        "feed",
        "sitemap",
        "robots",
        "404",
    }
)


# ------------------------------------------------------------------ site.yaml


class Publisher(Record):
    name: Text = Field(description="Name of the organisation that publishes the site.")
    url: Url = Field(description="Home page of the publisher.")
    logo: Url | None = Field(None, description="Absolute URL of the publisher's logo image, for ClaimReview.")


class DataLicense(Record):
    name: Text = Field(description="Name of the licence of the open data, e.g. 'CC BY 4.0'.")
    url: Url = Field(description="URL of the licence text.")


class Verdict(Record):
    id: Slug = Field(description="Identifier used by claims in their `verdict` field, e.g. 'salah'.")
    label: Text = Field(description="The verdict as readers see it, e.g. 'Salah'.")
    description: Text = Field(description="What this verdict means, shown on the rating-scale page.")
    rating: int | None = Field(
        None,
        ge=1,
        description="Place on the scale (1 = worst). Leave empty for off-scale verdicts such as 'Tidak terbukti'.",
    )
    bucket: Literal["true", "mostly-true", "mixed", "mostly-false", "false", "other"] = Field(
        description="Normalised bucket so exports stay comparable across sites."
    )


class Site(Record):
    title: Text = Field(description="Name of the site, shown in every page header.")
    description: Text = Field(description="One-sentence description of the site, for search engines and feeds.")
    base_url: SiteAddress = Field(
        description="Public address of the site, e.g. https://cekfakta.example.org/ or, for a site under a path, "
        "https://org.github.io/cekfakta/. Override with --base-url."
    )
    language: LanguageTag = Field(
        description="BCP 47 language of the site and its interface, e.g. 'id', 'en' or 'ms'; another needs locale/<language>.po."
    )
    timezone: Text = Field("UTC", description="IANA time zone for dates given without a time, e.g. 'Asia/Jakarta'.")
    publisher: Publisher = Field(description="The organisation that publishes the fact-checks.")
    data_license: DataLicense = Field(description="Licence under which the open data exports are published.")
    scale: list[Verdict] = Field(min_length=1, description="The rating scale, best verdict first; off-scale verdicts last.")
    labels_only: bool = Field(
        False,
        description="True for a desk whose verdicts are labels with no place on a scale: no verdict takes a `rating`, "
        "pages and ClaimReview show the label alone, and every verdict needs a source.",
    )
    tags: dict[str, Text] = Field(default_factory=dict, description="Display labels for tags, e.g. {sanksi: Sanksi}.")
    per_page: int = Field(20, ge=1, le=500, description="Fact-checks per page on the home page and list pages.")
    theme: Theme = Field(
        default_factory=lambda: Theme.model_validate({}),
        description="The look of the site: logo, favicon, colours, navigation, footer, social profiles.",
    )
    corrections_request: Contact | None = Field(
        None,
        description="Where readers ask for a correction: an e-mail address (redaksi@example.org), the address of a "
        "form (https://…) or a page of the site (/kontak/). Every fact-check and the corrections log show it; "
        "`factcheck audit` requires it.",
    )


# --------------------------------------------------------------------- people


class Person(Record):
    name: Text = Field(description="Full name of the person or organisation.")
    kind: Literal["person", "organization"] = Field(description="'person' or 'organization'.")
    description: Text | None = Field(None, description="One line on who this is, e.g. 'Presiden Amerika Serikat'.")
    url: Url | None = Field(None, description="Official home page.")
    same_as: list[Url] = Field(default_factory=list, description="Pages about the same entity, e.g. Wikidata or Wikipedia.")


# ------------------------------------------------------------------- articles


class Article(Record):
    title: Text = Field(
        description="Headline of the work. When unknown, a plain description such as 'Berita Medcom.id, 16 April 2021', with title_is_description: true."
    )
    title_is_description: bool = Field(
        False, description="True when `title` describes the work because its real headline is unknown."
    )
    publisher: Slug = Field(description="Id of the outlet in content/people/.")
    url: Url | None = Field(None, description="Address of the work, when known. Never invent one.")
    archive_url: Url | None = Field(None, description="Address of an archived copy (e.g. Wayback Machine), when one exists.")
    published: Day = Field(description="Date the work was published.")
    language: LanguageTag | None = Field(None, description="Language of the work; defaults to the site's.")
    note: Text | None = Field(
        None, description="Editor's note about the record, e.g. which details are unconfirmed. Shown on the article page."
    )
    text: Text | None = Field(None, description="Full text, kept only to verify quotes. Never published.")


# --------------------------------------------------------------------- claims


class Appearance(Record):
    url: Url = Field(description="Where the claim appeared.")
    archive_url: Url | None = Field(None, description="Archived copy of that page; readers are sent here first.")
    note: Text | None = Field(None, description="What this appearance is, e.g. 'Post on X, 14 April 2021'.")


class Source(Record):
    id: Slug = Field(description="Identifier cited in the analysis as [@id].")
    title: Text = Field(description="Title of the source document or page.")
    url: Url = Field(description="Address of the source.")
    publisher: Text | None = Field(None, description="Who published the source.")
    published: Day | None = Field(None, description="Date the source was published.")
    accessed: Day | None = Field(None, description="Date the editor read the source.")
    archive_url: Url | None = Field(None, description="Address of an archived copy of the source.")
    note: Text | None = Field(None, description="What this source shows, or caveats about it.")


class Correction(Record):
    date: Day = Field(description="Date the correction was published.")
    note: Text = Field(description="What was corrected and why (Markdown).")
    previous_verdict: Slug | None = Field(None, description="The verdict before this correction, when it changed.")


class Update(Record):
    date: Day = Field(description="Date the update was published.")
    note: Text = Field(description="What was added and why (Markdown), e.g. a reply from the claimant or a later event.")


class Claim(Record):
    title: Text = Field(description="The reader-facing question or headline of the fact-check.")
    claim: Text = Field(description="The claim quoted exactly as it appeared.")
    claim_short: Annotated[Text, StringConstraints(max_length=CLAIM_SHORT_MAX)] = Field(
        description=f"The claim in at most {CLAIM_SHORT_MAX} characters, for ClaimReview `claimReviewed`. No verdict words."
    )
    claimant: Slug = Field(description="Id in content/people/ of who made the claim.")
    article: Slug | None = Field(None, description="Id in content/articles/ of the work in which the claim appeared.")
    article_position: int | None = Field(
        None, ge=1, description="Order of the claim within its article (1 = first), for the article page."
    )
    appearances: list[Appearance] = Field(default_factory=list, description="Other places where the claim appeared.")
    claim_date: Day = Field(description="Date the claim was made or first appeared.")
    verdict: Slug = Field(description="Id of a verdict on the scale in content/site.yaml.")
    summary: Text = Field(description="The short answer in plain text, one or two sentences.")
    analysis: Text = Field(description="The analysis in Markdown; cite sources as [@source-id].")
    sources: list[Source] = Field(
        default_factory=list, description="Sources cited in the analysis. At least one unless the verdict is off the scale."
    )
    tags: list[Slug] = Field(default_factory=list, description="Topics, as slugs; labels come from site.yaml `tags`.")
    authors: list[Slug] = Field(min_length=1, description="Ids in content/people/ of the fact-checkers who wrote this.")
    published: Timestamp = Field(
        description="When the fact-check was published: date-time with zone, or a date (midnight in the site's time zone)."
    )
    updated: Timestamp | None = Field(None, description="When the fact-check was last updated; not before `published`.")
    corrections: list[Correction] = Field(default_factory=list, description="Published corrections, oldest first.")
    updates: list[Update] = Field(
        default_factory=list,
        description="Update notes, oldest first: information added after publication that corrects no error "
        "(a reply, a later event). Shown apart from corrections on the page, in the log and in its feed.",
    )
    method: Text | None = Field(
        None,
        description="How this fact-check was done, in a sentence or two, beside the link to the methodology page: "
        "what was compared, whom we asked. Shown under 'How we checked'.",
    )
    draft: bool = Field(False, description="True keeps the fact-check out of the site unless built with --drafts.")
    language: LanguageTag | None = Field(None, description="Language of the fact-check; defaults to the site's.")
    same_as: list[Url] = Field(
        default_factory=list,
        description="Other addresses of this same fact-check, e.g. where an imported one was first published; ClaimReview `sameAs`.",
    )


# ---------------------------------------------------------------------- pages

PAGE_ROLES = ("about", "methodology", "corrections-policy", "funding", "team", "contact", "submit-claim", "other")


class Funder(Record):
    name: Text = Field(description="Name of the organisation or person.")
    url: Url | None = Field(None, description="Their home page.")
    note: Text | None = Field(None, description="What they fund, or their share of the budget, e.g. 'Hibah operasional 2026'.")


class Page(Record):
    title: Text = Field(description="Title of the page.")
    description: Text | None = Field(None, description="One-sentence summary for search engines and link previews.")
    menu: int | None = Field(
        None, ge=0, description="Position in the site menu (lower first); leave out to keep the page off the menu."
    )
    role: Literal["about", "methodology", "corrections-policy", "funding", "team", "contact", "submit-claim", "other"] = Field(
        "other", description="What the page is for; `factcheck audit` looks pages up by role."
    )
    funders: list[Funder] = Field(
        default_factory=list,
        description="On the funding page: everyone who funds the desk, listed on the page. Give at least one, or "
        "set no_external_funding.",
    )
    no_external_funding: bool = Field(
        False,
        description="On the funding page: true when the desk takes no money from outside (self-funded, or a demo). "
        "The page says so; leave funders empty.",
    )


MODELS: dict[str, type[Record]] = {
    "site": Site,
    "person": Person,
    "article": Article,
    "claim": Claim,
    "page": Page,
}
