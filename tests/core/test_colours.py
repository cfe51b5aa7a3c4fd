"""WCAG 2.1 contrast: luminance and ratios of known pairs, and the nearest colour of the same hue that passes."""

from __future__ import annotations

import colorsys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.core.colours import AA_TEXT, contrast, mix, nearest_passing, normalise, parse_hex, shown_ratio, to_hex

WHITE, BLACK = (255, 255, 255), (0, 0, 0)


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#777777", "#ffffff", 4.48),  # the classic grey that just fails
        ("#767676", "#ffffff", 4.54),  # and the one that just passes
        ("#0000ff", "#ffffff", 8.59),  # pure blue, as WebAIM's checker gives it
    ],
)
def test_contrast_of_known_pairs(a: str, b: str, ratio: float) -> None:
    assert contrast(parse_hex(a), parse_hex(b)) == pytest.approx(ratio, abs=0.01)
    assert contrast(parse_hex(b), parse_hex(a)) == contrast(parse_hex(a), parse_hex(b))


def test_hex_spellings() -> None:
    assert normalise("#ABC") == "#aabbcc" and to_hex(parse_hex("#0B57D0")) == "#0b57d0"
    for bad in ("abc", "#abcd", "#ggg", "#1234567", "red"):
        with pytest.raises(ValueError):
            parse_hex(bad)


def test_a_ratio_is_never_shown_as_passing_when_it_fails() -> None:
    assert shown_ratio(4.4999) == "4.49:1" and shown_ratio(4.478) == "4.48:1" and shown_ratio(21.0) == "21.00:1"


def test_nearest_passing_grey_on_white() -> None:
    assert to_hex(nearest_passing(parse_hex("#777777"), WHITE)) == "#767676"


@given(st.tuples(*[st.integers(0, 255)] * 3), st.tuples(*[st.integers(0, 255)] * 3))
def test_nearest_passing_always_passes_and_keeps_the_hue(colour, background) -> None:
    better = nearest_passing(colour, background)
    assert contrast(better, background) >= AA_TEXT
    if contrast(colour, background) >= AA_TEXT:
        assert better == colour
    hue, _, saturation = colorsys.rgb_to_hls(*(c / 255 for c in colour))
    new_hue, light, _ = colorsys.rgb_to_hls(*(c / 255 for c in better))
    if saturation > 0.2 and 0.1 < light < 0.9 and better not in (WHITE, BLACK):  # rounding blurs hue near grey, black, white
        assert abs(hue - new_hue) < 0.05 or abs(abs(hue - new_hue) - 1) < 0.05


def test_mix() -> None:
    assert mix(BLACK, WHITE, 0.5) == (128, 128, 128) and mix(BLACK, WHITE, 0) == BLACK
