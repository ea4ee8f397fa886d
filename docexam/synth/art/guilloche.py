"""Guilloche: interlaced sine bands, rosettes, frame borders and relief lines.

Why: fine, mathematically regular line work is what makes a banknote or passport background
hard to scan and reprint; an examiner (and a detector) looks for its continuity and fineness.
All curves are generated analytically in mm and drawn with ``draw_polylines`` at the
physical line width, so the same call looks right at 4, 12 or 24 px/mm.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import cv2
import numpy as np

from docexam.synth.art.curves import (
    Region,
    check_non_negative,
    check_positive,
    check_shape,
    draw_polylines,
    line_family,
    region_px,
)

_STYLES = ("epitrochoid", "hypotrochoid", "lissajous")


def wave_bands(
    shape: Sequence[int],
    *,
    px_per_mm: float,
    region_mm: Region | None = None,
    spacing_mm: float,
    amplitude_mm: float,
    wavelength_mm: float,
    second_amplitude_mm: float = 0.0,
    second_wavelength_mm: float = 5.0,
    phase: float = 0.0,
    drift: float = 0.15,
    line_mm: float = 0.08,
    angle_deg: float = 0.0,
) -> np.ndarray:
    """Interlaced sine curves, each phase-shifted by ``drift`` from its neighbour.

    The amplitude is usually several spacings, so neighbouring curves cross and the drift
    turns the crossings into the woven moiré of a banknote background.
    """
    shp = check_shape(shape)
    ppm = check_positive("px_per_mm", px_per_mm)
    spacing = check_positive("spacing_mm", spacing_mm)
    a1 = check_non_negative("amplitude_mm", amplitude_mm)
    lam1 = check_positive("wavelength_mm", wavelength_mm)
    a2 = check_non_negative("second_amplitude_mm", second_amplitude_mm)
    lam2 = check_positive("second_wavelength_mm", second_wavelength_mm)
    check_positive("line_mm", line_mm)
    for name, val in (("phase", phase), ("drift", drift), ("angle_deg", angle_deg)):
        if not math.isfinite(val):
            raise ValueError(f"{name} must be finite, got {val!r}")
    lam_min = min([lam for a, lam in ((a1, lam1), (a2, lam2)) if a > 0], default=None)
    step = 1e9 if lam_min is None else min(2.0, lam_min * ppm / 24.0)  # straight: 2 points

    def offset(u: np.ndarray, k: int, _base: np.ndarray) -> np.ndarray:
        w1 = a1 * np.sin(2 * np.pi * u / lam1 + phase + k * drift)
        return w1 + a2 * np.sin(2 * np.pi * u / lam2 + 2.0 * phase - 0.7 * k * drift)

    return line_family(shp, ppm, region_mm, spacing, angle_deg, line_mm, a1 + a2, step, offset)


def _rosette_curve(style: str, petals: int, t: np.ndarray, f: float) -> np.ndarray:
    """One closed curve (x, y) with ``petals``-fold symmetry; ``f`` in 0..1 varies its shape."""
    p = petals
    if style == "epitrochoid":  # fixed circle R = p, rolling circle r = 1
        d = 0.5 + 1.6 * f
        return np.stack(
            [
                (p + 1) * np.cos(t) - d * np.cos((p + 1) * t),
                (p + 1) * np.sin(t) - d * np.sin((p + 1) * t),
            ],
            axis=1,
        )
    if style == "hypotrochoid":
        d = (p - 1) * (0.35 + 0.5 * f)
        return np.stack(
            [
                (p - 1) * np.cos(t) + d * np.cos((p - 1) * t),
                (p - 1) * np.sin(t) - d * np.sin((p - 1) * t),
            ],
            axis=1,
        )
    # lissajous: a 1:2 Lissajous figure wrapped round the circle (radius p, angle 2p).
    rho = 1.0 + 0.5 * (1 - np.cos(p * t))
    phi = t + (math.pi / p) * (0.3 + 0.5 * f) * np.sin(2 * p * t)
    return np.stack([rho * np.cos(phi), rho * np.sin(phi)], axis=1)


def _samples(style: str, petals: int, f: float, span_px: float, inner_px: float) -> int:
    """Points for ~1.2 px steps along one rosette curve, from a coarse length estimate."""
    t = np.linspace(0.0, 2 * math.pi, 48 * petals + 64)
    xy = _rosette_curve(style, petals, t, f)
    rho = np.hypot(xy[:, 0], xy[:, 1])
    rho = inner_px + (rho - rho.min()) / max(float(np.ptp(rho)), 1e-9) * span_px
    ang = np.unwrap(np.arctan2(xy[:, 1], xy[:, 0]))
    length = np.hypot(np.diff(rho), rho[1:] * np.diff(ang)).sum()
    return int(np.clip(length / 1.2, 256, 200000))


def rosette(
    shape: Sequence[int],
    *,
    px_per_mm: float,
    centre_mm: tuple[float, float],
    radius_mm: float,
    inner_mm: float,
    petals: int,
    rings: int = 12,
    line_mm: float = 0.08,
    phase: float = 0.0,
    style: str = "epitrochoid",
) -> np.ndarray:
    """A medallion of ``rings`` rotated, gradually reshaped closed curves filling an annulus.

    Each curve is radially remapped onto [inner_mm, radius_mm], so the rosette never spills
    past its radius whatever the style; rotating successive curves by a fraction of a petal
    weaves them into the mesh typical of passport medallions.
    """
    h, w = check_shape(shape)
    ppm = check_positive("px_per_mm", px_per_mm)
    r_out = check_positive("radius_mm", radius_mm)
    r_in = check_non_negative("inner_mm", inner_mm)
    if r_in >= r_out:
        raise ValueError(f"inner_mm must be smaller than radius_mm, got {inner_mm!r}")
    if style not in _STYLES:
        raise ValueError(f"style must be one of {_STYLES}, got {style!r}")
    if int(petals) != petals or petals < (3 if style == "hypotrochoid" else 1):
        raise ValueError(f"petals must be a positive integer (>= 3 for hypotrochoid): {petals!r}")
    if int(rings) != rings or rings < 1:
        raise ValueError(f"rings must be a positive integer, got {rings!r}")
    check_positive("line_mm", line_mm)
    cx, cy = (float(v) * ppm for v in centre_mm)
    lines = []
    for k in range(int(rings)):
        f = k / max(1, rings - 1)
        # A coarse pass measures the curve's length; the drawn one has ~1.2 px steps. Sampling
        # for the tightest loop everywhere would cost 10× more in trigonometry than in drawing.
        n = _samples(style, int(petals), f, (r_out - r_in) * ppm, r_in * ppm)
        xy = _rosette_curve(style, int(petals), np.linspace(0.0, 2 * math.pi, n), f)
        rho = np.hypot(xy[:, 0], xy[:, 1])
        ang = np.arctan2(xy[:, 1], xy[:, 0]) + phase + 2 * math.pi * k / (petals * rings)
        lo, hi = rho.min(), rho.max()
        breathe = 0.04 * (r_out - r_in) * (1 - math.cos(2 * math.pi * f))  # soften the rims
        a, b = r_in + breathe * (r_in > 0), r_out - breathe
        rr = (a + (rho - lo) / max(hi - lo, 1e-9) * (b - a)) * ppm
        lines.append(np.stack([cx + rr * np.cos(ang), cy + rr * np.sin(ang)], axis=1))
    return draw_polylines((h, w), lines, width_px=line_mm * ppm)


def _rounded_rect(x0: float, y0: float, x1: float, y1: float, rc: float, step: float):
    """Points, outward normals and arc length along a rounded rectangle (clockwise in image)."""
    pts, nrm = [], []
    corners = (
        (x1 - rc, y0 + rc, -90),
        (x1 - rc, y1 - rc, 0),
        (x0 + rc, y1 - rc, 90),
        (x0 + rc, y0 + rc, 180),
    )
    starts = ((x0 + rc, y0), (x1, y0 + rc), (x1 - rc, y1), (x0, y1 - rc))
    for (sx, sy), (cx, cy, a0) in zip(starts, corners, strict=True):
        ex, ey = cx + rc * math.cos(math.radians(a0)), cy + rc * math.sin(math.radians(a0))
        m = max(2, math.ceil(math.hypot(ex - sx, ey - sy) / step))
        tt = np.linspace(0, 1, m, endpoint=False)
        pts.append(np.stack([sx + (ex - sx) * tt, sy + (ey - sy) * tt], 1))
        nrm.append(np.tile([math.cos(math.radians(a0)), math.sin(math.radians(a0))], (m, 1)))
        a = np.radians(
            a0 + 90 * np.linspace(0, 1, max(2, math.ceil(rc * math.pi / 2 / step)), endpoint=False)
        )
        pts.append(np.stack([cx + rc * np.cos(a), cy + rc * np.sin(a)], 1))
        nrm.append(np.stack([np.cos(a), np.sin(a)], 1))
    p, nv = np.vstack(pts), np.vstack(nrm)
    seg = np.hypot(*np.diff(np.vstack([p, p[:1]]), axis=0).T)
    return p, nv, np.concatenate([[0.0], np.cumsum(seg)[:-1]]), float(seg.sum())


def border(
    shape: Sequence[int],
    *,
    px_per_mm: float,
    inset_mm: float,
    width_mm: float,
    strands: int = 4,
    waves_per_100mm: float = 18,
    line_mm: float = 0.08,
    phase: float = 0.0,
) -> np.ndarray:
    """Interlaced sine strands running round the page in a band ``inset_mm`` from its edge.

    The wave count is rounded to a whole number per lap so the strands close without a seam,
    and the corners are rounded so the strands bend instead of folding.
    """
    h, w = check_shape(shape)
    ppm = check_positive("px_per_mm", px_per_mm)
    inset = check_non_negative("inset_mm", inset_mm)
    band = check_positive("width_mm", width_mm)
    if int(strands) != strands or strands < 1:
        raise ValueError(f"strands must be a positive integer, got {strands!r}")
    waves = check_positive("waves_per_100mm", waves_per_100mm)
    line = check_positive("line_mm", line_mm)
    pw, ph = w / ppm, h / ppm
    half = band / 2
    x0, y0, x1, y1 = inset + half, inset + half, pw - inset - half, ph - inset - half
    if x1 - x0 <= 0 or y1 - y0 <= 0:
        raise ValueError(f"inset_mm + width_mm leave no room on the page: {inset_mm!r}")
    rc = min(band, (x1 - x0) / 2, (y1 - y0) / 2)
    p, nrm, s, total = _rounded_rect(x0, y0, x1, y1, rc, 0.5 / ppm)
    lam = total / max(1, round(total * waves / 100.0))
    amp = max(0.0, half - line / 2)
    lines = []
    for j in range(int(strands)):
        off = amp * np.sin(2 * np.pi * s / lam + phase + 2 * np.pi * j / strands)
        lines.append((p + nrm * off[:, None]) * ppm)
    return draw_polylines((h, w), lines, width_px=line * ppm, closed=True)


def _default_bump(h: int, w: int) -> np.ndarray:
    """A soft five-pointed star: a recognisable latent image when the caller gives none."""
    sh, sw = max(8, h // 4), max(8, w // 4)  # drawn and blurred small: it is smooth anyway
    img = np.zeros((sh, sw), np.uint8)
    a = np.radians(np.arange(10) * 36 - 90)
    r = np.where(np.arange(10) % 2 == 0, 0.45, 0.19) * min(sh, sw)
    pts = np.stack([sw / 2 + r * np.cos(a), sh / 2 + r * np.sin(a)], 1)
    cv2.fillPoly(img, [np.round(pts).astype(np.int32)], 255, cv2.LINE_AA)
    small = cv2.GaussianBlur(img.astype(np.float32) / 255, (0, 0), max(0.5, min(sh, sw) / 40))
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def relief(
    shape: Sequence[int],
    *,
    px_per_mm: float,
    region_mm: Region,
    spacing_mm: float,
    line_mm: float,
    bump: np.ndarray | None = None,
    depth_mm: float | None = None,
) -> np.ndarray:
    """Parallel lines lifted by ``bump`` (0..1 image stretched over the region).

    The displaced lines make a picture appear only as a relief in the line pattern, the
    latent-image trick that no photocopier reproduces faithfully. ``depth_mm`` defaults to
    1.2 line spacings.
    """
    shp = check_shape(shape)
    ppm = check_positive("px_per_mm", px_per_mm)
    spacing = check_positive("spacing_mm", spacing_mm)
    check_positive("line_mm", line_mm)
    depth = 1.2 * spacing if depth_mm is None else check_non_negative("depth_mm", depth_mm)
    x0, y0, x1, y1 = region_px(shp, region_mm, ppm)
    if x1 <= x0 or y1 <= y0:
        return np.zeros(shp, np.float32)
    if bump is None:
        field = _default_bump(y1 - y0, x1 - x0)
    else:
        b = np.asarray(bump, np.float32)
        if b.ndim != 2 or min(b.shape) < 1 or not np.isfinite(b).all():
            raise ValueError("bump must be a finite 2-D array of 0..1 values")
        field = cv2.resize(np.clip(b, 0, 1), (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR)
    fh, fw = field.shape

    def offset(u: np.ndarray, _k: int, base: np.ndarray) -> np.ndarray:
        col = np.clip(np.round(u * ppm - x0).astype(int), 0, fw - 1)
        row = np.clip(np.round(base * ppm - y0).astype(int), 0, fh - 1)
        return -depth * field[row, col]

    return line_family(shp, ppm, region_mm, spacing, 0.0, line_mm, depth, 2.0, offset)
