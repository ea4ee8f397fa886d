"""Security fibres: short coloured threads mixed into the paper pulp.

Why: genuine passport paper carries fibres that fluoresce under UV (often two or three
colours). They sit at random positions and angles, are slightly curved and vary in
brightness because some lie deeper in the paper; a printed imitation shows them flat and
regular. The caller draws each fibre colour with its own seed and combines the masks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from docexam.synth.art.curves import check_positive, check_shape, draw_polylines

_DEPTHS = (0.55, 0.8, 1.0)  # brightness classes: fibres deeper in the pulp glow less


def fibres(
    shape: Sequence[int],
    *,
    px_per_mm: float,
    seed: int,
    count: int,
    length_mm: tuple[float, float] = (2.0, 6.0),
    width_mm: float = 0.1,
) -> np.ndarray:
    """``count`` gently curved fibres, uniformly scattered (centres anywhere on the page).

    Each fibre is a circular arc of random length (uniform in ``length_mm``), direction and
    curvature (bent by up to ~60° over its length), drawn ``width_mm`` wide.
    """
    h, w = check_shape(shape)
    ppm = check_positive("px_per_mm", px_per_mm)
    if int(count) != count or count < 0:
        raise ValueError(f"count must be a non-negative integer, got {count!r}")
    if len(length_mm) != 2:
        raise ValueError(f"length_mm must be (min, max), got {length_mm!r}")
    lo, hi = check_positive("length_mm", length_mm[0]), check_positive("length_mm", length_mm[1])
    if hi < lo:
        raise ValueError(f"length_mm must be (min, max) with min <= max, got {length_mm!r}")
    width = check_positive("width_mm", width_mm)
    out = np.zeros((h, w), np.float32)
    n = int(count)
    if n == 0:
        return out
    rng = np.random.default_rng(seed)
    cx, cy = rng.uniform(0, w, n), rng.uniform(0, h, n)
    length = rng.uniform(lo, hi, n) * ppm
    heading = rng.uniform(0, 2 * math.pi, n)
    bend = rng.uniform(-1.0, 1.0, n)  # total turn over the fibre, radians
    depth = rng.integers(0, len(_DEPTHS), n)
    steps = max(4, min(24, math.ceil(hi * ppm / 2)))
    s = np.linspace(-0.5, 0.5, steps)
    # Arc: heading turns linearly with arc length; integrate the unit tangent.
    ang = heading[:, None] + bend[:, None] * s[None, :]
    ds = length[:, None] / (steps - 1)
    xs = np.cumsum(np.cos(ang) * ds, axis=1)
    ys = np.cumsum(np.sin(ang) * ds, axis=1)
    xs += cx[:, None] - xs.mean(axis=1, keepdims=True)
    ys += cy[:, None] - ys.mean(axis=1, keepdims=True)
    pts = np.stack([xs, ys], axis=2)
    for k, gain in enumerate(_DEPTHS):
        sel = pts[depth == k]
        if len(sel):
            layer = draw_polylines((h, w), list(sel), width_px=width * ppm) * np.float32(gain)
            np.maximum(out, layer, out=out)
    return out
