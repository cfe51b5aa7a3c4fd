"""A desk's brand colours turned into every colour the built-in theme uses (its CSS variables), each pair
of text and background still at WCAG 2.1 AA contrast. Pure: colours in, a dict of CSS values out.

The colours that do not come from the brand (the verdicts' badges, drafts, search highlights) are the
built-in theme's own, light or dark to suit the brand's background; a test keeps them equal to
templates/static/style.css.
"""

from __future__ import annotations

from generator.content.theme import Colours
from generator.core.colours import AA_TEXT, RGB, contrast, mix, parse_hex, to_hex

# The built-in colours that brand colours do not replace, as style.css has them for each scheme.
FIXED = {
    "light": {
        "--draft-bg": "#fff3c4",
        "--draft-fg": "#3d2c00",
        "--v-true": "#d3efd9",
        "--v-mostly-true": "#e4f3cf",
        "--v-mixed": "#fff0bd",
        "--v-mostly-false": "#fddcc2",
        "--v-false": "#fbd0d0",
        "--v-other": "#e3e5ea",
        "--v-fg": "#111111",
    },
    "dark": {
        "--draft-bg": "#4a3b00",
        "--draft-fg": "#fff3c4",
        "--v-true": "#1f4d2b",
        "--v-mostly-true": "#35501c",
        "--v-mixed": "#5a4a0e",
        "--v-mostly-false": "#5f3414",
        "--v-false": "#652222",
        "--v-other": "#3a3d45",
        "--v-fg": "#f5f5f5",
    },
}
WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)


def scheme_of(background: RGB) -> str:
    """'dark' for a background on which white reads better than black, else 'light'."""
    return "dark" if contrast(background, WHITE) > contrast(background, BLACK) else "light"


def brand_palette(colours: Colours) -> dict[str, str]:
    """Every CSS variable of the theme for these brand colours (checked to reach 4.5:1 when loaded)."""
    fg, bg, accent = parse_hex(colours.text), parse_hex(colours.background), parse_hex(colours.accent)
    panel = mix(bg, fg, 0.04)  # header, footer and boxes: a shade off the page, unless that costs contrast
    if min(contrast(fg, panel), contrast(accent, panel)) < AA_TEXT:
        panel = bg
    muted = fg
    for share in (0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05):  # secondary text: as light as AA allows on both
        candidate = mix(fg, bg, share)
        if min(contrast(candidate, bg), contrast(candidate, panel)) >= AA_TEXT:
            muted = candidate
            break
    scheme = scheme_of(bg)
    values = {
        "--bg": to_hex(bg),
        "--fg": to_hex(fg),
        "--muted": to_hex(muted),
        "--line": to_hex(mix(bg, fg, 0.2)),
        "--link": to_hex(accent),
        "--visited": to_hex(accent),
        "--panel": to_hex(panel),
        "--focus": to_hex(accent),
        **FIXED[scheme],
        "color-scheme": scheme,
    }
    return values
