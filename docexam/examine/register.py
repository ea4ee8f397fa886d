"""Registration: align the normalised page to its specimen finely enough to compare zones.

Why ECC on the design: the page cut out by its outline is off by up to ~1-2 % of its size
(corner detection, lens distortion, a slightly bent page); zones of a few millimetres need
better than half a millimetre. The enhanced-correlation-coefficient homography is fitted on
what every document of the type shares (the design outside the personalised zones), at a
reduced resolution for speed, and is invariant to the capture's brightness and contrast.
The remaining error is then measured, not assumed: local shifts between the aligned page
and the reference in patches across the page, reported in millimetres.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import cv2
import numpy as np

REG_PX_PER_MM = 4.0
MAX_ERROR_MM = 1.5  # estimated median error beyond which zones cannot be compared


@dataclass(frozen=True, eq=False)
class Registration:
    """``homography`` maps reference page pixels to questioned page pixels (full size)."""

    homography: np.ndarray
    converged: bool  # ECC reached its tolerance (a partial fit may still be good)
    correlation: float
    error_mm: float = float("inf")  # median local misalignment after registration
    error_max_mm: float = float("inf")

    @property
    def ok(self) -> bool:
        return self.error_mm <= MAX_ERROR_MM

    def to_dict(self) -> dict:
        return {
            "converged": self.converged,
            "correlation": round(self.correlation, 4),
            "error_mm": round(self.error_mm, 3),
            "error_max_mm": round(self.error_max_mm, 3),
        }


def _grey(img: np.ndarray) -> np.ndarray:
    g = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY) if img.ndim == 3 else img
    return g.astype(np.float32)


def _band(g: np.ndarray, k: float) -> np.ndarray:
    """Structure at 0.3-2 mm: the guilloche and print, not the light's unevenness."""
    return cv2.GaussianBlur(g, (0, 0), 0.3 * k) - cv2.GaussianBlur(g, (0, 0), 2.0 * k)


def register(
    questioned_white: np.ndarray,
    reference_white: np.ndarray,
    design_mask: np.ndarray,
    *,
    px_per_mm: float,
) -> Registration:
    """Fit the homography that aligns the questioned page to the reference.

    ``design_mask``: bool, reference-sized, True where the page's look is the same on
    every document of the type (personalised zones are False).
    """
    if questioned_white.shape[:2] != reference_white.shape[:2]:
        raise ValueError("questioned_white and reference_white must have the same size")
    s = REG_PX_PER_MM / px_per_mm
    h, w = reference_white.shape[:2]
    size = (max(8, round(w * s)), max(8, round(h * s)))
    q = cv2.resize(_grey(questioned_white), size, interpolation=cv2.INTER_AREA)
    r = cv2.resize(_grey(reference_white), size, interpolation=cv2.INTER_AREA)
    q, r = _band(q, REG_PX_PER_MM), _band(r, REG_PX_PER_MM)
    m = cv2.resize(design_mask.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST)
    warp = _coarse(q, r, m)
    criteria = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 60, 1e-5)
    converged = True
    try:
        corr, warp = cv2.findTransformECC(r, q, warp, cv2.MOTION_HOMOGRAPHY, criteria, m, 3)
    except cv2.error:  # not converged: ``warp`` holds the last iterate, judged by its error
        converged, corr = False, 0.0
    sc = np.diag([1 / s, 1 / s, 1.0])
    full = sc @ warp.astype(np.float64) @ np.linalg.inv(sc)
    full /= full[2, 2]
    return Registration(full, converged, float(corr))


def _coarse(q: np.ndarray, r: np.ndarray, m: np.ndarray) -> np.ndarray:
    """A first affine alignment at a quarter of the resolution: pulls a start that is off
    by a millimetre or two into the fine homography's basin of convergence."""
    size = (max(8, q.shape[1] // 4), max(8, q.shape[0] // 4))
    qs = cv2.GaussianBlur(cv2.resize(q, size, interpolation=cv2.INTER_AREA), (0, 0), 1.0)
    rs = cv2.GaussianBlur(cv2.resize(r, size, interpolation=cv2.INTER_AREA), (0, 0), 1.0)
    ms = cv2.resize(m, size, interpolation=cv2.INTER_NEAREST)
    warp = np.eye(2, 3, dtype=np.float32)
    criteria = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 40, 1e-4)
    try:
        _, warp = cv2.findTransformECC(rs, qs, warp, cv2.MOTION_AFFINE, criteria, ms, 3)
    except cv2.error:
        return np.eye(3, dtype=np.float32)
    full = np.eye(3, dtype=np.float32)
    full[:2] = warp
    full[:2, 2] *= 4.0
    return full


def measure_error(
    aligned_white: np.ndarray, reference_white: np.ndarray, design_mask: np.ndarray, *,
    px_per_mm: float,
) -> tuple[float, float]:  # fmt: skip
    """Median and max local misalignment (mm) left after registration.

    Template matching at 6 px/mm, both images smoothed alike and their personalised
    pixels flattened to the design's mean (in both, so text cannot pull a match): each
    patch of an 8 x 6 grid of the reference is searched within +-2.5 mm in the aligned
    page, and the offset of the correlation peak is the local error. Patches with little
    design or no clear peak are skipped.
    """
    k = 6.0
    s = k / px_per_mm
    h, w = reference_white.shape[:2]
    size = (max(64, round(w * s)), max(64, round(h * s)))
    m = cv2.resize(design_mask.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
    if m.mean() < 0.05:
        return float("inf"), float("inf")
    imgs = []
    for img in (aligned_white, reference_white):
        g = cv2.GaussianBlur(cv2.resize(_grey(img), size, interpolation=cv2.INTER_AREA),
                             (0, 0), 0.8)  # fmt: skip
        g[~m] = g[m].mean()
        imgs.append(g)
    a, b = imgs
    r = round(2.5 * k)
    ph, pw = (size[1] - 2 * r) // 6, (size[0] - 2 * r) // 8
    shifts = []
    for i in range(6):
        for j in range(8):
            y0, x0 = r + i * ph, r + j * pw
            pm = m[y0 : y0 + ph, x0 : x0 + pw]
            tpl = b[y0 : y0 + ph, x0 : x0 + pw]
            if pm.mean() < 0.3 or tpl.std() < 2.0:
                continue
            area = a[y0 - r : y0 + ph + r, x0 - r : x0 + pw + r]
            res = cv2.matchTemplate(area, tpl, cv2.TM_CCOEFF_NORMED)
            _, peak, _, (px, py) = cv2.minMaxLoc(res)
            if peak < 0.7:
                continue
            shifts.append(float(np.hypot(px - r, py - r)) / k)
    if len(shifts) < 3:
        return float("inf"), float("inf")
    return float(np.median(shifts)), float(max(shifts))


def apply(
    images: Mapping[str, np.ndarray], reg: Registration, *, shape: tuple[int, int]
) -> dict[str, np.ndarray]:
    """Every light of the questioned page resampled onto the reference's pixel grid."""
    h, w = shape
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    return {
        light: cv2.warpPerspective(
            img, reg.homography, (w, h), flags=flags, borderMode=cv2.BORDER_REPLICATE
        )
        for light, img in images.items()
    }


def apply_mask(mask: np.ndarray, reg: Registration, *, shape: tuple[int, int]) -> np.ndarray:
    h, w = shape
    out = cv2.warpPerspective(mask.astype(np.uint8), reg.homography, (w, h),
                              flags=cv2.INTER_NEAREST | cv2.WARP_INVERSE_MAP)  # fmt: skip
    return out.astype(bool)
