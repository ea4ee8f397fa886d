"""Synthetic captures: deterministic, annotated exactly, within each level's documented range."""

from __future__ import annotations

import hashlib
import json

import cv2
import numpy as np
import pytest

from docexam.synth.mrzdata import LAYOUT_SHAPE, LAYOUTS
from docexam.synth.sample import LEVELS, SyntheticSample, make_mrz_sample

SEEDS = range(40_000, 40_008)  # inside the tuning range 0..99_999
SYMMETRIC = set("AHIMNOTUVWXY08")


def _digest(s: SyntheticSample) -> str:
    return hashlib.sha256(s.image.tobytes()).hexdigest()


@pytest.mark.parametrize("level", LEVELS)
def test_same_seed_gives_byte_identical_image(level: str) -> None:
    a, b = make_mrz_sample(40_001, level=level), make_mrz_sample(40_001, level=level)
    assert _digest(a) == _digest(b)
    assert a.lines == b.lines and a.params == b.params
    assert np.array_equal(a.mrz_quad, b.mrz_quad)
    assert _digest(make_mrz_sample(40_002, level=level)) != _digest(a)


def test_document_content_does_not_depend_on_level() -> None:
    lines = {make_mrz_sample(40_003, level=lv).lines for lv in LEVELS}
    assert len(lines) == 1


@pytest.mark.parametrize("layout", LAYOUTS)
def test_requested_layout_has_the_right_shape(layout: str) -> None:
    s = make_mrz_sample(40_004, level="scan", layout=layout)
    rows, width = LAYOUT_SHAPE[layout]
    assert s.layout == layout and len(s.lines) == rows
    assert all(len(x) == width for x in s.lines)
    assert s.char_quads is not None and s.char_quads.shape == (rows, width, 4, 2)


@pytest.mark.parametrize("level", LEVELS)
def test_sample_fields_and_quad_inside_image(level: str) -> None:
    for seed in SEEDS:
        s = make_mrz_sample(seed, level=level)
        assert s.image.dtype == np.uint8 and s.image.ndim == 3 and s.image.shape[2] == 3
        assert s.level == level and s.seed == seed and s.layout in LAYOUTS
        h, w = s.image.shape[:2]
        assert s.mrz_quad.shape == (4, 2)
        for pts in (s.mrz_quad, s.char_quads.reshape(-1, 2)):
            assert (pts[:, 0] >= 0).all() and (pts[:, 0] <= w).all()
            assert (pts[:, 1] >= 0).all() and (pts[:, 1] <= h).all()
        # The quad's top edge runs along line 1: its length is n_chars cells.
        top = np.linalg.norm(s.mrz_quad[1] - s.mrz_quad[0])
        cell = np.linalg.norm(s.char_quads[0, 0, 1] - s.char_quads[0, 0, 0])
        assert top == pytest.approx(cell * len(s.lines[0]), rel=0.2)
        json.dumps(s.params)  # the benchmark stores them


def test_scan_level_size_range() -> None:
    for seed in SEEDS:
        p = make_mrz_sample(seed, level="scan").params
        assert p["dpi"] in (150, 200, 300, 400, 600)
        expected = p["char_height_mm"] * p["dpi"] / 25.4
        assert p["char_height_px"] == pytest.approx(expected, rel=0.01)
        assert abs(p["rotation_deg"] - p["quarter_turn"]) <= 3.0


@pytest.mark.parametrize(("level", "lo", "hi"), [("photo", 20, 40), ("hard", 12, 18)])
def test_camera_levels_size_range(level: str, lo: float, hi: float) -> None:
    for seed in SEEDS:
        p = make_mrz_sample(seed, level=level).params
        assert lo <= p["nominal_char_height_px"] <= hi
        assert p["char_height_px"] == pytest.approx(p["nominal_char_height_px"], rel=0.03)
        assert p["format"] == "jpeg"


def test_hard_level_sometimes_puts_glare_on_the_mrz() -> None:
    touches = [make_mrz_sample(s, level="hard").params["glare_touches_mrz"] for s in SEEDS]
    assert any(touches) and not all(touches)


@pytest.mark.parametrize("level", ["scan", "photo"])
def test_characters_are_drawn_in_their_cells(level: str) -> None:
    """Rectify each cell: every cell has ink, and symmetric glyphs are centred in it."""
    for seed in (40_005, 40_006):
        s = make_mrz_sample(seed, level=level)
        gray = cv2.cvtColor(s.image, cv2.COLOR_BGR2GRAY)
        cw, ch = 20, 24
        dst = np.float32([[0, 0], [cw, 0], [cw, ch], [0, ch]])
        for r, line in enumerate(s.lines):
            for i, char in enumerate(line):
                m = cv2.getPerspectiveTransform(s.char_quads[r, i].astype(np.float32), dst)
                cell = cv2.warpPerspective(gray, m, (cw, ch), borderMode=cv2.BORDER_REPLICATE)
                ink = np.clip(float(np.median(cell)) - cell.astype(np.float32) - 25, 0, None)
                assert ink.sum() > 0, (seed, r, i, char)
                if char in SYMMETRIC:  # asymmetric glyphs (L, F, <) have off-centre ink
                    cx = (ink.sum(0) * np.arange(cw)).sum() / ink.sum()
                    assert abs(cx - cw / 2) < 0.12 * cw, (seed, r, i, char, cx)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"level": "blurry"}, "level"),
        ({"level": "scan", "layout": "TD4"}, "layout"),
        ({"level": "scan", "layout": "td3"}, "layout"),
    ],
)
def test_bad_parameters_raise_value_error_naming_them(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        make_mrz_sample(1, **kwargs)


@pytest.mark.parametrize("seed", [-1, 1.5, "3", True])
def test_bad_seed_raises_value_error(seed: object) -> None:
    with pytest.raises(ValueError, match="seed"):
        make_mrz_sample(seed)  # type: ignore[arg-type]


@pytest.mark.parametrize("level", LEVELS)
def test_file_bytes_decode_to_the_image(level: str) -> None:
    s = make_mrz_sample(40_007, level=level)
    data, ext = s.file_bytes()
    assert ext == (".jpg" if s.params["format"] == "jpeg" else ".png")
    decoded = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert np.array_equal(decoded, s.image)
