"""Registration: align the normalised page to its specimen finely enough to compare zones.

Why ECC on the design: the page cut out by its outline is off by up to ~1-2 % of its size
(corner detection, lens distortion, a slightly bent page); zones of a few millimetres need
better than half a millimetre. The enhanced-correlation-coefficient homography is fitted on
what every document of the type shares (the design outside the personalised zones), at a
reduced resolution for speed, and is invariant to the capture's brightness and contrast.
The remaining error is then measured, not assumed: local shifts between the aligned page
and the reference in patches across the page, reported in millimetres.

Why the band-pass is normalised by the design mask: a plain band-pass (a blur minus a 2 mm
blur) spreads each personalised zone's content (portrait, text: different on every
document) several millimetres into the design around it, and ECC then fits that difference:
on studio pages it drifted from an exact start to 1-2 % scale errors (up to millimetres at
the page edges). Blurring only the design pixels and dividing by the blurred mask
(normalised convolution) leaves the design's structure independent of what the zones hold.
Why the mask is the template's: it is defined on the reference's pixel grid, so it must
not move with the warp (an input mask is warped, and its moving edge pulls the fit too).

Why ``prepare``: the reference's side of the work (grey, resampling, band-pass, masks) is
the same for every document of the specimen; the caller may compute it once and pass it.
Why ``resample``: every light is interpolated once, from the capture, with the page's
homography and the registration composed (cutting out, then registering blurs twice).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import cv2
import numpy as np

REG_PX_PER_MM = 4.0
MAX_ERROR_MM = 1.5  # estimated median error beyond which zones cannot be compared
_ERR_PX_PER_MM = 6.0  # resolution of ``measure_error``
# ECC stops: on studio captures (exact and 0.6 %-rough starts) 30 iterations / 1e-4 align as
# well as 60 / 1e-5 did, in about half the time.
_FINE = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 30, 1e-4)
_COARSE = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 40, 1e-4)


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


@dataclass(frozen=True, eq=False)
class Prepared:
    """The reference's side of ``register`` and ``measure_error`` (read-only arrays)."""

    shape: tuple[int, int]  # full-size (height, width) of the reference page
    px_per_mm: float  # its resolution
    band: np.ndarray  # float32 band-passed reference at REG_PX_PER_MM (0 off the design)
    mask: np.ndarray  # uint8 0/1 design mask at REG_PX_PER_MM
    weights: tuple[np.ndarray, np.ndarray]  # that mask blurred at the band's two scales
    coarse_band: np.ndarray  # the band at a quarter of the resolution, and its mask
    coarse_mask: np.ndarray
    err_mask: np.ndarray  # bool design mask at _ERR_PX_PER_MM
    err_ref: np.ndarray | None  # the reference as ``measure_error`` sees it (None: no design)
    err_patches: tuple[tuple[int, int], ...]  # (y0, x0) of the patches it matches


def _grey(img: np.ndarray) -> np.ndarray:
    g = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY) if img.ndim == 3 else img
    return g.astype(np.float32)


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


def _sizes(shape: tuple[int, int], px_per_mm: float) -> tuple[tuple[int, int], float]:
    s = REG_PX_PER_MM / px_per_mm
    h, w = shape
    return (max(8, round(w * s)), max(8, round(h * s))), s


def _weights(mask: np.ndarray, k: float) -> tuple[np.ndarray, np.ndarray]:
    mf = mask.astype(np.float32)
    lo = cv2.GaussianBlur(mf, (0, 0), 0.3 * k)
    hi = cv2.GaussianBlur(mf, (0, 0), 2.0 * k)
    return _frozen(np.maximum(lo, 1e-3)), _frozen(np.maximum(hi, 1e-3))


def _band(
    g: np.ndarray, mask: np.ndarray, weights: tuple[np.ndarray, np.ndarray], k: float
) -> np.ndarray:
    """The design's structure at 0.3-2 mm (not the light's unevenness), from design pixels
    only (normalised convolution, see the module docstring); 0 outside the design."""
    gm = g * mask
    fine = cv2.GaussianBlur(gm, (0, 0), 0.3 * k) / weights[0]
    broad = cv2.GaussianBlur(gm, (0, 0), 2.0 * k) / weights[1]
    return (fine - broad) * mask


def _quarter(img: np.ndarray) -> np.ndarray:
    size = (max(8, img.shape[1] // 4), max(8, img.shape[0] // 4))
    return cv2.GaussianBlur(cv2.resize(img, size, interpolation=cv2.INTER_AREA), (0, 0), 1.0)


def prepare(reference_white: np.ndarray, design_mask: np.ndarray, *, px_per_mm: float) -> Prepared:
    """The reference's share of the work, reusable for every page of its specimen.

    ``design_mask``: bool, reference-sized, True where the page's look is the same on
    every document of the type (personalised zones are False).
    """
    if design_mask.shape != reference_white.shape[:2]:
        raise ValueError("design_mask and reference_white must have the same size")
    shape = reference_white.shape[:2]
    size, _ = _sizes(shape, px_per_mm)
    k = REG_PX_PER_MM
    g = _grey(reference_white)
    m = cv2.resize(design_mask.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST)
    w = _weights(m, k)
    r = _band(cv2.resize(g, size, interpolation=cv2.INTER_AREA), m, w, k)
    mq = cv2.resize(m, (max(8, size[0] // 4), max(8, size[1] // 4)),
                    interpolation=cv2.INTER_NEAREST)  # fmt: skip
    err_mask, err_ref, patches = _error_side(g, design_mask, px_per_mm)
    if err_ref is not None:
        _frozen(err_ref)
    return Prepared(shape, float(px_per_mm), _frozen(r), _frozen(m), w, _frozen(_quarter(r)),
                    _frozen(mq), _frozen(err_mask), err_ref, patches)  # fmt: skip


def register(
    questioned_white: np.ndarray,
    reference_white: np.ndarray | None,
    design_mask: np.ndarray | None,
    *,
    px_per_mm: float,
    prepared: Prepared | None = None,
) -> Registration:
    """Fit the homography that aligns the questioned page to the reference.

    ``design_mask``: bool, reference-sized, True where the page's look is the same on
    every document of the type (personalised zones are False). ``prepared`` (from
    ``prepare``) stands in for ``reference_white`` and ``design_mask``.

    A first affine fit at a quarter of the resolution pulls a start that is off by a
    millimetre or two into the homography's basin; the fit that correlates best with the
    reference (the start included) is kept, so registration never makes a page worse.
    """
    if prepared is None:
        if reference_white is None or design_mask is None:
            raise ValueError("give reference_white and design_mask, or prepared")
        prepared = prepare(reference_white, design_mask, px_per_mm=px_per_mm)
    if questioned_white.shape[:2] != prepared.shape:
        raise ValueError("questioned_white and reference_white must have the same size")
    if prepared.px_per_mm != float(px_per_mm):
        raise ValueError(f"prepared is for {prepared.px_per_mm} px/mm, not {px_per_mm}")
    size, s = _sizes(prepared.shape, px_per_mm)
    p = prepared
    q = _band(cv2.resize(_grey(questioned_white), size, interpolation=cv2.INTER_AREA),
              p.mask, p.weights, REG_PX_PER_MM)  # fmt: skip
    warp = _coarse(_quarter(q), p.coarse_band, p.coarse_mask)
    converged = True
    start = warp.copy()
    try:
        _, warp = _ecc(p.band, q, p.mask, warp, cv2.MOTION_HOMOGRAPHY, _FINE)
    except cv2.error:  # not converged: ``warp`` holds the last iterate, judged below
        converged = False
    corr = _correlation(p.band, q, p.mask, warp)
    for alt in (start, np.eye(3, dtype=np.float32)):
        c = _correlation(p.band, q, p.mask, alt)
        if c > corr:
            warp, corr = alt, c
    sc = np.diag([1 / s, 1 / s, 1.0])
    full = sc @ warp.astype(np.float64) @ np.linalg.inv(sc)
    full /= full[2, 2]
    return Registration(full, converged, float(corr))


def _ecc(
    r: np.ndarray, q: np.ndarray, m: np.ndarray, warp: np.ndarray, motion: int, criteria: tuple
) -> tuple[float, np.ndarray]:
    """ECC with the design mask on the template (reference) only, when OpenCV has it."""
    with_mask = getattr(cv2, "findTransformECCWithMask", None)
    if with_mask is not None:  # (not in older OpenCV releases)
        return with_mask(r, q, m, np.ones_like(m), warp, motion, criteria, 3)
    return cv2.findTransformECC(r, q, warp, motion, criteria, m, 3)


def _correlation(r: np.ndarray, q: np.ndarray, m: np.ndarray, warp: np.ndarray) -> float:
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    wq = cv2.warpPerspective(q, warp, (q.shape[1], q.shape[0]), flags=flags)
    return float(cv2.computeECC(r, wq, m))


def _coarse(q: np.ndarray, r: np.ndarray, m: np.ndarray) -> np.ndarray:
    """A first affine alignment at a quarter of the resolution: pulls a start that is off
    by a millimetre or two into the fine homography's basin of convergence."""
    warp = np.eye(2, 3, dtype=np.float32)
    try:
        _, warp = _ecc(r, q, m, warp, cv2.MOTION_AFFINE, _COARSE)
    except cv2.error:
        return np.eye(3, dtype=np.float32)
    full = np.eye(3, dtype=np.float32)
    full[:2] = warp
    full[:2, 2] *= 4.0
    return full


def _error_size(shape: tuple[int, int], px_per_mm: float) -> tuple[int, int]:
    s = _ERR_PX_PER_MM / px_per_mm
    h, w = shape
    return max(64, round(w * s)), max(64, round(h * s))


def _error_image(g: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Smoothed at ``measure_error``'s resolution, personalised pixels flattened to the
    design's mean (in both images, so text cannot pull a match)."""
    size = (m.shape[1], m.shape[0])
    g = cv2.GaussianBlur(cv2.resize(g, size, interpolation=cv2.INTER_AREA), (0, 0), 0.8)
    g[~m] = g[m].mean()
    return g


def _error_side(
    reference_grey: np.ndarray, design_mask: np.ndarray, px_per_mm: float
) -> tuple[np.ndarray, np.ndarray | None, tuple[tuple[int, int], ...]]:
    """The design mask and the reference at 6 px/mm, and the patches worth matching: those
    of the 8 x 6 grid with enough design and contrast (the rest are skipped)."""
    size = _error_size(design_mask.shape, px_per_mm)
    m = cv2.resize(design_mask.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
    if m.mean() < 0.05:
        return m, None, ()
    b = _error_image(reference_grey, m)
    r, ph, pw = _error_grid(m.shape)
    patches = []
    for i in range(6):
        for j in range(8):
            y0, x0 = r + i * ph, r + j * pw
            pm = m[y0 : y0 + ph, x0 : x0 + pw]
            tpl = b[y0 : y0 + ph, x0 : x0 + pw]
            if pm.mean() >= 0.3 and tpl.std() >= 2.0:
                patches.append((y0, x0))
    return m, b, tuple(patches)


def _error_grid(shape: tuple[int, int]) -> tuple[int, int, int]:
    """Search radius and patch height and width (pixels at 6 px/mm)."""
    r = round(2.5 * _ERR_PX_PER_MM)
    return r, (shape[0] - 2 * r) // 6, (shape[1] - 2 * r) // 8


def measure_error(
    aligned_white: np.ndarray, reference_white: np.ndarray | None,
    design_mask: np.ndarray | None, *, px_per_mm: float, prepared: Prepared | None = None,
) -> tuple[float, float]:  # fmt: skip
    """Median and max local misalignment (mm) left after registration.

    Template matching at 6 px/mm, both images smoothed alike and their personalised
    pixels flattened to the design's mean (in both, so text cannot pull a match): each
    patch of an 8 x 6 grid of the reference is searched within +-2.5 mm in the aligned
    page, and the offset of the correlation peak is the local error. Patches with little
    design or no clear peak are skipped. ``prepared`` stands in for the reference's side.
    """
    if prepared is not None:
        if prepared.px_per_mm != float(px_per_mm):
            raise ValueError(f"prepared is for {prepared.px_per_mm} px/mm, not {px_per_mm}")
        m, b, patches = prepared.err_mask, prepared.err_ref, prepared.err_patches
    elif reference_white is None or design_mask is None:
        raise ValueError("give reference_white and design_mask, or prepared")
    else:
        m, b, patches = _error_side(_grey(reference_white), design_mask, px_per_mm)
    if b is None:
        return float("inf"), float("inf")
    a = _error_image(_grey(aligned_white), m)
    r, ph, pw = _error_grid(m.shape)
    shifts = []
    for y0, x0 in patches:
        area = a[y0 - r : y0 + ph + r, x0 - r : x0 + pw + r]
        res = cv2.matchTemplate(area, b[y0 : y0 + ph, x0 : x0 + pw], cv2.TM_CCOEFF_NORMED)
        _, peak, _, (px, py) = cv2.minMaxLoc(res)
        if peak >= 0.7:
            shifts.append(float(np.hypot(px - r, py - r)) / _ERR_PX_PER_MM)
    if len(shifts) < 3:
        return float("inf"), float("inf")
    return float(np.median(shifts)), float(max(shifts))


def resample(
    captured: Mapping[str, np.ndarray], page_from_capture: np.ndarray, reg: Registration, *,
    shape: tuple[int, int],
) -> tuple[dict[str, np.ndarray], np.ndarray]:  # fmt: skip
    """Every light resampled straight from the capture onto the reference's pixel grid, and
    the mask of those pixels that came from inside the capture frame.

    ``page_from_capture``: the homography that cut the page out (capture -> page pixels,
    as ``warpPerspective`` takes it). Why from the capture: cutting the page out and then
    applying the registration interpolates twice, blurring fine print a second time for
    nothing (``apply`` does that, for a page that was already cut out).
    """
    h, w = shape
    m = np.linalg.inv(np.asarray(page_from_capture, np.float64)) @ reg.homography
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    images = {
        light: cv2.warpPerspective(img, m, (w, h), flags=flags, borderMode=cv2.BORDER_REPLICATE)
        for light, img in captured.items()
    }
    return images, _from_frame(next(iter(captured.values())).shape[:2], m, (h, w))


def _from_frame(frame: tuple[int, int], m: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Page pixels whose nearest capture pixel lies in the frame (``m``: page -> capture).

    When the four corner pixels map inside the frame, so do all (a homography with w > 0 on
    a rectangle maps it onto a convex quadrilateral): no frame-sized image is warped then.
    """
    h, w = shape
    fh, fw = frame
    c = np.array([[0, 0, 1], [w - 1, 0, 1], [w - 1, h - 1, 1], [0, h - 1, 1]], np.float64) @ m.T
    if (c[:, 2] > 0).all():
        x, y = c[:, 0] / c[:, 2], c[:, 1] / c[:, 2]
        if (x >= 0).all() and (y >= 0).all() and (x <= fw - 1).all() and (y <= fh - 1).all():
            return np.ones(shape, bool)
    ones = np.full(frame, 255, np.uint8)
    return cv2.warpPerspective(ones, m, (w, h), flags=cv2.INTER_NEAREST | cv2.WARP_INVERSE_MAP) > 0


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
