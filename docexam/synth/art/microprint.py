"""Microprinting: text so small it reads as a line at normal viewing distance.

Why: a genuine document's "line" under a loupe turns out to be repeated text, while a
scanned-and-printed copy smears it into a dotted stroke. The text is rendered with Pillow
at a supersampled size (at least ~16 px per letter height) and area-averaged down, so at
300 dpi it becomes a fine textured line and at 600 dpi the letters survive when zoomed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from docexam.synth.art.curves import Region, check_positive, check_region, check_shape

FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_CAP = 0.73  # DejaVu Sans cap height as a fraction of the font size
_MIN_SS_PX = 16.0  # supersampled letter height


@lru_cache(maxsize=64)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_BOLD if bold else FONT_REGULAR, size)


def _rows_image(
    text: str, n_rows: int, height_px: float, pitch_px: float, length_px: float, bold: bool
) -> np.ndarray:
    """Rows of repeated ``text`` (cap tops ``pitch_px`` apart), area-averaged to page scale.

    The strip's top edge is the cap top of row 0 and its left edge the text start; one strip
    px = one page px. One long row is rendered ``ss`` times oversize and shrunk once per
    sub-pixel vertical phase; every row is a crop of it, shifted by a few letters like
    brickwork (so repeats do not line up into columns). That keeps a full page of microtext
    at tens of milliseconds instead of rendering hundreds of rows.
    """
    ss = max(1, math.ceil(_MIN_SS_PX / height_px))
    size = max(4, round(height_px * ss / _CAP))
    font = _font(bold, size)
    cap_top = font.getmetrics()[0] - round(size * _CAP)  # the ascent sits above the caps
    step = max(1, len(text) // 3)
    shifts = [round(font.getlength(text[: (i * step) % len(text)]) / ss) for i in range(n_rows)]
    width = max(1, math.ceil(length_px))
    row_h = math.ceil(height_px * 1.3) + 1
    unit = max(1.0, font.getlength(text))
    img = Image.new("L", ((width + max(shifts) + 1) * ss, row_h * ss), 0)
    line = text * (math.ceil(img.width / unit) + 1)
    ImageDraw.Draw(img).text((0, -cap_top), line, fill=255, font=font)
    base = np.asarray(img, np.float32) / 255.0
    out = np.zeros((math.ceil((n_rows - 1) * pitch_px) + row_h + 1, width), np.float32)
    phases: dict[int, np.ndarray] = {}
    for i, shift in enumerate(shifts):
        top, phase = divmod(round(i * pitch_px * ss), ss)
        if phase not in phases:
            padded = np.pad(base, ((phase, ss - phase), (0, 0)))
            phases[phase] = cv2.resize(
                padded, (base.shape[1] // ss, row_h + 1), interpolation=cv2.INTER_AREA
            )
        seg = phases[phase][:, shift : shift + width]
        dst = out[top : top + seg.shape[0], : seg.shape[1]]
        np.maximum(dst, seg[: dst.shape[0]], out=dst)
    out[:, round(length_px) :] = 0.0  # cut at the requested length
    return out


def _place(
    shape: tuple[int, int], strip: np.ndarray, origin_px: tuple[float, float], angle_deg: float
) -> np.ndarray:
    """Warp ``strip`` onto the page, rotated by ``angle_deg`` about its top-left corner."""
    h, w = shape
    th = math.radians(angle_deg)
    c, s = math.cos(th), math.sin(th)
    sh, sw = strip.shape
    ox, oy = origin_px
    corners = np.array([[0, 0], [sw, 0], [0, sh], [sw, sh]], np.float64)
    px = ox + corners[:, 0] * c - corners[:, 1] * s
    py = oy + corners[:, 0] * s + corners[:, 1] * c
    x0, y0 = max(0, math.floor(px.min()) - 1), max(0, math.floor(py.min()) - 1)
    x1, y1 = min(w, math.ceil(px.max()) + 2), min(h, math.ceil(py.max()) + 2)
    out = np.zeros((h, w), np.float32)
    if x1 <= x0 or y1 <= y0:
        return out
    m = np.array([[c, -s, ox - x0], [s, c, oy - y0]], np.float64)
    roi = cv2.warpAffine(
        strip, m, (x1 - x0, y1 - y0), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT
    )
    out[y0:y1, x0:x1] = np.clip(roi, 0.0, 1.0)
    return out


def _check_text(text: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"text must be a non-empty string, got {text!r}")
    return text


def microprint_line(
    shape: Sequence[int],
    *,
    px_per_mm: float,
    text: str,
    origin_mm: tuple[float, float],
    length_mm: float,
    height_mm: float = 0.25,
    angle_deg: float = 0.0,
    bold: bool = True,
) -> np.ndarray:
    """``text`` repeated along a straight line of ``length_mm``, letters ``height_mm`` tall.

    ``origin_mm`` is the top-left of the first letter's cap height; the line runs along
    ``angle_deg`` (clockwise in image coordinates). Include a separator (e.g. a trailing
    space or "·") in ``text`` if the repeats should not run together.
    """
    shp = check_shape(shape)
    ppm = check_positive("px_per_mm", px_per_mm)
    _check_text(text)
    length = check_positive("length_mm", length_mm)
    height = check_positive("height_mm", height_mm)
    if not math.isfinite(angle_deg):
        raise ValueError(f"angle_deg must be finite, got {angle_deg!r}")
    strip = _rows_image(text, 1, height * ppm, height * ppm, length * ppm, bold)
    ox, oy = (float(v) * ppm for v in origin_mm)
    return _place(shp, strip, (ox, oy), angle_deg)


def microprint_block(
    shape: Sequence[int],
    *,
    px_per_mm: float,
    text: str,
    region_mm: Region,
    height_mm: float,
    line_gap_mm: float,
    bold: bool = True,
) -> np.ndarray:
    """Fill ``region_mm`` with rows of microtext, each row's text shifted like brickwork.

    The shift keeps the repeats from lining up into vertical stripes, which would give the
    block away as a tiled texture. Rows that would overflow the region are left out.
    """
    shp = check_shape(shape)
    ppm = check_positive("px_per_mm", px_per_mm)
    _check_text(text)
    x, y, rw, rh = check_region(region_mm)
    height = check_positive("height_mm", height_mm)
    gap = float(line_gap_mm)
    if not math.isfinite(gap) or gap < 0:
        raise ValueError(f"line_gap_mm must be a non-negative number, got {line_gap_mm!r}")
    n_rows = int((rh - height) // (height + gap)) + 1 if rh >= height else 0
    if n_rows <= 0:
        return np.zeros(shp, np.float32)
    strip = _rows_image(text, n_rows, height * ppm, (height + gap) * ppm, rw * ppm, bold)
    out = _place(shp, strip, (x * ppm, y * ppm), 0.0)
    x0, y0 = max(0, round(x * ppm)), max(0, round(y * ppm))
    clip = np.zeros_like(out)
    clip[y0 : round((y + rh) * ppm), x0 : round((x + rw) * ppm)] = 1.0
    return out * clip
