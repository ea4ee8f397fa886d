"""Text as ink coverage: labels, personalisation data and the OCR-B MRZ.

Why coverage and not pixels: the same text must print in a drop-out ink (gone under IR),
an IR-absorbing ink (the MRZ) or, in a forgery, an ordinary ink, so text is drawn as a mask
(0..1) and the compositor applies the ink's response per light. Sizes are physical (cap
height in mm) so a typeface swap keeps the size and changes only the letter shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from docexam.synth.compose import Paint
from docexam.synth.render import LINE_PITCH_MM, MRZ_MARGIN_MM, OCRB_PATH, PITCH_MM

FONTS: dict[str, str] = {
    "sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "sans_bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "serif_bold": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "mono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "ocrb": OCRB_PATH,
}
MRZ_CAP_MM = 2.3


@lru_cache(maxsize=512)
def _font(name: str, size_q: int) -> ImageFont.FreeTypeFont:
    """A font at size ``size_q / 4`` px (quantised so the cache serves many pages)."""
    if name not in FONTS:
        raise ValueError(f"font must be one of {sorted(FONTS)}, got {name!r}")
    return ImageFont.truetype(FONTS[name], max(1.0, size_q / 4))


@lru_cache(maxsize=16)
def cap_em(name: str) -> float:
    """Cap height of font ``name`` as a fraction of its size (measured on 'H')."""
    f = _font(name, 400)
    top = f.getbbox("H", anchor="ls")[1]
    return -top / 100.0


def text_paint(
    text: str,
    *,
    px_per_mm: float,
    x_mm: float,
    y_mm: float,
    cap_mm: float,
    font: str = "sans",
    max_width_mm: float | None = None,
    align: str = "left",
) -> Paint:
    """``text`` with its cap band's top at ``y_mm``; shrunk to ``max_width_mm`` if wider.

    ``align`` is ``left`` (x is the left edge) or ``centre`` (x is the centre).
    """
    if cap_mm <= 0:
        raise ValueError(f"cap_mm must be positive, got {cap_mm!r}")
    k = px_per_mm
    size = cap_mm * k / cap_em(font)
    f = _font(font, round(size * 4))
    length = f.getlength(text)
    if max_width_mm is not None and length > max_width_mm * k > 0:
        size *= max_width_mm * k / length
        f = _font(font, round(size * 4))
        length = f.getlength(text)
    cap_px = cap_em(font) * size
    x_px = x_mm * k - (length / 2 if align == "centre" else 0.0)
    base = y_mm * k + cap_px
    bx0, by0, bx1, by1 = f.getbbox(text, anchor="ls")
    ox, oy = int(np.floor(x_px + bx0)) - 1, int(np.floor(base + by0)) - 1
    w, h = int(np.ceil(bx1 - bx0)) + 3, int(np.ceil(by1 - by0)) + 3
    img = Image.new("L", (max(w, 1), max(h, 1)), 0)
    ImageDraw.Draw(img).text((x_px - ox, base - oy), text, font=f, fill=255, anchor="ls")
    return Paint(np.asarray(img, np.float32) / 255.0, (ox, oy))


def mrz_geometry(
    layout: str, page_mm: tuple[float, float], n_lines: int
) -> tuple[float, list[float]]:
    """Left edge of the first character and each line's centre, in mm (ICAO positions)."""
    left, bottom = MRZ_MARGIN_MM[layout]
    centres = [page_mm[1] - bottom - (n_lines - 1 - r) * LINE_PITCH_MM for r in range(n_lines)]
    return left, centres


def mrz_zone_mm(
    layout: str, page_mm: tuple[float, float], n_lines: int, n_chars: int
) -> tuple[float, float, float, float]:
    """The MRZ's zone (x, y, w, h mm): its character grid plus 1 mm around."""
    left, centres = mrz_geometry(layout, page_mm, n_lines)
    top = centres[0] - MRZ_CAP_MM / 2 - 1.0
    bottom = centres[-1] + MRZ_CAP_MM / 2 + 1.0
    return (left - 1.0, top, n_chars * PITCH_MM + 2.0, bottom - top)


def mrz_paint(
    lines: Sequence[str],
    *,
    layout: str,
    page_mm: tuple[float, float],
    px_per_mm: float,
    only_lines: Sequence[int] | None = None,
) -> Paint:
    """The MRZ in OCR-B on the 2.54 mm grid at ICAO positions (see synth/render.py).

    ``only_lines`` draws a subset of the lines (a forger reprinting one line).
    """
    k = px_per_mm
    left, centres = mrz_geometry(layout, page_mm, len(lines))
    cap_px = MRZ_CAP_MM * k
    f = _font("ocrb", round(cap_px / cap_em("ocrb") * 4))
    x0 = int(left * k) - 2
    y0 = int((centres[0] - MRZ_CAP_MM) * k)
    w = int(len(lines[0]) * PITCH_MM * k) + 6
    h = int((centres[-1] + MRZ_CAP_MM) * k) - y0 + 2
    img = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(img)
    pitch = PITCH_MM * k
    for r, line in enumerate(lines):
        if only_lines is not None and r not in only_lines:
            continue
        base = centres[r] * k + cap_px / 2 - y0
        for i, ch in enumerate(line):
            cx = left * k + (i + 0.5) * pitch - x0
            draw.text((cx, base), ch, font=f, fill=255, anchor="ms")
    return Paint(np.asarray(img, np.float32) / 255.0, (x0, y0))
