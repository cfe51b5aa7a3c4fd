"""A built claim page as fact-check databases and readers meet it: its ClaimReview JSON-LD and its visible
verdict, checked against the rules the databases apply, and (given the record's facts) what the page must
show: how the claim was checked, and its corrections and updates, each in its own place.
Reads HTML with html.parser only, offline.
"""

from __future__ import annotations

import json
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urlsplit

from generator.content.claimtext import verdict_word
from generator.content.models import CLAIM_SHORT_MAX
from generator.core.diagnostics import Diagnostic, error
from generator.tasks.reviewfields import ClaimFacts, review_problems

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class ClaimPageParser(HTMLParser):
    """Collects the JSON-LD blocks (with their lines), the visible verdict label of a claim page, and what its
    <main> holds: the text, the links and the element ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.jsonld: list[tuple[int, str]] = []
        self.labels: list[tuple[int, str]] = []  # (line, text) of .verdict-label elements inside .verdict-box
        self.main_links: list[str] = []
        self.main_text: list[str] = []
        self.ids: set[str] = set()
        self._stack: list[tuple[str, set[str]]] = []
        self._script: list[str] | None = None
        self._script_line = 0
        self._label: list[str] | None = None
        self._label_depth = 0
        self._label_line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if tag == "script" and (values.get("type") or "").strip().lower() == "application/ld+json":
            self._script, self._script_line = [], self.getpos()[0]
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href") and self._in_main():
            self.main_links.append(values["href"] or "")
        if tag in VOID:
            return
        self._stack.append((tag, classes))
        in_box = any("verdict-box" in c for _t, c in self._stack)
        if self._label is None and "verdict-label" in classes and in_box:
            self._label, self._label_depth, self._label_line = [], len(self._stack), self.getpos()[0]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.jsonld.append((self._script_line, "".join(self._script)))
            self._script = None
        for i in range(len(self._stack) - 1, -1, -1):  # close up to the matching element, as browsers do
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break
        if self._label is not None and len(self._stack) < self._label_depth:
            self.labels.append((self._label_line, " ".join("".join(self._label).split())))
            self._label = None

    def _in_main(self) -> bool:
        return any(t == "main" for t, _c in self._stack)

    def handle_data(self, data: str) -> None:
        if self._script is None and self._in_main():
            self.main_text.append(data)
        if self._script is not None:
            self._script.append(data)
        if self._label is not None:
            self._label.append(data)


def claim_reviews(data: object) -> list[dict]:
    """Every ClaimReview object in a JSON-LD value (top level, lists and @graph)."""
    found: list[dict] = []
    if isinstance(data, list):
        for item in data:
            found.extend(claim_reviews(item))
    elif isinstance(data, dict):
        kind = data.get("@type")
        if kind == "ClaimReview" or (isinstance(kind, list) and "ClaimReview" in kind):
            found.append(data)
        if "@graph" in data:
            found.extend(claim_reviews(data["@graph"]))
    return found


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def check_page(
    html_text: str,
    page: str,
    where: tuple[str, dict[str, int]],
    labels: list[str],
    host: str,
    facts: ClaimFacts | None = None,
) -> list[Diagnostic]:
    """The fact-check database rules for one rendered claim page; `where` is (record path, line of each field).
    With the record's `facts`, also the fields ClaimReview requires and what the page must show readers."""
    path, lines = where
    parser = ClaimPageParser()
    parser.feed(html_text)
    parser.close()
    problems: list[Diagnostic] = []
    reviews: list[dict] = []
    for line, text in parser.jsonld:
        try:
            reviews.extend(claim_reviews(json.loads(text)))
        except json.JSONDecodeError as exc:
            problems.append(error(page, line, 1, "jsonld-invalid", f"a JSON-LD block is not valid JSON: {exc.msg}"))
    if len(reviews) != 1:
        problems.append(
            error(page, 1, 1, "claimreview-count", f"the page has {len(reviews)} ClaimReview objects; it needs exactly one")
        )
        if not reviews:
            return problems
    review = reviews[0]
    if facts is not None:
        problems.extend(review_problems(review, page, facts))
        problems.extend(shown_problems(parser, page, facts))
    short = review.get("claimReviewed")
    if not isinstance(short, str) or not short.strip():
        problems.append(error(path, lines.get("claim_short", 1), 1, "claimreview-claim", "claimReviewed is missing or empty"))
    else:
        if len(short) > CLAIM_SHORT_MAX:
            problems.append(
                error(
                    path,
                    lines.get("claim_short", 1),
                    1,
                    "claimreview-claim",
                    f"claimReviewed is {len(short)} characters long; fact-check databases take at most {CLAIM_SHORT_MAX}",
                )
            )
        word = verdict_word(short, labels)
        if word:
            problems.append(
                error(
                    path,
                    lines.get("claim_short", 1),
                    1,
                    "claimreview-verdict-word",
                    f"claimReviewed contains the verdict '{word}'; state the claim, not the rating",
                    "rephrase claim_short without the words of the rating scale",
                )
            )
    rating = review.get("reviewRating")
    if not isinstance(rating, dict):
        rating = {}
    value = rating.get("ratingValue")
    if value is not None:
        num, best, worst = _number(value), _number(rating.get("bestRating")), _number(rating.get("worstRating"))
        if num is None or best is None or worst is None or not worst <= num <= best:
            problems.append(
                error(
                    path,
                    lines.get("verdict", 1),
                    1,
                    "claimreview-rating",
                    f"ratingValue {value!r} is not between worstRating {rating.get('worstRating')!r} "
                    f"and bestRating {rating.get('bestRating')!r}",
                )
            )
    url = review.get("url")
    url_host = urlsplit(url).hostname if isinstance(url, str) else None
    if url_host != host:
        problems.append(
            error(
                path,
                1,
                1,
                "claimreview-url",
                f"ClaimReview url {url!r} is not on the site's own domain {host}",
                "build with the site's real base_url (site.yaml), not another --base-url",
            )
        )
    shown = parser.labels[0][1] if parser.labels else None
    alternate = " ".join(str(rating.get("alternateName") or "").split())
    if shown is None:
        problems.append(error(page, 1, 1, "verdict-not-shown", "the page shows no verdict label inside its verdict box"))
    elif alternate != shown:
        problems.append(
            error(
                path,
                lines.get("verdict", 1),
                1,
                "claimreview-verdict-mismatch",
                f"the markup says '{alternate}' but the page shows '{shown}'",
            )
        )
    return problems


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def shown_problems(parser: ClaimPageParser, page: str, facts: ClaimFacts) -> list[Diagnostic]:
    """What readers must find on the page: the method (a link to the methodology page, or the record's own
    note), and corrections and updates each in a section of its own (ids "corrections" and "updates")."""
    problems: list[Diagnostic] = []
    links = {urlsplit(href).path for href in parser.main_links}
    linked = facts.methodology is not None and any(path.endswith(f"/{facts.methodology}/") for path in links)
    noted = facts.method is not None and _fold(facts.method) in _fold(" ".join(parser.main_text))
    if not (linked or noted):
        problems.append(
            error(
                facts.path,
                facts.lines.get("method", 1),
                1,
                "claim-no-method",
                "the fact-check does not say how it was checked: its page neither links to the methodology page "
                "nor shows a method note",
                "add 'method:' (a sentence on how this claim was checked), or a page with 'role: methodology'",
            )
        )
    for kind, wanted in (("corrections", facts.corrections), ("updates", facts.updates)):
        if wanted and kind not in parser.ids:
            problems.append(
                error(
                    page,
                    1,
                    1,
                    f"{kind}-not-shown",
                    f"the record has {kind}, but the page has no section with the id '{kind}' that shows them apart",
                    "a template that replaces claim.html must keep the corrections and updates blocks",
                )
            )
    return problems
