"""The synthetic-document art primitives: masks in range, deterministic, physically placed.

Small pages at 4 px/mm keep the whole module fast; the geometric tests check that each
primitive puts its ink where its parameters say and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np
import pytest

from docexam.synth.art.curves import draw_polylines
from docexam.synth.art.emblem import emblem
from docexam.synth.art.fibres import fibres
from docexam.synth.art.guilloche import border, relief, rosette, wave_bands
from docexam.synth.art.marks import (
    DIGITS_5X7,
    line_screen,
    ovd_patch,
    perforation,
    perforation_holes,
)
from docexam.synth.art.microprint import microprint_block, microprint_line
from docexam.synth.art.portrait import face, ghost
from docexam.synth.art.rainbow import split_fountain

PPM = 4.0
SHAPE = (160, 200)  # 40 × 50 mm at 4 px/mm

MASKS: dict[str, Callable[[], np.ndarray]] = {
    "polylines": lambda: draw_polylines(
        SHAPE, [np.array([[5.0, 5.0], [150.0, 90.3], [190.0, 20.0]])], width_px=0.6
    ),
    "wave_bands": lambda: wave_bands(
        SHAPE,
        px_per_mm=PPM,
        spacing_mm=0.8,
        amplitude_mm=2.0,
        wavelength_mm=12.0,
        second_amplitude_mm=0.5,
        angle_deg=20.0,
    ),
    "rosette": lambda: rosette(
        SHAPE, px_per_mm=PPM, centre_mm=(25, 20), radius_mm=15, inner_mm=4, petals=9
    ),
    "border": lambda: border(SHAPE, px_per_mm=PPM, inset_mm=2, width_mm=3),
    "relief": lambda: relief(
        SHAPE, px_per_mm=PPM, region_mm=(5, 5, 30, 20), spacing_mm=0.6, line_mm=0.1, bump=None
    ),
    "microprint_line": lambda: microprint_line(
        SHAPE, px_per_mm=PPM, text="UTOPIA ", origin_mm=(3, 10), length_mm=40, angle_deg=8
    ),
    "microprint_block": lambda: microprint_block(
        SHAPE,
        px_per_mm=PPM,
        text="UTOPIA",
        region_mm=(3, 3, 30, 10),
        height_mm=0.5,
        line_gap_mm=0.2,
    ),
    "ghost": lambda: ghost(face((60, 80), seed=4)),
    "fibres": lambda: fibres(SHAPE, px_per_mm=PPM, seed=3, count=40),
    "emblem": lambda: emblem(SHAPE, px_per_mm=PPM, centre_mm=(25, 20), radius_mm=15),
    "perforation": lambda: perforation(SHAPE, px_per_mm=PPM, text="042", origin_mm=(5, 5)),
    "ovd_mask": lambda: ovd_patch(SHAPE, px_per_mm=PPM, region_mm=(5, 5, 20, 25), seed=7)[0],
    "line_screen": lambda: line_screen(
        SHAPE,
        px_per_mm=PPM,
        region_mm=(2, 2, 30, 30),
        spacing_mm=0.5,
        angle_deg=30,
        line_mm=0.08,
    ),
}


@pytest.mark.parametrize("name", sorted(MASKS))
def test_masks_are_float32_in_unit_range_nonempty_and_deterministic(name: str) -> None:
    a, b = MASKS[name](), MASKS[name]()
    assert a.dtype == np.float32 and a.ndim == 2
    assert a.shape == ((80, 60) if name == "ghost" else SHAPE)
    assert a.min() >= 0.0 and a.max() <= 1.0
    assert a.max() > 0.05, "drew nothing"
    assert np.array_equal(a, b)


def test_colour_fields_are_deterministic_and_in_range() -> None:
    f1, f2 = face((80, 100), seed=9), face((80, 100), seed=9)
    assert f1.shape == (100, 80, 3) and f1.dtype == np.float32
    assert f1.min() >= 0 and f1.max() <= 255 and np.array_equal(f1, f2)
    r1 = split_fountain(SHAPE, colours=[(0, 0, 255), (255, 0, 0)])
    assert r1.shape == (*SHAPE, 3) and r1.dtype == np.float32
    assert np.array_equal(r1, split_fountain(SHAPE, colours=[(0, 0, 255), (255, 0, 0)]))
    m1, c1 = ovd_patch(SHAPE, px_per_mm=PPM, region_mm=(5, 5, 20, 25), seed=7)
    m2, c2 = ovd_patch(SHAPE, px_per_mm=PPM, region_mm=(5, 5, 20, 25), seed=7)
    assert np.array_equal(m1, m2) and np.array_equal(c1, c2)
    assert c1.dtype == np.float32 and c1.min() >= 0 and c1.max() <= 255


def test_inputs_are_not_mutated() -> None:
    line = np.array([[1.0, 1.0], [50.0, 40.0]])
    keep = line.copy()
    draw_polylines(SHAPE, [line], width_px=2.5)
    assert np.array_equal(line, keep)
    img = face((60, 80), seed=1)
    keep_img = img.copy()
    ghost(img)
    assert np.array_equal(img, keep_img)
    bump = np.linspace(0, 1, 100, dtype=np.float32).reshape(10, 10)
    keep_bump = bump.copy()
    relief(SHAPE, px_per_mm=PPM, region_mm=(0, 0, 20, 20), spacing_mm=1, line_mm=0.1, bump=bump)
    assert np.array_equal(bump, keep_bump)
    colours = [(10, 20, 30), (200, 100, 0)]
    split_fountain(SHAPE, colours=colours)
    assert colours == [(10, 20, 30), (200, 100, 0)]


BAD = [
    (lambda: draw_polylines(SHAPE, [], width_px=0), "width_px"),
    (lambda: draw_polylines((0, 5), [], width_px=1), "shape"),
    (
        lambda: wave_bands(SHAPE, px_per_mm=PPM, spacing_mm=0, amplitude_mm=1, wavelength_mm=5),
        "spacing_mm",
    ),
    (
        lambda: wave_bands(SHAPE, px_per_mm=0, spacing_mm=1, amplitude_mm=1, wavelength_mm=5),
        "px_per_mm",
    ),
    (
        lambda: wave_bands(
            SHAPE,
            px_per_mm=PPM,
            region_mm=(0, 0, -1, 5),
            spacing_mm=1,
            amplitude_mm=1,
            wavelength_mm=5,
        ),
        "region_mm",
    ),
    (
        lambda: rosette(SHAPE, px_per_mm=PPM, centre_mm=(9, 9), radius_mm=5, inner_mm=6, petals=5),
        "inner_mm",
    ),
    (
        lambda: rosette(SHAPE, px_per_mm=PPM, centre_mm=(9, 9), radius_mm=5, inner_mm=1, petals=0),
        "petals",
    ),
    (
        lambda: rosette(
            SHAPE,
            px_per_mm=PPM,
            centre_mm=(9, 9),
            radius_mm=5,
            inner_mm=1,
            petals=5,
            style="spiral",
        ),
        "style",
    ),
    (lambda: border(SHAPE, px_per_mm=PPM, inset_mm=1, width_mm=-2), "width_mm"),
    (lambda: border(SHAPE, px_per_mm=PPM, inset_mm=30, width_mm=2), "inset_mm"),
    (
        lambda: microprint_line(
            SHAPE, px_per_mm=PPM, text="AB", origin_mm=(0, 0), length_mm=5, height_mm=0
        ),
        "height_mm",
    ),
    (lambda: microprint_line(SHAPE, px_per_mm=PPM, text="", origin_mm=(0, 0), length_mm=5), "text"),
    (
        lambda: microprint_block(
            SHAPE, px_per_mm=PPM, text="A", region_mm=(0, 0, 5, 5), height_mm=0.3, line_gap_mm=-1
        ),
        "line_gap_mm",
    ),
    (lambda: split_fountain(SHAPE, colours=[(0, 0, 0)], axis="z"), "axis"),
    (lambda: split_fountain(SHAPE, colours=[(0, 0, 300)]), "colours"),
    (lambda: split_fountain(SHAPE, colours=[(0, 0, 0)], region_mm=(0, 0, 5, 5)), "px_per_mm"),
    (lambda: face((8, 8), seed=1), "size_px"),
    (lambda: ghost(np.zeros((5, 5, 3)), strength=2), "strength"),
    (lambda: ghost(np.zeros((5, 5, 3)), line_period_px=0), "line_period_px"),
    (lambda: ghost(np.zeros((5, 5, 3)), floor=1.0), "floor"),
    (lambda: fibres(SHAPE, px_per_mm=PPM, seed=1, count=-1), "count"),
    (lambda: fibres(SHAPE, px_per_mm=PPM, seed=1, count=3, length_mm=(5, 2)), "length_mm"),
    (lambda: emblem(SHAPE, px_per_mm=PPM, centre_mm=(5, 5), radius_mm=0), "radius_mm"),
    (lambda: perforation(SHAPE, px_per_mm=PPM, text="12a", origin_mm=(0, 0)), "text"),
    (lambda: perforation(SHAPE, px_per_mm=PPM, text="12", origin_mm=(0, 0), hole_mm=0), "hole_mm"),
    (
        lambda: line_screen(
            SHAPE, px_per_mm=PPM, region_mm=None, spacing_mm=0, angle_deg=0, line_mm=0.1
        ),
        "spacing_mm",
    ),
]


@pytest.mark.parametrize(("call", "name"), BAD, ids=[f"{i}-{n}" for i, (_, n) in enumerate(BAD)])
def test_bad_values_raise_naming_the_parameter(call: Callable[[], object], name: str) -> None:
    with pytest.raises(ValueError, match=name):
        call()


def test_thin_lines_scale_their_ink_with_width() -> None:
    line = [np.array([[10.0, 40.3], [190.0, 40.3]])]
    ink = {w: draw_polylines(SHAPE, line, width_px=w).sum() / 180 for w in (0.3, 0.9, 3.0)}
    assert ink[0.3] == pytest.approx(0.3, rel=0.2)
    assert ink[0.9] == pytest.approx(0.9, rel=0.2)
    assert ink[3.0] == pytest.approx(3.0, rel=0.2)
    assert draw_polylines(SHAPE, line, width_px=0.3).max() < 0.35  # faint, not a heavy 1-px line


def test_wave_bands_stay_inside_their_region() -> None:
    m = wave_bands(
        SHAPE,
        px_per_mm=PPM,
        region_mm=(5, 6, 20, 10),
        spacing_mm=0.7,
        amplitude_mm=3,
        wavelength_mm=9,
        angle_deg=35,
    )
    x0, y0, x1, y1 = 20, 24, 100, 64
    inside = m[y0:y1, x0:x1]
    assert inside.mean() > 0.05
    assert m.sum() == pytest.approx(inside.sum())


def test_border_lies_in_its_band() -> None:
    m = border(SHAPE, px_per_mm=PPM, inset_mm=3, width_mm=2, line_mm=0.1)
    lo, hi = round(3 * PPM) - 1, round(5 * PPM) + 2
    assert m[:lo].sum() == 0 and m[:, :lo].sum() == 0  # the outer margin
    c = round(8 * PPM)  # the rounded corners bend inwards: skip them
    assert m[hi:-hi, c:-c].sum() == 0 and m[c:-c, hi:-hi].sum() == 0  # the page centre
    assert m[lo:hi, 40:160].mean() > 0.05


@pytest.mark.parametrize("style", ["epitrochoid", "hypotrochoid", "lissajous"])
def test_rosette_fills_only_its_annulus(style: str) -> None:
    cx, cy, r_out, r_in = 25.0, 20.0, 15.0, 5.0
    m = rosette(
        SHAPE,
        px_per_mm=PPM,
        centre_mm=(cx, cy),
        radius_mm=r_out,
        inner_mm=r_in,
        petals=7,
        rings=8,
        style=style,
    )
    yy, xx = np.mgrid[0 : SHAPE[0], 0 : SHAPE[1]]
    r = np.hypot(xx - cx * PPM, yy - cy * PPM) / PPM  # pixel centres at integers, as in cv2
    tol = (0.08 / 2 * PPM + 2.0) / PPM  # half the line plus the antialiasing
    assert m[r > r_out + tol].sum() == 0
    assert m[r < r_in - tol].sum() == 0
    assert m[(r > r_in) & (r < r_out)].mean() > 0.05


def test_microprint_is_a_fine_line_not_a_bar() -> None:
    ppm, h = 8.0, 0.5
    m = microprint_line(
        (100, 400), px_per_mm=ppm, text="UTOPIA ", origin_mm=(2, 5), length_mm=45, height_mm=h
    )
    top, bottom = int(5 * ppm) - 1, int((5 + 1.3 * h) * ppm) + 2
    band = m[top:bottom, int(2 * ppm) : int(47 * ppm)]
    assert band.sum() > 0.97 * m.sum()  # all ink along the line
    solid = 45 * ppm * h * ppm  # a solid bar of the same length and height
    assert 0.1 * solid < m.sum() < 0.6 * solid


def test_microprint_is_legible_text_at_600_dpi() -> None:
    ppm = 23.622
    m = microprint_line(
        (40, 400), px_per_mm=ppm, text="I ", origin_mm=(0.5, 0.3), length_mm=15, height_mm=0.3
    )
    cols = m.sum(axis=0)
    strokes = np.count_nonzero(np.diff((cols > 0.5 * cols.max()).astype(int)) == 1)
    assert strokes >= 30  # every "I" (about 0.3 mm apart) stays a separate stroke


def test_microprint_block_has_its_rows() -> None:
    ppm = 8.0
    m = microprint_block(
        (120, 300),
        px_per_mm=ppm,
        text="UTOPIA",
        region_mm=(1, 1, 30, 5),
        height_mm=0.6,
        line_gap_mm=0.4,
    )
    rows = m.sum(axis=1) > 0.2 * m.sum(axis=1).max()
    assert np.count_nonzero(np.diff(rows.astype(int)) == 1) == 5
    assert m[: int(1 * ppm) - 1].sum() == 0 and m[int(6 * ppm) + 1 :].sum() == 0


def test_faces_differ_by_seed() -> None:
    f1, f2 = face((100, 125), seed=1), face((100, 125), seed=2)
    assert np.abs(f1 - f2).mean() > 12
    assert f1.std() > 20  # a portrait, not a flat field


def test_ghost_is_a_faint_line_screen_of_the_face() -> None:
    img = face((90, 120), seed=5)
    g = ghost(img, line_period_px=3.0, strength=0.4)
    assert g.shape == img.shape[:2] and g.max() <= 0.4 + 1e-6 and g.min() >= 0
    assert ghost(np.zeros((12, 12, 3)), strength=0.4).max() == pytest.approx(0.4)
    edge = ghost(np.zeros((40, 30, 3)))
    assert edge[0].max() == 0 and edge[:, 0].max() == 0  # the oval vignette, no rectangle
    assert ghost(np.full((12, 12, 3), 235.0)).max() == 0  # a light backdrop prints nothing
    assert ghost(np.full((12, 12, 3), 255.0)).max() == 0
    assert g[:, :, None].std() > 0  # it follows the picture
    rows = ghost(np.full((30, 4, 3), 200.0), line_period_px=3.0)[:, 0]
    assert len(set(np.round(rows, 4))) > 1  # lines, not a flat tint


def test_fibre_coverage_grows_with_count() -> None:
    few = fibres(SHAPE, px_per_mm=PPM, seed=5, count=30).sum()
    many = fibres(SHAPE, px_per_mm=PPM, seed=5, count=120).sum()
    assert 2.5 < many / few < 6.0
    assert fibres(SHAPE, px_per_mm=PPM, seed=5, count=0).sum() == 0


def test_emblem_variants_differ_and_stay_in_their_circle() -> None:
    a = emblem(SHAPE, px_per_mm=PPM, centre_mm=(25, 20), radius_mm=15, variant="2015")
    b = emblem(SHAPE, px_per_mm=PPM, centre_mm=(25, 20), radius_mm=15, variant="2023")
    assert np.abs(a - b).sum() > 0.3 * a.sum()
    yy, xx = np.mgrid[0 : SHAPE[0], 0 : SHAPE[1]]
    r = np.hypot(xx - 25 * PPM, yy - 20 * PPM) / PPM
    assert a[r > 15 + 1.5 / PPM].sum() == 0


def _components(mask: np.ndarray) -> int:
    return cv2.connectedComponents((mask > 0.3).astype(np.uint8))[0] - 1


@pytest.mark.parametrize("digit", sorted(DIGITS_5X7))
def test_perforation_holes_follow_the_dot_font(digit: str) -> None:
    # Height 6 pitches + one hole: the font at scale 1, one hole per dot.
    m = perforation(
        (60, 40),
        px_per_mm=6.0,
        text=digit,
        origin_mm=(1, 1),
        hole_mm=0.5,
        pitch_mm=1.0,
        height_mm=6.5,
    )
    assert _components(m) == "".join(DIGITS_5X7[digit]).count("1")


def test_perforation_at_default_size_fills_strokes_between_dots() -> None:
    holes = perforation_holes("18")
    m = perforation((100, 200), px_per_mm=12.0, text="18", origin_mm=(1, 1))
    dots = sum("".join(DIGITS_5X7[d]).count("1") for d in "18")
    assert _components(m) == len(holes) > dots
    assert holes[:, 1].max() + 0.35 / 2 == pytest.approx(6.0)


def test_rainbow_hue_runs_monotonically_along_its_axis() -> None:
    spectrum = [(0, 0, 255), (0, 255, 255), (0, 255, 0), (255, 255, 0), (255, 0, 0)]  # BGR
    f = split_fountain(
        (4, 200), colours=spectrum, axis="x", region_mm=(10, 0, 30, 1), px_per_mm=PPM
    )
    hue = cv2.cvtColor(f / 255.0, cv2.COLOR_BGR2HSV)[0, :, 0]
    assert np.all(np.diff(hue) >= -1.0)
    assert hue[-1] - hue[0] > 200
    # Before the region (beyond the roller blend of a quarter stop) the first colour continues.
    assert np.array_equal(f[0, 0], f[0, 12]) and np.abs(f[0, 0] - (0, 0, 255)).max() < 1
    col = split_fountain((100, 4), colours=spectrum, axis="y", smooth=False)[:, 0]
    assert np.abs(col[0] - (0, 0, 255)).max() < 6 and np.abs(col[-1] - (255, 0, 0)).max() < 6


def test_ovd_patch_is_confined_and_colourful() -> None:
    mask, col = ovd_patch(SHAPE, px_per_mm=PPM, region_mm=(10, 5, 24, 30), seed=3)
    assert mask[:, : 10 * 4 - 1].sum() == 0 and mask[:, 34 * 4 + 1 :].sum() == 0
    assert np.all(col[mask == 0] == 0)
    inside = col[mask > 0.99] / 255.0
    hsv = cv2.cvtColor(inside.reshape(-1, 1, 3).astype(np.float32), cv2.COLOR_BGR2HSV)
    assert np.ptp(hsv[:, 0, 0]) > 180  # many hues: a diffraction rainbow


def test_line_screen_draws_the_expected_number_of_lines() -> None:
    m = line_screen(
        SHAPE, px_per_mm=PPM, region_mm=(5, 5, 30, 20), spacing_mm=1.0, angle_deg=0.0, line_mm=0.1
    )
    profile = m[:, 60]
    assert np.count_nonzero(np.diff((profile > 0.02).astype(int)) == 1) in (19, 20, 21)
    assert m[:19].sum() == 0 and m[:, 141:].sum() == 0
