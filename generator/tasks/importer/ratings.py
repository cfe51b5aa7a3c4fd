"""Which verdict of the site's scale an imported rating is: by its text, its number, --map, or by asking.

A review's rating text (`alternateName`, else `name`) is matched, ignoring case, against the
scale's labels and ids and the --map options; a review with no text but a `ratingValue` on the
same best/worst as the scale takes the verdict with that `rating`. What is still unknown is put
to the `ask` callback once per text, and its answer (or its refusal) holds for every item.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from generator.content.models import Verdict
from generator.core.values import printable

Ask = Callable[[str, list[str]], "str | None"]  # (rating text, verdict ids) -> a verdict id, or None to skip


class MapError(Exception):
    """A --map option that cannot be used (a usage error: exit 2)."""


def parse_maps(pairs: list[str], verdicts: list[str]) -> dict[str, str]:
    """--map "Keliru=salah" options as {rating text (case-folded): verdict id}."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        label, sep, verdict = pair.rpartition("=")
        label, verdict = label.strip(), verdict.strip()
        if not sep or not label:
            raise MapError(f"--map '{printable(pair)}' is not of the form 'RATING=VERDICT', e.g. 'Keliru=salah'")
        if verdict not in verdicts:
            raise MapError(
                f"--map '{printable(pair)}': '{printable(verdict)}' is not on the scale; use one of: {', '.join(verdicts)}"
            )
        mapping[" ".join(label.split()).casefold()] = verdict
    return mapping


def _first(value: object) -> object:
    return value[0] if isinstance(value, list) and value else value


def _number(value: object, default: float | None) -> float | None:
    value = _first(value)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def rating_number(review: dict[str, Any]) -> tuple[float, float, float] | None:
    """(ratingValue, bestRating, worstRating), with schema.org's defaults of 5 and 1; None without a value."""
    rating = _first(review.get("reviewRating"))
    if not isinstance(rating, dict):
        return None
    value, best, worst = (
        _number(rating.get("ratingValue"), None),
        _number(rating.get("bestRating"), 5.0),
        _number(rating.get("worstRating"), 1.0),
    )
    return None if value is None or best is None or worst is None else (value, best, worst)


class Ratings:
    """The verdict for each imported rating; remembers what was asked so it is asked once."""

    def __init__(self, scale: list[Verdict], maps: list[str], ask: Ask | None):
        self.verdicts = [v.id for v in scale]
        self.known = {" ".join(v.label.split()).casefold(): v.id for v in scale} | {v.casefold(): v for v in self.verdicts}
        self.known |= parse_maps(maps, self.verdicts)
        numbered = {v.id: v.rating for v in scale if v.rating is not None}
        best, worst = float(max(numbered.values(), default=0)), float(min(numbered.values(), default=0))
        self.numbers = {(float(rating), best, worst): vid for vid, rating in numbered.items()}
        self.ask, self.refused = ask, set[str]()

    def verdict(self, label: str, number: tuple[float, float, float] | None) -> tuple[str | None, str]:
        """(verdict id, '') for a rating, or (None, why it could not be mapped)."""
        if not label and number is not None and number in self.numbers:
            return self.numbers[number], ""
        if not label and number is not None:
            label = f"{number[0]:g}/{number[1]:g}"  # a bare number is mapped (or asked for) as "2/5"
        if not label:
            return None, "has no rating (reviewRating.alternateName or ratingValue) to map onto the scale"
        key = " ".join(label.split()).casefold()
        if key not in self.known and key not in self.refused and self.ask is not None:
            answer = self.ask(label, self.verdicts)
            if answer in self.verdicts:
                self.known[key] = answer
            else:
                self.refused.add(key)
        if key in self.known:
            return self.known[key], ""
        how = "was skipped when asked" if key in self.refused else f'matches no verdict; map it with --map "{label}=VERDICT"'
        return None, f"rating '{printable(label)}' {how} (verdicts: {', '.join(self.verdicts)})"
