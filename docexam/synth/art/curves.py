"""Antialiased fine-line drawing, soft painting and the shared argument checks of the art package.

Why: security printing uses 0.05-0.15 mm lines, which at 300 dpi are narrower than a pixel.
Drawing them as 1-px lines at full ink would make every guilloche look coarse and heavy, so a
sub-pixel line is drawn as OpenCV's antialiased 1-px line with its ink scaled by its physical
width (the ink per unit length stays right). Wider lines are built from parallel 1-px strokes
at sub-pixel offsets, which keeps their widths continuous instead of OpenCV's integer steps.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import cv2
import numpy as np

SHIFT = 4  # fixed-point bits for sub-pixel cv2 drawing
_ONE = 1 << SHIFT
# Integrated cross-section (px) of a cv2 thickness-1 LINE_AA stroke, measured on straight and
# curved lines (1.17-1.41): the ink a "1-px" antialiased line really lays down.
AA_WIDTH_PX = 1.3

Region = tuple[float, float, float, float]


def check_shape(shape: Sequence[int]) -> tuple[int, int]:
    """Validate ``shape`` = (h, w) with positive integer sizes."""
    if len(shape) < 2:
        raise ValueError(f"shape must be (h, w), got {shape!r}")
    h, w = shape[0], shape[1]
    if int(h) != h or int(w) != w or h <= 0 or w <= 0:
        raise ValueError(f"shape must hold positive integer sizes, got {shape!r}")
    return int(h), int(w)


def check_positive(name: str, value: float) -> float:
    """Return ``value`` as float, or raise ValueError naming ``name`` unless finite and > 0."""
    v = float(value)
    if not math.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    return v


def check_non_negative(name: str, value: float) -> float:
    """Return ``value`` as float, or raise ValueError naming ``name`` unless finite and >= 0."""
    v = float(value)
    if not math.isfinite(v) or v < 0:
        raise ValueError(f"{name} must be a non-negative number, got {value!r}")
    return v


def check_region(region_mm: Sequence[float], name: str = "region_mm") -> Region:
    """Validate an (x, y, w, h) rectangle in mm with positive width and height."""
    if len(region_mm) != 4:
        raise ValueError(f"{name} must be (x, y, w, h), got {region_mm!r}")
    x, y, w, h = (float(v) for v in region_mm)
    if not all(math.isfinite(v) for v in (x, y, w, h)) or w <= 0 or h <= 0:
        raise ValueError(f"{name} must be finite with positive width and height, got {region_mm!r}")
    return x, y, w, h


def region_px(
    shape: tuple[int, int], region_mm: Region | None, px_per_mm: float
) -> tuple[int, int, int, int]:
    """The region as integer pixel bounds (x0, y0, x1, y1), clipped to the page (may be empty)."""
    h, w = shape
    if region_mm is None:
        return 0, 0, w, h
    x, y, rw, rh = check_region(region_mm)
    x0, y0 = round(x * px_per_mm), round(y * px_per_mm)
    x1, y1 = round((x + rw) * px_per_mm), round((y + rh) * px_per_mm)
    return max(0, x0), max(0, y0), min(w, x1), min(h, y1)


def offset_polyline(pts: np.ndarray, d: float, closed: bool = False) -> np.ndarray:
    """Shift a polyline by ``d`` px along its (vertex-averaged) left normal."""
    if d == 0 or len(pts) < 2:
        return pts
    ext = np.vstack([pts[-2:-1], pts, pts[1:2]]) if closed else pts
    seg = np.diff(ext, axis=0)
    seg /= np.maximum(np.hypot(seg[:, 0], seg[:, 1]), 1e-9)[:, None]
    tang = seg[:-1] + seg[1:]
    if not closed:  # the end points keep their one segment's direction
        tang = np.vstack([seg[:1], tang, seg[-1:]])
    tang /= np.maximum(np.hypot(tang[:, 0], tang[:, 1]), 1e-9)[:, None]
    return pts + d * np.stack([-tang[:, 1], tang[:, 0]], axis=1)


def to_fixed(pts: np.ndarray) -> np.ndarray:
    """Float px -> int32 fixed-point points for cv2 drawing with ``shift=SHIFT``."""
    return np.round(np.asarray(pts, np.float64) * _ONE).astype(np.int32).reshape(-1, 1, 2)


def draw_polylines(
    shape: Sequence[int],
    polylines: Sequence[np.ndarray],
    *,
    width_px: float,
    closed: bool = False,
) -> np.ndarray:
    """Draw ``polylines`` ((N, 2) float arrays, px) as antialiased lines into a float32 mask.

    Sub-pixel widths keep a 1-px stroke whose ink is scaled by the width, so a 0.08 mm line
    at 300 dpi reads faint and fine. Overlaps composite like one ink printed twice (never
    above 1); combine separate masks with ``np.maximum``.
    """
    h, w = check_shape(shape)
    width = check_positive("width_px", width_px)
    lines = []
    for p in polylines:
        arr = np.asarray(p, np.float64)
        if arr.ndim != 2 or arr.shape[1] != 2:
            raise ValueError(f"polylines must be (N, 2) arrays, got shape {arr.shape}")
        if not np.isfinite(arr).all():
            raise ValueError("polylines contain non-finite coordinates")
        if len(arr) >= 2:
            lines.append(arr)
    canvas = np.zeros((h, w), np.uint8)
    if not lines:
        return canvas.astype(np.float32)
    if width <= AA_WIDTH_PX:
        offsets, gain = [0.0], width / AA_WIDTH_PX
    else:
        spread = width - AA_WIDTH_PX
        offsets, gain = list(np.linspace(-spread / 2, spread / 2, math.ceil(spread) + 1)), 1.0
    for d in offsets:
        fixed = [to_fixed(offset_polyline(p, d, closed)) for p in lines]
        cv2.polylines(canvas, fixed, closed, 255, 1, cv2.LINE_AA, SHIFT)
    return canvas.astype(np.float32) * np.float32(gain / 255.0)


def line_family(
    shape: tuple[int, int],
    px_per_mm: float,
    region_mm: Region | None,
    spacing_mm: float,
    angle_deg: float,
    line_mm: float,
    margin_mm: float,
    step_px: float,
    offset: Callable[[np.ndarray, int, np.ndarray], np.ndarray],
) -> np.ndarray:
    """Draw parallel lines ``v = k·spacing + offset(u, k, base)`` in a page-anchored rotated frame.

    Anchoring the frame at the page origin (not the region) lets two regions drawn with the
    same parameters join seamlessly. Only the region's pixels are drawn (zero elsewhere).
    """
    out = np.zeros(shape, np.float32)
    x0, y0, x1, y1 = region_px(shape, region_mm, px_per_mm)
    if x1 <= x0 or y1 <= y0:
        return out
    th = math.radians(angle_deg)
    c, s = math.cos(th), math.sin(th)
    corners = np.array([[x0, y0], [x1, y0], [x0, y1], [x1, y1]], np.float64) / px_per_mm
    u_all = corners[:, 0] * c + corners[:, 1] * s
    v_all = -corners[:, 0] * s + corners[:, 1] * c
    n_pts = max(2, math.ceil((u_all.max() - u_all.min()) * px_per_mm / step_px) + 1)
    u = np.linspace(u_all.min() - 1.0, u_all.max() + 1.0, n_pts)
    k_lo = math.floor((v_all.min() - margin_mm) / spacing_mm)
    k_hi = math.ceil((v_all.max() + margin_mm) / spacing_mm)
    lines = []
    for k in range(k_lo, k_hi + 1):
        base = np.full_like(u, k * spacing_mm)
        v = base + offset(u, k, base)
        pts = np.stack([u * c - v * s, u * s + v * c], axis=1) * px_per_mm
        lines.append(pts - (x0, y0))
    out[y0:y1, x0:x1] = draw_polylines((y1 - y0, x1 - x0), lines, width_px=line_mm * px_per_mm)
    return out


# Soft painting, for photo-like imagery (portraits, foils) rather than printed lines.


def fill_mask(hw: tuple[int, int], polys: list[np.ndarray], blur: float) -> np.ndarray:
    """Antialiased filled polygons as a 0..1 mask, softened so edges look photographic.

    Only the polygons' bounding box (plus the blur's reach) is drawn and blurred: a portrait
    paints some 25 shapes, and full-frame work for each would blow the time budget.
    """
    out, allp, pad = np.zeros(hw, np.float32), np.vstack(polys), int(3 * blur) + 2
    x0, y0 = (max(0, int(v) - pad) for v in allp.min(0))
    x1, y1 = (min(n, int(v) + pad + 1) for n, v in zip(hw[::-1], allp.max(0), strict=True))
    if x1 <= x0 or y1 <= y0:
        return out
    canvas = np.zeros((y1 - y0, x1 - x0), np.uint8)
    for p in polys:  # one call each: a single call would XOR the overlaps
        cv2.fillPoly(canvas, [to_fixed(p - (x0, y0))], 255, cv2.LINE_AA, SHIFT)
    if blur > 0:
        canvas = cv2.GaussianBlur(canvas, (0, 0), blur)
    out[y0:y1, x0:x1] = canvas.astype(np.float32) / 255.0
    return out


def paint(img: np.ndarray, mask: np.ndarray, colour) -> None:
    """Paint ``colour`` over ``img`` (in place) with coverage ``mask``, within its bounding box.

    ``colour`` is a BGR triple, a full-frame (h, w, 3) field, or a function of the box's
    slices returning the field there, so shaded colour fields are only computed where used.
    """
    x, y, bw, bh = cv2.boundingRect((mask > 1e-3).view(np.uint8))
    if bw == 0 or bh == 0:
        return
    sl = (slice(y, y + bh), slice(x, x + bw))
    col = np.asarray(colour(sl) if callable(colour) else colour, np.float32)
    col = col[sl] if col.ndim == 3 and col.shape[:2] == img.shape[:2] else col
    roi = img[sl]
    roi += (col - roi) * mask[sl][..., None]


def spot(img: np.ndarray, c, sig, amount: float, colour=None) -> None:
    """A soft Gaussian spot: darken/lighten by ``amount`` (colour None) or tint towards colour."""
    h, w = img.shape[:2]
    x0, x1 = max(0, int(c[0] - 3 * sig[0])), min(w, int(c[0] + 3 * sig[0]) + 1)
    y0, y1 = max(0, int(c[1] - 3 * sig[1])), min(h, int(c[1] + 3 * sig[1]) + 1)
    if x1 <= x0 or y1 <= y0:
        return
    gx = np.exp(-0.5 * ((np.arange(x0, x1) - c[0]) / sig[0]) ** 2)
    gy = np.exp(-0.5 * ((np.arange(y0, y1) - c[1]) / sig[1]) ** 2)
    g = (gy[:, None] * gx[None, :]).astype(np.float32)[..., None]
    roi = img[y0:y1, x0:x1]
    if colour is None:
        roi *= 1.0 + amount * g
    else:
        roi += (np.asarray(colour, np.float32) - roi) * (amount * g)


def wide_blur(mask: np.ndarray, sigma: float) -> np.ndarray:
    """A wide Gaussian blur done at quarter resolution (for shading, where detail is moot)."""
    h, w = mask.shape
    small = cv2.resize(mask, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), max(0.5, sigma / 4))
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
