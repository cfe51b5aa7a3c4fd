"""Brand colours become every colour of the theme, each text colour at 4.5:1 on each background it is used on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.content.theme import Colours
from generator.core.colours import AA_TEXT, contrast, nearest_passing, parse_hex, to_hex
from generator.plan.palette import FIXED, brand_palette

RGB = st.tuples(*[st.integers(0, 255)] * 3)


@given(RGB, RGB, RGB)
def test_every_derived_pair_keeps_aa_contrast(text, background, accent) -> None:
    text, accent = nearest_passing(text, background), nearest_passing(accent, background)  # what validation lets in
    colours = Colours(text=to_hex(text), background=to_hex(background), accent=to_hex(accent))
    palette = brand_palette(colours)
    for foreground in ("--fg", "--muted", "--link", "--visited"):
        for ground in ("--bg", "--panel"):
            ratio = contrast(parse_hex(palette[foreground]), parse_hex(palette[ground]))
            assert ratio >= AA_TEXT, (foreground, ground, palette)


def test_the_scheme_follows_the_background() -> None:
    light = brand_palette(Colours(text="#1a1a1a", background="#fffdf7", accent="#8a1c1c"))
    dark = brand_palette(Colours(text="#eeeeee", background="#101418", accent="#8ab4f8"))
    assert light["color-scheme"] == "light" and light["--v-fg"] == FIXED["light"]["--v-fg"]
    assert dark["color-scheme"] == "dark" and dark["--v-true"] == FIXED["dark"]["--v-true"]
    assert light["--panel"] != light["--bg"]  # a shade off the page where contrast allows
