"""How well a capture can be judged: sharpness, glare and resolution of the page.

Why these three: every feature check compares fine print (microtext, guilloche, a UV
pattern) with the reference; a blurred page, a page drowned in a glare spot or a page
captured with too few pixels per millimetre fails those checks for reasons that have nothing
to do with the document, so the examination must say "cannot judge" instead of "forged".
"""

from __future__ import annotations

from collections.abc import Mapping

import cv2
import numpy as np

from docexam.examine.results import Quality

MIN_PX_PER_MM = 4.0  # below this fine print (0.25 mm lines) is not resolved at all
MIN_SHARPNESS = 0.35  # calibrated: studio scans 0.8-1, phones >= 0.55, 300 dpi blurred by 1.8 px
MAX_GLARE = 0.01  # fraction of the page
# Fine/mid band energy ratio (``sharpness``) measured on studio pages at 300 dpi: 0.49-0.57
# flat, 0.30-0.44 scans, 0.27-0.46 camera and phone, 0.28-0.30 / 0.22 / 0.20 / 0.17 blurred
# by a gaussian of sigma 1 / 1.5 / 2 / 3 px. Sharpness maps the ratio linearly between:
_SHARP_RATIO = 0.27  # as sharp as a good scan: 1
_BLUR_RATIO = 0.15  # hopelessly blurred: 0
_GLARE_RISE = 12.0  # grey levels above the surrounding paper before a bright patch is glare
_GLARE_SHARE = 0.2  # ... and at least this share of the way from that paper to white


def _grey(img: np.ndarray) -> np.ndarray:
    g = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    return g.astype(np.float32, copy=False)


def sharpness(page: np.ndarray, mask: np.ndarray | None = None) -> float:
    """0..1: the page's fine-detail energy relative to a sharp page's (1 = as sharp).

    Measured where there is print (the strongest mid-scale edges), as the ratio of the
    finest band (sigma < 0.7 px) to the next one (0.7-2 px): blur removes the finest band
    first whatever the content, while sensor noise, strongest on blank paper, is left out.
    (The region's pixels are taken out once and every statistic is computed on them.)
    """
    g = _grey(page)
    b1 = cv2.GaussianBlur(g, (0, 0), 0.7)
    b2 = cv2.GaussianBlur(g, (0, 0), 2.0)
    if mask is None:
        fine, mid = cv2.absdiff(g, b1).ravel(), cv2.absdiff(b1, b2).ravel()
    else:
        region = np.asarray(mask, bool)
        if np.count_nonzero(region) < 100:
            return 0.0
        fine, mid = cv2.absdiff(g, b1)[region], cv2.absdiff(b1, b2)[region]
    if mid.size < 100:
        return 0.0
    lo, hi = _percentiles(mid, (30.0, 90.0))
    sel = mid > hi
    strong = mid[sel]
    den = float(strong.sum())
    if den <= 1e-6:
        return 0.0
    # Sensor noise fills the finest band everywhere; its level is read on blank paper (the
    # weakest mid-band structure) and taken off, or a blurred noisy photo would look sharp.
    flat = fine[mid <= lo]
    noise = float(flat.mean()) if flat.size else 0.0
    ratio = (float(fine[sel].mean()) - noise) * strong.size / den
    return float(np.clip((ratio - _BLUR_RATIO) / (_SHARP_RATIO - _BLUR_RATIO), 0.0, 1.0))


def _percentiles(v: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    """``np.percentile(v, qs)`` (linear interpolation, the same numbers) for a large 1-D ``v``.

    Why: partitioning all of a page's 1-2 million values cost ~20 ms; here a sorted sample
    brackets each wanted rank, and only the values inside the bracket are partitioned (any
    bracket that misses its rank falls back to ``np.percentile``).
    """
    n = v.size
    if n < 100_000:
        return [float(x) for x in np.percentile(v, qs)]
    sample = np.sort(v[:: n // 20_000])
    m = len(sample)
    out = []
    for q in qs:
        virt = (n - 1) * (q / 100)
        k = int(np.floor(virt))
        k2 = min(k + 1, n - 1)
        a = sample[max(0, int((q / 100 - 0.01) * m))]
        b = sample[min(m - 1, int(np.ceil((q / 100 + 0.01) * m)))]
        below = int(np.count_nonzero(v < a))
        inside = v[(v >= a) & (v <= b)]
        if not (below <= k and k2 < below + inside.size):  # the bracket missed a rank
            return [float(x) for x in np.percentile(v, qs)]
        part = np.partition(inside, [k - below, k2 - below])
        x0, x1 = part[k - below], part[k2 - below]
        g = np.float64(virt) - np.float64(k)
        d = np.subtract(x1, x0)
        # numpy's own interpolation (its _lerp), in its dtypes, for the same last bit
        out.append(float(np.subtract(x1, d * (1 - g)) if g >= 0.5 else np.add(x0, d * g)))
    return out


def glare_mask(
    white: np.ndarray, *, valid: np.ndarray | None = None, px_per_mm: float
) -> np.ndarray:
    """Pixels of a normalised white-light page lost to glare (bool, same height x width).

    A glare spot is a bright, smooth patch on top of the page: the paper there is brighter
    than the paper around it by a good share of the way to white (a veiling reflection), or
    saturated. The paper level is measured as a local maximum (print is darker than paper),
    and the page's own, unlit paper level as a smooth surface fitted to it with the bright
    outliers rejected, so the page's naturally white areas and uneven lighting (a ramp,
    vignetting) are not glare, and an evenly over-exposed page is not a spot.
    """
    h, w = white.shape[:2]
    g = _grey(white)
    scale = min(1.0, 2.0 / px_per_mm)  # work at about 2 px/mm
    sw, sh = max(8, round(w * scale)), max(8, round(h * scale))
    small = cv2.resize(g, (sw, sh), interpolation=cv2.INTER_AREA)
    ok = np.ones((sh, sw), bool)
    if valid is not None:
        ok = cv2.resize(valid.astype(np.uint8), (sw, sh), interpolation=cv2.INTER_NEAREST) > 0
    k = max(3, round(1.5 * sw / w * px_per_mm) | 1)  # about 1.5 mm
    paper = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    paper = cv2.GaussianBlur(paper, (0, 0), k / 2)
    base = _smooth_fit(paper, ok)
    rise = paper - base
    spot = (rise >= _GLARE_RISE) & (rise >= _GLARE_SHARE * (255.0 - base)) & ok
    spot |= (small >= 250) & (paper >= 250) & (base < 245) & ok
    # A spot, not a sliver: what a 5 mm disc does not fit into (a thin bright strip along
    # the page edge or between print) is dropped, then the spot is grown back.
    d = max(3, round(5.0 * sw / w * px_per_mm) | 1)
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (d, d))
    spot = cv2.morphologyEx(spot.astype(np.uint8), cv2.MORPH_OPEN, disc) > 0
    big = cv2.resize(spot.astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST) > 0
    if valid is not None:
        big &= valid
    return big


def _smooth_fit(z: np.ndarray, ok: np.ndarray, tau: float = 0.75) -> np.ndarray:
    """A quadratic surface under the upper part of ``z`` (its ``tau`` quantile) where ``ok``.

    Why a quantile and not a mean: the page's paper level is its brighter part (tinted print
    and solid areas lie below it); why a low-order surface: uneven lighting (a ramp,
    vignetting) is smooth at the page's scale, a glare spot is not; why reject far-above
    points: a large glare spot would otherwise lift the surface and hide itself.
    Why no BLAS here (6 x 6 normal equations by einsum, the surface evaluated term by term):
    these products are tiny, and a multi-threaded BLAS spinning up its threads for them cost
    up to 100 ms per call on a busy two-core machine.
    """
    h, w = z.shape
    x = np.arange(w, dtype=np.float64) / max(w - 1, 1) - 0.5
    y = np.arange(h, dtype=np.float64) / max(h - 1, 1) - 0.5
    step = max(1, int(np.sqrt(h * w / 2000)))
    use = ok[::step, ::step]
    if use.sum() < 12:
        return np.full_like(z, float(np.percentile(z, 100 * tau)))
    yy, xx = np.meshgrid(y[::step], x[::step], indexing="ij")
    xx, yy = xx[use], yy[use]
    a = np.stack([np.ones_like(xx), xx, yy, xx * xx, xx * yy, yy * yy], -1)
    b = z[::step, ::step][use].astype(np.float64)
    wt = np.ones(len(b))
    coef = np.zeros(6)
    for it in range(12):  # iteratively reweighted least squares for the quantile loss
        coef = _weighted_lstsq(a, b, wt * wt)
        res = b - np.einsum("ij,j->i", a, coef)
        r = np.maximum(np.abs(res), 0.5)
        wt = np.sqrt(np.where(res > 0, tau, 1 - tau) / r)
        if it >= 4:  # then leave out what stands far above the paper (a spot)
            scale = float(np.percentile(np.abs(res), 50)) * 1.4826 + 1.0
            wt[res > 4 * scale] = 0.0
    c0, cx, cy, cxx, cxy, cyy = coef
    row = c0 + cy * y + cyy * y * y  # the surface: terms in y, in x, and the cross term
    col = cx * x + cxx * x * x
    return (row[:, None] + col[None, :] + cxy * np.outer(y, x)).astype(np.float32)


def _weighted_lstsq(a: np.ndarray, b: np.ndarray, w2: np.ndarray) -> np.ndarray:
    """argmin_c sum w2 (a c - b)^2 by the normal equations (lstsq when they are singular)."""
    aw = a * w2[:, None]
    ata = np.einsum("ni,nj->ij", aw, a)
    atb = np.einsum("ni,n->i", aw, b)
    try:
        if np.linalg.cond(ata) < 1e10:
            return np.linalg.solve(ata, atb)
    except np.linalg.LinAlgError:
        pass
    sw = np.sqrt(w2)
    return np.linalg.lstsq(a * sw[:, None], b * sw, rcond=None)[0]


def capture_px_per_mm(corners: np.ndarray, size_mm: tuple[float, float]) -> float:
    """The page's mean resolution in the capture: sqrt(quad area / page area in mm^2)."""
    c = np.asarray(corners, np.float64)
    d1, d2 = c[2] - c[0], c[3] - c[1]
    area = 0.5 * abs(float(d1[0] * d2[1] - d1[1] * d2[0]))
    return float(np.sqrt(area / (float(size_mm[0]) * float(size_mm[1]))))


def measure_quality(
    images: Mapping[str, np.ndarray],
    quad: object,
    *,
    size_mm: tuple[float, float],
    px_per_mm: float,
    page_images: Mapping[str, np.ndarray] | None = None,
    glare: np.ndarray | None = None,
    valid: np.ndarray | None = None,
) -> Quality:
    """The capture's ``Quality``, judged on its white-light page.

    ``images``: the capture set (light -> capture image); ``quad``: the ``PageQuad`` of the
    page in it (its size in the capture gives the effective resolution); ``size_mm``: the
    document's (width, height); ``px_per_mm``: the resolution of ``page_images``, the
    normalised pages when the caller has them (otherwise the white capture is cut out here).
    Sharpness is measured at the lower of the page and the capture resolutions, so an
    upsampled capture is not blamed for detail it never had; ``glare`` (computed when not
    given) and ``valid`` are page-sized masks. Without a white light only resolution is
    judged (sharpness 0, glare 0, no blur problem reported).
    """
    try:
        corners = np.asarray(getattr(quad, "corners", quad), np.float64)
    except (TypeError, ValueError):
        corners = np.zeros(0)
    if corners.shape != (4, 2) or not np.isfinite(corners).all():
        raise ValueError(f"quad must be a PageQuad (4 x 2 finite corners), got {quad!r}")
    if not (isinstance(px_per_mm, int | float | np.number) and px_per_mm > 0):
        raise ValueError(f"px_per_mm must be a positive number, got {px_per_mm!r}")
    try:
        w_mm, h_mm = (float(v) for v in size_mm)
    except (TypeError, ValueError):
        raise ValueError(f"size_mm must be (width, height) in mm, got {size_mm!r}") from None
    if not (w_mm > 0 and h_mm > 0):
        raise ValueError(f"size_mm must be two positive numbers, got {size_mm!r}")
    k = capture_px_per_mm(corners, (w_mm, h_mm))
    problems = []
    if k < MIN_PX_PER_MM:
        problems.append("CAPTURE_TOO_SMALL")
    white = page_images.get("white") if page_images is not None else None
    if white is None and "white" in images:
        from docexam.examine.page import page_homography  # (page imports this module)

        hom, size = page_homography(quad, size_mm=(w_mm, h_mm), px_per_mm=px_per_mm)  # type: ignore[arg-type]
        white = cv2.warpPerspective(images["white"], hom, size,
                                    flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP)  # fmt: skip
    if white is None:
        return Quality(sharpness=0.0, glare=0.0, px_per_mm=k, problems=tuple(problems))
    # The grey page, computed once for the glare mask and a full-resolution sharpness.
    grey = _grey(white) if glare is None or k >= px_per_mm else None
    if glare is None:
        glare = glare_mask(grey, valid=valid, px_per_mm=px_per_mm)
    inside = np.ones(white.shape[:2], bool) if valid is None else valid
    n_inside = max(int(inside.sum()), 1)
    glare_frac = float((glare & inside).sum()) / n_inside
    mask = inside & ~glare
    page, m = grey, mask
    if k < px_per_mm:  # judge the detail the capture can hold
        f = k / px_per_mm
        size = (max(8, round(white.shape[1] * f)), max(8, round(white.shape[0] * f)))
        page = cv2.resize(white, size, interpolation=cv2.INTER_AREA)
        m = cv2.resize(mask.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
    m = cv2.erode(m.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0  # no page border
    sharp = sharpness(page, m) if m.any() else 0.0
    if sharp < MIN_SHARPNESS:
        problems.append("CAPTURE_TOO_BLURRED")
    if glare_frac > MAX_GLARE:
        problems.append("GLARE")
    return Quality(sharpness=sharp, glare=glare_frac, px_per_mm=k, problems=tuple(problems))
