"""What the words of a claim record may not say: `claim_short` becomes ClaimReview's `claimReviewed`, which
states the claim and never its rating, so no verdict of the site's scale may stand in it.

Plain text against the scale's labels; knows nothing of pages or markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from generator.content.entries import Content
from generator.core.diagnostics import Diagnostic, error


def verdict_word(text: str, labels: list[str]) -> str | None:
    """The first verdict label found in `text` as whole words, ignoring case (the longest label first, so
    'Sebagian benar' is named rather than 'Benar')."""
    for label in sorted(labels, key=lambda s: (-len(s), s)):
        if label.strip() and re.search(r"(?<!\w)" + re.escape(label.strip()) + r"(?!\w)", text, re.IGNORECASE):
            return label
    return None


def check_claim_short(content: Content, clock: datetime) -> Iterator[Diagnostic]:
    labels = [v.label for v in content.site.model.scale]
    for entry in content.claims.values():
        word = verdict_word(entry.model.claim_short, labels)
        if word:
            yield error(
                entry.path,
                *entry.where("claim_short"),
                "claim-short-verdict",
                f"claim_short contains the verdict '{word}' of the scale; search engines read it as the claim "
                "(ClaimReview claimReviewed), which must not state the rating",
                "say what was claimed, without the words of the rating scale",
            )
