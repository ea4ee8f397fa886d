"""Security-print look-alikes for synthetic pages: tinted paper, guilloche, portrait, signature.

Why: an MRZ locator that only ever sees black text on white learns nothing about the fine
line backgrounds, faces and signatures that sit next to a real MRZ. These drawings are
cheap (OpenCV polylines and ellipses, a few ms per page) and carry no real security
feature: they only imitate the visual clutter.
"""

from __future__ import annotations

import cv2
import numpy as np

SHIFT = 4  # fixed-point bits for sub-pixel cv2 drawing
_SKIN = ((185, 205, 238), (150, 180, 225), (115, 150, 200), (85, 120, 170), (55, 80, 120))  # BGR
_ONE = 1 << SHIFT


def paper(rng: np.random.Generator, w: int, h: int, tint: tuple[int, int, int]) -> np.ndarray:
    """A light tinted paper with smooth low-frequency colour variation (BGR uint8)."""
    low = rng.normal(0.0, 6.0, size=(4, 6, 3)).astype(np.float32)
    small = cv2.resize(low, (max(8, w // 8), max(8, h // 8)), interpolation=cv2.INTER_CUBIC)
    small = np.clip(small + np.asarray(tint, np.float32), 0, 255).astype(np.uint8)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def _poly(img: np.ndarray, pts: np.ndarray, color: tuple[int, ...], thick: int) -> None:
    p = np.round(pts * _ONE).astype(np.int32).reshape(-1, 1, 2)
    cv2.polylines(img, [p], False, color, thick, cv2.LINE_AA, SHIFT)


def guilloche(
    img: np.ndarray,
    rng: np.random.Generator,
    px_per_mm: float,
    color: tuple[int, int, int],
) -> None:
    """Draw interlaced sine-wave bands and one rosette in ``color`` (in place)."""
    h, w = img.shape[:2]
    thick = max(1, round(0.07 * px_per_mm))
    x = np.linspace(0, w, max(64, w // 3), dtype=np.float64)
    spacing = rng.uniform(1.2, 2.2) * px_per_mm
    lam1, lam2 = rng.uniform(12, 30) * px_per_mm, rng.uniform(4, 9) * px_per_mm
    amp1, amp2 = rng.uniform(2, 6) * px_per_mm, rng.uniform(0.5, 1.5) * px_per_mm
    ph = rng.uniform(0, 2 * np.pi, size=2)
    for k, y0 in enumerate(np.arange(-amp1, h + amp1, spacing)):
        y = (
            y0
            + amp1 * np.sin(2 * np.pi * x / lam1 + ph[0] + 0.15 * k)
            + amp2 * np.sin(2 * np.pi * x / lam2 + ph[1] - 0.4 * k)
        )
        _poly(img, np.stack([x, y], 1), color, thick)
    # A rosette (epitrochoid) somewhere in the upper part of the page.
    cx, cy = rng.uniform(0.45, 0.85) * w, rng.uniform(0.2, 0.5) * h
    radius = rng.uniform(0.12, 0.2) * min(w, h) * 1.6
    t = np.linspace(0, 2 * np.pi, 1500)
    n_petals = int(rng.integers(9, 19))
    darker = tuple(max(0, c - 15) for c in color)
    for j in range(10):
        r = radius * (0.55 + 0.045 * j)
        rr = r * (0.8 + 0.2 * np.cos(n_petals * t + j * 0.3))
        pts = np.stack([cx + rr * np.cos(t), cy + rr * np.sin(t)], 1)
        _poly(img, pts, darker, thick)


def portrait(
    img: np.ndarray, rng: np.random.Generator, box: tuple[int, int, int, int], ghost: bool = False
) -> None:
    """A face-like placeholder (head, hair, eyes, shoulders) inside ``box`` = x0, y0, x1, y1.

    ``ghost`` draws it faint, like the secondary "ghost image" printed on many passports.
    """
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if w < 8 or h < 8:
        return
    roi = img[y0:y1, x0:x1]
    layer = np.empty_like(roi)
    layer[:] = np.asarray(rng.integers(170, 235, size=3), np.uint8)
    tone = _SKIN[int(rng.integers(len(_SKIN)))]
    skin = tuple(int(np.clip(c + rng.integers(-12, 13), 0, 255)) for c in tone)
    hair = tuple(int(v) for v in rng.integers(10, 90, size=3))
    cloth = tuple(int(v) for v in rng.integers(20, 140, size=3))
    cx, cy = w / 2 + rng.uniform(-0.04, 0.04) * w, h * rng.uniform(0.38, 0.45)
    hw, hh = w * rng.uniform(0.22, 0.28), h * rng.uniform(0.22, 0.27)

    def ell(c: tuple[float, float], ax: tuple[float, float], col: tuple[int, ...]) -> None:
        cen = (round(c[0] * _ONE), round(c[1] * _ONE))
        axes = (max(1, round(ax[0] * _ONE)), max(1, round(ax[1] * _ONE)))
        cv2.ellipse(layer, cen, axes, 0, 0, 360, col, -1, cv2.LINE_AA, SHIFT)

    ell((w / 2, h * 1.02), (w * 0.48, h * 0.3), cloth)  # shoulders
    ell((cx, cy + hh * 0.9), (hw * 0.45, hh * 0.6), skin)  # neck
    ell((cx, cy - hh * 0.25), (hw * 1.1, hh * 0.95), hair)  # hair
    ell((cx, cy), (hw, hh), skin)  # face
    for sx in (-1, 1):
        ell((cx + sx * hw * 0.4, cy - hh * 0.12), (hw * 0.14, hh * 0.06), (40, 40, 40))
        ell((cx + sx * hw * 0.4, cy - hh * 0.28), (hw * 0.2, hh * 0.03), hair)  # brows
    ell((cx, cy + hh * 0.45), (hw * 0.3, hh * 0.05), (70, 70, 150))  # mouth
    ell((cx, cy + hh * 0.1), (hw * 0.08, hh * 0.15), tuple(max(0, c - 25) for c in skin))
    layer = cv2.GaussianBlur(layer, (0, 0), max(0.5, w / 120))
    if ghost:
        gray = cv2.cvtColor(layer, cv2.COLOR_BGR2GRAY)
        faint = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR).astype(np.float32)
        roi[:] = np.clip(0.7 * roi + 0.3 * faint, 0, 255).astype(np.uint8)
    else:
        roi[:] = layer
        cv2.rectangle(roi, (0, 0), (w - 1, h - 1), (120, 120, 120), 1)


def signature(
    img: np.ndarray, rng: np.random.Generator, box: tuple[int, int, int, int], px_per_mm: float
) -> None:
    """A pen-like scribble in blue-black ink inside ``box``."""
    x0, y0, x1, y1 = box
    n = int(rng.integers(5, 10))
    t = np.linspace(0, 1, 40 * n)
    xs = x0 + (x1 - x0) * (t + 0.04 * np.sin(2 * np.pi * n * t * rng.uniform(0.8, 1.2)))
    ys = (y0 + y1) / 2 + (y1 - y0) * 0.35 * np.sin(2 * np.pi * n * t + rng.uniform(0, 6)) * (
        0.6 + 0.4 * np.sin(7 * t)
    )
    ink = (int(rng.integers(60, 120)), int(rng.integers(20, 50)), int(rng.integers(10, 40)))
    _poly(img, np.stack([xs, ys], 1), ink, max(1, round(0.25 * px_per_mm)))
