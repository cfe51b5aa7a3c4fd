"""Share images: one 1200×630 PNG per claim page, drawn deterministically from plain values, linked with an
absolute og:image URL; a missing font is a diagnostic."""

from __future__ import annotations

import io
import re
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PIL import Image

from generator import ogimage
from generator.build import BuildOptions, build_site
from generator.ogimage import HEIGHT, WIDTH, OgImageError, OgImageInputs, cache_key, render_og_image, wrap
from generator.project import Project
from tests.test_build import GOLDEN_FILES, tree

CLOCK = datetime(2026, 1, 1, tzinfo=timezone.utc)
REPO_ROOT = Path(__file__).resolve().parent.parent
INPUTS = OgImageInputs("Sebagian benar", "mixed", "AS menjatuhkan sanksi kepada 32 orang atas campur tangan dalam pemilu 2020",
                       "Cek Fakta Demo")


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


@pytest.mark.parametrize("inputs", [
    OgImageInputs("Tidak terbukti sama sekali dan masih diselidiki oleh tim", "other", "x" * 75, "S"),
    OgImageInputs("Benar", "true", "Kata" + "sangatpanjangsekali" * 5, "Nama situs " * 20),
    OgImageInputs("?", "no-such-bucket", " ", "é ü ñ “ ” — …"),
])
def test_long_or_odd_text_still_draws(inputs: OgImageInputs) -> None:
    picture = Image.open(io.BytesIO(render_og_image(inputs)))
    picture.load()
    assert picture.size == (WIDTH, HEIGHT)


def test_wrap_keeps_lines_within_the_width() -> None:
    lines = wrap("satu dua tiga empat lima enam tujuh delapan sembilan sepuluh " * 3, "bold", 64, 600)
    assert len(lines) > 3 and all(ogimage._width("bold", 64, line) <= 600 for line in lines)
    assert wrap("x" * 200, "bold", 64, 300)[0] != "x" * 200  # a long word is cut


def test_drawing_is_fast_enough_for_large_sites() -> None:
    render_og_image(INPUTS)  # fonts and shared words loaded
    started = time.perf_counter()
    for n in range(20):
        render_og_image(OgImageInputs("Salah", "false", f"Klaim nomor {n} tentang sanksi dan diplomat", "Cek Fakta Demo"))
    per_image = (time.perf_counter() - started) / 20
    assert per_image < 0.1, f"{per_image * 1000:.1f} ms per image"  # measured ≈4 ms; generous for a busy CI


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

    monkeypatch.setattr(ogimage, "_font_path", no_font)
    ogimage._font.cache_clear(), ogimage._width.cache_clear(), ogimage._word.cache_clear()
    ogimage._band.cache_clear(), ogimage._footer.cache_clear()
    try:
        # cache=False: with the persistent cache, images drawn before need no font at all.
        result = build_site(Project.at(project), BuildOptions(output=out, clock=CLOCK, base_url="https://x.example.org/",
                                                              cache=False))
    finally:
        monkeypatch.undo()
        ogimage._font.cache_clear()
    assert not result.ok
    assert [(d.path, d.code) for d in result.diagnostics if d.severity.value == "error"] == [("og", "og-image")]
    assert tree(out) == before
