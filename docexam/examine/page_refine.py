"""Sub-pixel page corners: fit a line to the edge points of each side at full resolution.

Why not corner detectors: a document's corners are often rounded, worn, in shadow or under
a finger, while its sides are long and straight; four robustly fitted side lines, intersected,
give corners that are better than any one corner's pixels. The search looks only near the
coarse quad (so a 3000 x 2000 photo costs a few thousand samples), and it looks for a step
(page on one side, background on the other), not for a thin printed line, with the step's
colour direction measured per side: a white page on a white lid differs mostly in tint.
"""

from __future__ import annotations

import cv2
import numpy as np

_SAMPLES = (16, 48)  # samples per side: min, max
_TANGENT = (-1.0, 0.0, 1.0)  # each sample averages three profiles 1 px apart


def _lines_intersect(p: np.ndarray, d: np.ndarray, q: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Intersection of lines p + s d and q + t e (NaN when parallel)."""
    den = d[0] * e[1] - d[1] * e[0]
    if abs(den) < 1e-12:
        return np.array([np.nan, np.nan])
    s = ((q[0] - p[0]) * e[1] - (q[1] - p[1]) * e[0]) / den
    return p + s * d


def _channels(prof: np.ndarray) -> np.ndarray:
    """Grey and two weighted colour-difference channels of BGR profiles (..., 3)."""
    b, g, r = prof[..., 0], prof[..., 1], prof[..., 2]
    lum = 0.299 * r + 0.587 * g + 0.114 * b
    return np.stack([lum, 1.5 * (r - g), 1.5 * (b - g)], -1)


def _side_points(
    img: np.ndarray, a: np.ndarray, b: np.ndarray, out: np.ndarray, reach: float, win: int
) -> tuple[np.ndarray, np.ndarray]:
    """Edge points (n, 2) along side a-b and their step strengths (n,)."""
    u = b - a
    length = float(np.linalg.norm(u))
    u = u / max(length, 1e-9)
    n = max(_SAMPLES[0], min(_SAMPLES[1], int(length / 8)))
    ts = np.linspace(0.08, 0.92, n) * length
    offs = np.arange(-reach, reach + 0.5, 1.0)
    tan = np.array(_TANGENT)
    base = a[None, None, None, :] + (ts[:, None, None, None] + tan[None, :, None, None]) * u
    pts = base + offs[None, None, :, None] * out
    mx = pts[..., 0].astype(np.float32).reshape(n * len(tan), len(offs))
    my = pts[..., 1].astype(np.float32).reshape(n * len(tan), len(offs))
    prof = cv2.remap(img, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    if prof.ndim == 2:
        prof = np.repeat(prof[..., None], 3, -1)
    prof = prof.reshape(n, len(tan), len(offs), 3).astype(np.float32).mean(1)
    ch = _channels(prof)  # (n, m, 3), offsets run from inside (-reach) to outside (+reach)
    # Haar step response at each offset: mean of the next ``win`` minus the previous ``win``.
    c = np.concatenate([np.zeros((n, 1, 3), np.float32), np.cumsum(ch, 1)], 1)
    m = len(offs)
    k = np.arange(win, m - win + 1)
    step = (c[:, k + win] - c[:, k]) - (c[:, k] - c[:, k - win])
    step /= win
    # The side's step colour: background (outer third) minus page (inner third). Only steps
    # of that sign count, so the far edge of a page's shadow or a dark printed line inside
    # the page (whose near flank has the other sign) is not taken for the page edge.
    # Measured close to the coarse line (within half the reach), so that a shadow or a
    # neighbouring object further out does not decide the sign.
    near = np.abs(offs) <= max(3.0, reach / 2)
    inner, outer = near & (offs <= -1.5), near & (offs >= 1.5)
    v = np.median(ch[:, outer].mean(1) - ch[:, inner].mean(1), 0)
    nv = float(np.linalg.norm(v))
    if nv < 1e-6:
        return np.zeros((0, 2)), np.zeros(0)
    prior = 1.0 - 0.5 * ((offs[k] - 0.5) / reach) ** 2  # a mild pull towards the coarse line
    proj = np.maximum(step @ (v / nv), 0) * prior[None, :]
    i = np.argmax(proj, 1)
    peak = proj[np.arange(n), i]
    # Sub-pixel: parabola through the peak and its neighbours.
    il, ir = np.clip(i - 1, 0, proj.shape[1] - 1), np.clip(i + 1, 0, proj.shape[1] - 1)
    yl, yr = proj[np.arange(n), il], proj[np.arange(n), ir]
    den = yl - 2 * peak + yr
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.where(den < 0, 0.5 * (yl - yr) / den, 0.0)
    d = np.clip(d, -0.5, 0.5)
    # Step k sits between sample k-1 and k: offset = offs[k] - 0.5.
    pos = offs[k[i]] - 0.5 + d
    inner = (i > 0) & (i < proj.shape[1] - 1)
    pts2 = a + ts[:, None] * u + pos[:, None] * out
    keep = inner & (peak > 0.35 * np.median(peak))
    return pts2[keep], peak[keep]


def _fit(pts: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Robust line through ``pts``: (point, unit direction), or None with too few inliers."""
    if len(pts) < 6:
        return None
    use = np.ones(len(pts), bool)
    for _ in range(3):
        p = pts[use]
        c = p.mean(0)
        _, _, vt = np.linalg.svd(p - c, full_matrices=False)
        d = vt[0]
        res = np.abs((pts - c) @ np.array([-d[1], d[0]]))
        mad = float(np.median(res[use])) * 1.4826
        new = res <= max(1.0, 3.0 * mad)
        if new.sum() < 6:
            return None
        if (new == use).all():
            break
        use = new
    return c, d


def refine(img: np.ndarray, corners: np.ndarray, reach: float) -> np.ndarray | None:
    """Corners (4, 2) refined by side-line fits within ``reach`` px; None when a side fails."""
    centre = corners.mean(0)
    lines = []
    win = max(2, min(4, round(reach / 6)))
    for k in range(4):
        a, b = corners[k], corners[(k + 1) % 4]
        u = (b - a) / max(np.linalg.norm(b - a), 1e-9)
        out = np.array([u[1], -u[0]])
        if out @ ((a + b) / 2 - centre) < 0:
            out = -out
        pts, _ = _side_points(img, a, b, out, reach, win)
        fit = _fit(pts)
        if fit is None:
            return None
        lines.append(fit)
    res = np.array([_lines_intersect(*lines[(k - 1) % 4], *lines[k]) for k in range(4)], np.float64)
    if not np.isfinite(res).all() or np.abs(res - corners).max() > 3 * reach:
        return None
    return res
