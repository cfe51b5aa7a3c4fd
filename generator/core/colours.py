"""Colours as WCAG 2.1 sees them: sRGB hex values, relative luminance, contrast ratios, and the nearest
colour of the same hue that reaches a contrast. Plain values in and out; no stage is known here.
"""

from __future__ import annotations

import colorsys
import math
import re

AA_TEXT = 4.5  # WCAG 2.1 success criterion 1.4.3, normal text
HEX_RE = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
RGB = tuple[int, int, int]


def parse_hex(value: str) -> RGB:
    """'#1a2b3c' or '#abc' to (r, g, b) in 0..255; ValueError for anything else."""
    if not HEX_RE.fullmatch(value):
        raise ValueError(f"not a #rrggbb colour: {value!r}")
    digits = value[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def to_hex(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def normalise(value: str) -> str:
    """The one spelling of a colour: lowercase #rrggbb."""
    return to_hex(parse_hex(value))


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # the threshold WCAG 2.1 states


def luminance(rgb: RGB) -> float:
    """Relative luminance as WCAG 2.1 defines it: 0 for black, 1 for white."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    la, lb = luminance(a), luminance(b)
    lighter, darker = max(la, lb), min(la, lb)
    return (lighter + 0.05) / (darker + 0.05)


def shown_ratio(ratio: float, minimum: float = AA_TEXT) -> str:
    """A ratio as people read it, to two decimals; a failing 4.497 is '4.49:1', never a passing-looking '4.50:1'."""
    text = f"{ratio:.2f}"
    if ratio < minimum <= float(text):
        text = f"{math.floor(ratio * 100) / 100:.2f}"
    return f"{text}:1"


def nearest_passing(colour: RGB, against: RGB, minimum: float = AA_TEXT) -> RGB:
    """The colour closest to `colour` in lightness, with its hue and saturation, whose contrast with
    `against` is at least `minimum`. Black or white (whichever passes) if no shade of the hue does."""
    if contrast(colour, against) >= minimum:
        return colour
    hue, light, saturation = colorsys.rgb_to_hls(*(c / 255 for c in colour))
    for step in range(1, 1001):
        for candidate in (light - step / 1000, light + step / 1000):
            if 0 <= candidate <= 1:
                rgb = _from_hls(hue, candidate, saturation)
                if contrast(rgb, against) >= minimum:
                    return rgb
    return (0, 0, 0) if contrast((0, 0, 0), against) >= contrast((255, 255, 255), against) else (255, 255, 255)


def _from_hls(hue: float, light: float, saturation: float) -> RGB:
    r, g, b = colorsys.hls_to_rgb(hue, light, saturation)
    return round(r * 255), round(g * 255), round(b * 255)


def mix(a: RGB, b: RGB, share: float) -> RGB:
    """`a` with `share` (0..1) of `b` mixed in."""
    return (
        round(a[0] + (b[0] - a[0]) * share),
        round(a[1] + (b[1] - a[1]) * share),
        round(a[2] + (b[2] - a[2]) * share),
    )
