"""Desk backgrounds and distracting objects for camera-like captures.

Why: at a border desk the document is photographed among other papers, pens, coins and
printed matter. Rows of monospaced capitals and ruled lines are what fool an MRZ locator
(they have the MRZ's stroke density and line regularity), so they are drawn on purpose.
Everything is drawn at the photo's scale (``px_per_mm``) so the clutter has real-world size.
"""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

MONO_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
_WORDS = ("INVOICE", "TOTAL", "DATE", "NAME", "TICKET", "FLIGHT", "GATE", "SEAT", "BOARDING",
          "ПАСПОРТ", "РЕЙС", "TAX", "AMOUNT", "REF", "NO", "CODE", "ARRIVAL", "KZT")  # fmt: skip
BACKGROUNDS = ("wood", "fabric", "dark", "office")
SHEET_MAX_PX_PER_MM = 6.0


@lru_cache(maxsize=64)
def _mono(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(MONO_PATH, max(6, size))


def small_size(w: int, h: int) -> tuple[int, int]:
    """The 1/8-resolution size at which desk textures (and shadows) are computed."""
    return max(16, w // 8), max(16, h // 8)


def desk(
    rng: np.random.Generator, w: int, h: int, shade: np.ndarray | None = None
) -> tuple[np.ndarray, str]:
    """A desk texture of size ``w`` x ``h`` (BGR) and its kind.

    ``shade`` (at ``small_size``) multiplies the texture before upsampling: the page's
    shadow costs nothing at full resolution that way.
    """
    kind = BACKGROUNDS[int(rng.integers(len(BACKGROUNDS)))]
    sw, sh = small_size(w, h)
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    low = cv2.resize(rng.normal(0, 1, (6, 8)).astype(np.float32), (sw, sh), cv2.INTER_CUBIC)
    if kind == "wood":
        base = np.array([rng.uniform(30, 80), rng.uniform(70, 120), rng.uniform(110, 170)])
        ang = rng.uniform(0, np.pi)
        u = xx * np.cos(ang) + yy * np.sin(ang)
        grain = np.sin(u / rng.uniform(2, 6) + 3 * low) * 0.5 + 0.5
        val = base[None, None, :] * (0.75 + 0.35 * grain[..., None])
    elif kind == "fabric":
        base = rng.uniform(60, 200, 3)
        val = base[None, None, :] * (0.9 + 0.1 * low[..., None])
        val = val + rng.normal(0, 8, (sh, sw, 1))
    elif kind == "dark":
        val = rng.uniform(15, 45) + 8 * low[..., None] + np.zeros((1, 1, 3))
    else:
        val = rng.uniform(170, 230) + 10 * low[..., None] + rng.uniform(-8, 8, 3)[None, None, :]
    if shade is not None:
        val = val * shade[..., None]
    small = np.clip(val, 0, 255).astype(np.uint8)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR), kind


def _paste_rotated(
    dst: np.ndarray, patch: np.ndarray, centre: tuple[float, float], deg: float, scale: float = 1.0
) -> None:
    """Paste ``patch`` scaled and rotated by ``deg`` at ``centre`` (warping only its bbox)."""
    ph, pw = patch.shape[:2]
    m = cv2.getRotationMatrix2D((pw / 2, ph / 2), deg, scale)
    corners = np.array([[0, 0, 1], [pw, 0, 1], [pw, ph, 1], [0, ph, 1]], np.float64) @ m.T
    off = np.array(centre) - corners.mean(0)
    x0, y0 = np.floor(corners.min(0) + off).astype(int)
    x1, y1 = np.ceil(corners.max(0) + off).astype(int)
    h, w = dst.shape[:2]
    cx0, cy0, cx1, cy1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    if cx1 <= cx0 or cy1 <= cy0:
        return
    m[:, 2] += off - (cx0, cy0)
    roi = dst[cy0:cy1, cx0:cx1]
    cv2.warpAffine(patch, m, (cx1 - cx0, cy1 - cy0), dst=roi, flags=cv2.INTER_LINEAR,
                   borderMode=cv2.BORDER_TRANSPARENT)  # fmt: skip


def _sheet(rng: np.random.Generator, k: float, decoy: bool) -> np.ndarray:
    """A printed sheet (receipt, ticket, letter) covered in text-like lines, at ``k`` px/mm."""
    w, h = int(rng.uniform(40, 100) * k), int(rng.uniform(30, 80) * k)
    tone = int(rng.integers(215, 250))
    img = Image.new("RGB", (max(w, 8), max(h, 8)), (tone, tone - int(rng.integers(0, 8)), tone - 5))
    draw = ImageDraw.Draw(img)
    cap = rng.uniform(1.6, 3.0) * k
    font = _mono(round(cap / 0.73))
    y = rng.uniform(2, 6) * k
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + ("<<<<<<" if decoy else "    ")
    while y < h - cap:
        if rng.random() < 0.5:
            text = " ".join(_WORDS[int(i)] for i in rng.integers(len(_WORDS), size=6))
        else:
            text = "".join(alphabet[int(i)] for i in rng.integers(len(alphabet), size=60))
        ink = int(rng.integers(10, 80))
        draw.text((rng.uniform(2, 8) * k, y), text, font=font, fill=(ink, ink, ink))
        y += cap * rng.uniform(1.6, 2.4)
    return np.asarray(img)[:, :, ::-1].copy()


def scatter(
    img: np.ndarray,
    rng: np.random.Generator,
    k: float,
    n: int,
    avoid: np.ndarray | None = None,
) -> dict[str, int]:
    """Draw ``n`` objects on ``img`` in place: sheets, ruled lines, pens, coins, barcodes.

    Object centres are re-drawn (up to 4 times) when inside the ``avoid`` polygon (the page
    that will cover them), so time goes into clutter that stays visible.
    """
    h, w = img.shape[:2]
    counts: dict[str, int] = {}
    kinds = ("sheet", "sheet", "ruled", "pen", "coin", "barcode")
    for _ in range(n):
        kind = kinds[int(rng.integers(len(kinds)))]
        counts[kind] = counts.get(kind, 0) + 1
        c = (float(rng.uniform(0, w)), float(rng.uniform(0, h)))
        for _retry in range(4):  # objects hidden under the page would be wasted work
            if avoid is None or cv2.pointPolygonTest(avoid, c, False) < 0:
                break
            c = (float(rng.uniform(0, w)), float(rng.uniform(0, h)))
        if kind == "sheet":
            decoy = bool(rng.random() < 0.25)
            counts["mrz_like_decoy"] = counts.get("mrz_like_decoy", 0) + int(decoy)
            ks = min(k, SHEET_MAX_PX_PER_MM)  # sheets are typeset coarser, then enlarged
            patch = _sheet(rng, ks, decoy)
            _paste_rotated(img, patch, c, float(rng.uniform(0, 360)), k / ks)
        elif kind == "ruled":
            ks = min(k, SHEET_MAX_PX_PER_MM)
            pw, ph = int(rng.uniform(60, 120) * ks), int(rng.uniform(40, 90) * ks)
            patch = np.full((ph, pw, 3), int(rng.integers(200, 245)), np.uint8)
            col = tuple(int(v) for v in rng.integers(80, 200, size=3))
            for yy in np.arange(4 * ks, ph, rng.uniform(5, 9) * ks):
                cv2.line(patch, (0, int(yy)), (pw, int(yy)), col, max(1, round(0.2 * ks)))
            _paste_rotated(img, patch, c, float(rng.uniform(0, 360)), k / ks)
        elif kind == "pen":
            ang = rng.uniform(0, 2 * np.pi)
            length = rng.uniform(100, 150) * k
            d = np.array([np.cos(ang), np.sin(ang)]) * length / 2
            p0, p1 = np.array(c) - d, np.array(c) + d
            col = tuple(int(v) for v in rng.integers(0, 255, size=3))
            thick = max(2, int(rng.uniform(7, 11) * k))
            cv2.line(img, tuple(p0.astype(int)), tuple(p1.astype(int)), col, thick, cv2.LINE_AA)
            hi = tuple(min(255, v + 70) for v in col)
            off = np.array([-np.sin(ang), np.cos(ang)]) * thick * 0.2
            cv2.line(img, tuple((p0 + off).astype(int)), tuple((p1 + off).astype(int)), hi,
                     max(1, thick // 5), cv2.LINE_AA)  # fmt: skip
        elif kind == "coin":
            r = int(rng.uniform(8, 13) * k)
            col = tuple(int(v) for v in rng.integers(90, 200, size=3))
            ci = (int(c[0]), int(c[1]))
            cv2.circle(img, ci, r, col, -1, cv2.LINE_AA)
            cv2.circle(img, ci, int(r * 0.8), tuple(max(0, v - 40) for v in col), 2, cv2.LINE_AA)
        else:  # barcode
            ks = min(k, SHEET_MAX_PX_PER_MM)
            pw, ph = int(rng.uniform(30, 60) * ks), int(rng.uniform(10, 20) * ks)
            patch = np.full((ph, pw, 3), 240, np.uint8)
            x = 2.0
            while x < pw - 2:
                bw = rng.uniform(0.2, 0.8) * ks
                if rng.random() < 0.5:
                    cv2.rectangle(patch, (int(x), 0), (int(x + bw), ph), (20, 20, 20), -1)
                x += bw + rng.uniform(0.2, 0.8) * ks
            _paste_rotated(img, patch, c, float(rng.uniform(0, 360)), k / ks)
    return counts
