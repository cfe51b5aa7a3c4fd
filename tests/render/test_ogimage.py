"""Share images: one 1200×630 PNG per claim page, drawn deterministically from plain values, linked with an
absolute og:image URL; a missing font is a diagnostic."""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import struct
import subprocess
import sys
import time
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from generator.core.project import Project
from generator.engine.build import BuildOptions, build_site
from generator.render import fonts, ogimage, pngpieces
from generator.render.fonts import wrap
from generator.render.ogimage import (
    BAND_HEIGHT,
    BODY_HEIGHT,
    BODY_TOP,
    FOOTER_TOP,
    HEIGHT,
    MARGIN,
    TEXT_BASE,
    WIDTH,
    OgImageError,
    OgImageInputs,
    cache_key,
    render_og_image,
)
from tests.engine.test_build import GOLDEN_FILES, tree

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
REPO_ROOT = Path(__file__).resolve().parents[2]
INPUTS = OgImageInputs(
    "Sebagian benar", "mixed", "AS menjatuhkan sanksi kepada 32 orang atas campur tangan dalam pemilu 2020", "Cek Fakta Demo"
)


def test_image_is_a_1200_by_630_png() -> None:
    data = render_og_image(INPUTS)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    picture = Image.open(io.BytesIO(data))
    picture.load()  # decodes every row: a broken stream fails here
    assert picture.size == (WIDTH, HEIGHT) == (1200, 630) and picture.format == "PNG" and picture.mode == "P"
    rgb = picture.convert("RGB")
    assert rgb.getpixel((5, 5)) == (0x8A, 0x53, 0x00)  # the band in the colour of a "mixed" verdict
    assert rgb.getpixel((5, 400)) == (255, 255, 255)
    assert len(rgb.getcolors(256)) > 10  # anti-aliased text, not a blank picture


def test_same_inputs_same_bytes_and_different_inputs_different_bytes() -> None:
    assert render_og_image(INPUTS) == render_og_image(OgImageInputs(*INPUTS.__dict__.values()))
    other = OgImageInputs("Salah", "false", INPUTS.claim_short, INPUTS.site_name)
    assert render_og_image(other) != render_og_image(INPUTS)
    assert cache_key(INPUTS) == cache_key(OgImageInputs(*INPUTS.__dict__.values()))
    assert cache_key(other) != cache_key(INPUTS) and re.fullmatch(r"[0-9a-f]{64}", cache_key(INPUTS))


@pytest.mark.parametrize(
    "inputs",
    [
        OgImageInputs("Tidak terbukti sama sekali dan masih diselidiki oleh tim", "other", "x" * 75, "S"),
        OgImageInputs("Benar", "true", "Kata" + "sangatpanjangsekali" * 5, "Nama situs " * 20),
        OgImageInputs("?", "no-such-bucket", " ", "é ü ñ “ ” — …"),
    ],
)
def test_long_or_odd_text_still_draws(inputs: OgImageInputs) -> None:
    picture = Image.open(io.BytesIO(render_og_image(inputs)))
    picture.load()
    assert picture.size == (WIDTH, HEIGHT)


def test_wrap_keeps_lines_within_the_width() -> None:
    lines = wrap("satu dua tiga empat lima enam tujuh delapan sembilan sepuluh " * 3, "bold", 64, 600)
    assert len(lines) > 3 and all(fonts.text_width("bold", 64, line) <= 600 for line in lines)
    assert wrap("x" * 200, "bold", 64, 300)[0] != "x" * 200  # a long word is cut


def test_drawing_is_fast_enough_for_large_sites() -> None:
    render_og_image(INPUTS)  # fonts and shared words loaded
    started = time.perf_counter()
    for n in range(20):
        render_og_image(OgImageInputs("Salah", "false", f"Klaim nomor {n} tentang sanksi dan diplomat", "Cek Fakta Demo"))
    per_image = (time.perf_counter() - started) / 20
    assert per_image < 0.1, f"{per_image * 1000:.1f} ms per image"  # measured ≈0.5 ms; generous for a busy CI


HOSTILE_CLAIMS = [
    "W" * 300,  # one word far wider than the line, of the widest letter
    "Kata" + "sangatpanjangsekali" * 5,
    " ".join(["supercalifragilistikekspialidosius"] * 12),  # long words: small size, many lines, an ellipsis
    "Menurut unggahan yang beredar, pemerintah akan menaikkan harga beras, minyak goreng, gula dan bensin "
    "secara bersamaan mulai bulan depan di seluruh provinsi, kecuali Papua, Maluku dan Nusa Tenggara Timur.",
    "fjord yj ÁgjÉ ǰ̌̌ Ẫ́ f) “kutipan” — … " * 8,  # overhangs, accents, stacked combining marks
    "x" * 5000,
]


def clear_caches() -> None:
    for value in [*vars(ogimage).values(), *vars(fonts).values()]:
        if hasattr(value, "cache_clear"):
            value.cache_clear()


def decode(data: bytes) -> tuple[Image.Image, bytes]:
    """The picture as Pillow reads it, and the raw scanlines as zlib checks them (Adler-32 included)."""
    picture = Image.open(io.BytesIO(data))
    picture.load()
    stream, position = b"", 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        assert struct.unpack(">I", data[position + 8 + length : position + 12 + length])[0] == zlib.crc32(kind + body)
        stream += body if kind == b"IDAT" else b""
        position += 12 + length
    return picture, zlib.decompress(stream)


def drawn_by_pillow(inputs: OgImageInputs) -> bytes:
    """The claim's area drawn the plain way, whole lines with ImageDraw.text, as palette indices."""
    lines, size = fonts.fit_block(f"“{inputs.claim_short.strip()}”", "bold", ogimage.CLAIM_SIZES, WIDTH - 2 * MARGIN, BODY_HEIGHT)
    step = round(size * 1.25)
    top = (BODY_HEIGHT - step * len(lines)) // 2
    mask = Image.new("L", (WIDTH, BODY_HEIGHT), 0)
    for n, line in enumerate(lines):
        ImageDraw.Draw(mask).text((MARGIN, top + n * step), line, fill=255, font=fonts.load_font("bold", size))
    return mask.point(ogimage._lut(TEXT_BASE)).tobytes()


@pytest.mark.parametrize("claim", [INPUTS.claim_short, "Satu", *HOSTILE_CLAIMS])
def test_claim_looks_as_if_pillow_drew_each_line(claim: str) -> None:
    # Words come from cached glyphs and rows from cached compressed pieces; the picture must not notice.
    inputs = OgImageInputs("Salah", "false", claim, "Cek Fakta Demo")
    picture, scanlines = decode(render_og_image(inputs))
    assert len(scanlines) == HEIGHT * (WIDTH + 1) and set(scanlines[:: WIDTH + 1]) == {0}  # filter type 0
    assert picture.crop((0, BODY_TOP, WIDTH, BODY_TOP + BODY_HEIGHT)).tobytes() == drawn_by_pillow(inputs)


def ink_box(picture: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """Where pixels in `box` differ from the box's top left pixel (the background there)."""
    area = picture.crop(box)
    background = area.getpixel((0, 0))
    return area.point([0 if v == background else 255 for v in range(256)]).getbbox()


@pytest.mark.parametrize("claim", HOSTILE_CLAIMS)
def test_text_stays_inside_its_area(claim: str) -> None:
    label = "Tidak terbukti sama sekali dan masih diselidiki oleh tim pemeriksa fakta kami"
    picture, _ = decode(render_og_image(OgImageInputs(label, "other", claim, "Nama situs yang panjang " * 10)))
    overhang = 4  # a glyph's ink may pass its advance by a pixel or two
    for top, bottom in ((0, BAND_HEIGHT), (BAND_HEIGHT, FOOTER_TOP), (FOOTER_TOP + 3, HEIGHT)):
        ink = ink_box(picture, (0, top, WIDTH, bottom))
        assert ink is not None and ink[0] >= MARGIN - overhang and ink[2] <= WIDTH - MARGIN + overhang
    assert ink_box(picture, (0, BAND_HEIGHT, WIDTH, BODY_TOP)) is None  # the gaps around the claim stay blank
    assert ink_box(picture, (0, BODY_TOP + BODY_HEIGHT, WIDTH, FOOTER_TOP)) is None


def test_wrap_never_overflows_and_keeps_every_character() -> None:
    words = ["di", "klaim", "pemerintah", "W" * 40, "i" * 90, "supercalifragilistik", "—"]
    rng = random.Random(7)
    for size in ogimage.CLAIM_SIZES:
        text = " ".join(rng.choice(words) for _ in range(60))
        lines = wrap(text, "bold", size, 1080)
        assert all(fonts.text_width("bold", size, line) <= 1080 for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("text", ["AV To Ta LT Wa yj ff", "“Klaim” — … é ü ñ ǰ̌", INPUTS.claim_short, "x" * 300])
def test_widths_add_up_as_freetype_measures_them(text: str) -> None:
    # `_width` sums per-character advances: right only while the layout has no kerning and whole-pixel advances.
    for name, sizes in (("bold", [*ogimage.CLAIM_SIZES, 40, 24]), ("black", [104, 72, 40])):
        for size in sizes:
            assert fonts.text_width(name, size, text) == fonts.load_font(name, size).getlength(text)


def test_joined_pieces_have_the_checksum_of_the_whole() -> None:
    rng = random.Random(3)
    pieces = [rng.randbytes(rng.choice([0, 1, 5, 65520, 65521, 200_000])) for _ in range(12)]
    adler = 1
    for piece in pieces:
        adler = pngpieces.adler32_combine(adler, zlib.adler32(piece), len(piece))
    assert adler == zlib.adler32(b"".join(pieces))
    rows = [pngpieces.deflate(piece, ogimage.ZLIB_LEVEL) for piece in pieces[:4]]
    assert zlib.decompress(pngpieces.zlib_stream(rows, ogimage.ZLIB_LEVEL)) == b"".join(pieces[:4])


def test_bytes_do_not_depend_on_what_was_drawn_before() -> None:
    clear_caches()
    cold = render_og_image(INPUTS)
    for claim in HOSTILE_CLAIMS:  # fills and churns the caches of words, glyphs and blank rows
        render_og_image(OgImageInputs("Benar", "true", claim, "Situs lain"))
    assert render_og_image(INPUTS) == cold


def test_bytes_are_the_same_in_another_process() -> None:
    script = (
        "import hashlib, sys; from generator.render.ogimage import OgImageInputs, render_og_image; "
        "print(hashlib.sha256(render_og_image(OgImageInputs(*sys.argv[1:]))).hexdigest())"
    )
    other = subprocess.run(
        [sys.executable, "-c", script, *INPUTS.__dict__.values()],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    ).stdout.strip()
    assert other == hashlib.sha256(render_og_image(INPUTS)).hexdigest()


def test_every_claim_page_has_its_image_with_an_absolute_url(make_project, tmp_path: Path) -> None:
    project = make_project(GOLDEN_FILES)
    out = tmp_path / "site"
    assert build_site(Project.at(project), BuildOptions(output=out, clock=CLOCK, base_url="https://m.example.net/")).ok
    pages = sorted(out.glob("claims/*/index.html"))
    assert [p.parent.name for p in pages] == ["as-usir-diplomat", "biden-telepon"]
    assert sorted(p.name for p in (out / "og").iterdir()) == ["as-usir-diplomat.png", "biden-telepon.png"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        url = f"https://m.example.net/og/{page.parent.name}.png"
        assert f'<meta property="og:image" content="{url}">' in html
        assert '<meta property="og:image:width" content="1200">' in html
        assert '<meta name="twitter:card" content="summary_large_image">' in html
        with Image.open(out / "og" / f"{page.parent.name}.png") as picture:
            assert picture.size == (1200, 630)
    assert "og:image" not in (out / "index.html").read_text(encoding="utf-8")


def test_drafts_get_an_image_only_in_a_drafts_build(make_project, tmp_path: Path) -> None:
    project = make_project(GOLDEN_FILES)
    assert build_site(Project.at(project), BuildOptions(output=tmp_path / "pub", clock=CLOCK)).ok
    assert not (tmp_path / "pub/og/rahasia.png").exists()
    assert build_site(Project.at(project), BuildOptions(output=tmp_path / "drafts", clock=CLOCK, drafts=True)).ok
    assert (tmp_path / "drafts/og/rahasia.png").is_file() and (tmp_path / "drafts/og/nanti.png").is_file()


def test_demo_images_exist_for_every_claim(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build_site(Project.at(REPO_ROOT), BuildOptions(output=out, clock=CLOCK)).ok
    claims = sorted(p.parent.name for p in out.glob("claims/*/index.html"))
    assert claims and sorted(p.stem for p in (out / "og").glob("*.png")) == claims


def test_missing_font_is_a_diagnostic_and_keeps_the_site(make_project, tmp_path: Path, monkeypatch) -> None:
    project = make_project(GOLDEN_FILES)
    out = tmp_path / "site"
    assert build_site(Project.at(project), BuildOptions(output=out, clock=CLOCK)).ok
    before = tree(out)

    def no_font(name: str):
        raise OgImageError("the font package 'font-lato' is not installed (pip install font-lato)")

    monkeypatch.setattr(fonts, "font_path", no_font)
    clear_caches()
    try:
        # cache=False: with the persistent cache, images drawn before need no font at all.
        result = build_site(
            Project.at(project), BuildOptions(output=out, clock=CLOCK, base_url="https://x.example.org/", cache=False)
        )
    finally:
        monkeypatch.undo()
        clear_caches()
    assert not result.ok
    assert [(d.path, d.code) for d in result.diagnostics if d.severity.value == "error"] == [("og", "og-image")]
    assert tree(out) == before
