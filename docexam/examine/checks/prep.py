"""Bring a questioned page and its specimen to comparable terms, once per light.

Why: captures differ from the specimen in exposure, white balance, vignetting, uneven
light and a UV torch's beam, none of which says anything about the document. Every check
compares a ``Plane``: both images at a working resolution (4 px/mm: fine guilloche lines
still resolve, a page costs ~0.2 Mpx), with the questioned image divided by a smooth gain
field. The field is the ratio questioned / reference on the specimen's bare substrate
(pixels that are plain paper in the reference and not personal data), taken as cell
medians and fitted with a quadratic surface per channel, so a local forgery cannot bend
it, while the global level (the page substrate's brightness relative to the specimen's)
is kept in ``level`` for the checks that judge the substrate itself (uv_dull).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from docexam.examine.checks.common import (
    MIN_COVERED,
    Box,
    CheckInput,
    cached,
    field_mask,
    personal_zones,
    rect_mask,
    zone_box,
)
from docexam.specimens.manifest import Feature

WORK_PPM = 4.0
_CELL_MM = 6.0
_UV = ("uv365", "uv254")


@dataclass(frozen=True, eq=False)
class Plane:
    """One light at ``k`` px/mm: ``q`` (questioned, in the reference's units) and ``r``.

    Both (h, w, c) float32 (c = 1 for IR). ``ok``: questioned pixels inside the capture and
    free of glare; ``paper``: the specimen's substrate level per channel; ``substrate``: the
    specimen's bare-substrate pixels; ``level``: questioned / specimen brightness of the
    substrate (grey, page median); ``gain``: the fitted field (h, w, c).
    """

    light: str
    k: float
    q: np.ndarray
    r: np.ndarray
    ok: np.ndarray
    paper: np.ndarray
    substrate: np.ndarray
    level: float
    gain: np.ndarray

    @property
    def scale(self) -> float:
        return self.k


def factor(inp: CheckInput, k: float = WORK_PPM) -> int:
    """The integer reduction from the page to about ``k`` px/mm (area averaging by an
    integer factor is OpenCV's fast path: 3x faster than a fractional one)."""
    return max(1, round(inp.px_per_mm / k))


def _small(img: np.ndarray, f: int) -> np.ndarray:
    """Area-averaged by the integer factor ``f`` as float32 (h, w, c)."""
    a = np.asarray(img)
    h, w = a.shape[0] // f, a.shape[1] // f
    out = cv2.resize(a[: h * f, : w * f], (w, h), interpolation=cv2.INTER_AREA)
    out = out.astype(np.float32)
    return out if out.ndim == 3 else out[..., None]


def grey(a: np.ndarray) -> np.ndarray:
    """Channel mean (h, w) of an (h, w, c) image (cv2.transform: numpy's mean is 5x slower)."""
    if a.shape[2] == 1:
        return a[..., 0]
    return cv2.transform(a, np.full((1, a.shape[2]), 1.0 / a.shape[2], np.float32))


def ok_mask(inp: CheckInput, light: str, f: int) -> np.ndarray:
    """Pixels reduced by ``f`` that are fully inside the capture and (white) not glare."""
    h, w = inp.shape[0] // f, inp.shape[1] // f
    ok = np.ones((h, w), bool)
    if inp.valid is not None and light in inp.valid:
        ok &= _small(np.asarray(inp.valid[light], np.uint8) * np.uint8(255), f)[..., 0] > 252
    if light == "white" and inp.glare is not None:
        ok &= _small(np.asarray(inp.glare, np.uint8) * np.uint8(255), f)[..., 0] < 3
    return ok


def _paper(r: np.ndarray, light: str, usable: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The specimen's substrate level per channel and its bare-substrate pixels."""
    g = grey(r)
    vals = g[::2, ::2][usable[::2, ::2]]
    if light in _UV:
        mid = float(np.median(vals))
        sub = usable & (np.abs(g - mid) < 0.2 * mid)
        if r.shape[2] > 1:
            med = np.median(r[::2, ::2][sub[::2, ::2]], axis=0)
            tol = 0.3 * med + 3
            sub &= cv2.inRange(r, med - tol, med + tol) > 0
    else:
        top = float(np.percentile(vals, 97))
        sub = usable & (g >= 0.9 * top)
    return np.median(r[::2, ::2][sub[::2, ::2]], axis=0).astype(np.float32), sub


def _cells(ratio: np.ndarray, mask: np.ndarray, cell: int):
    """Cell medians of ``ratio`` (h, w, c) over ``mask``: centres (x, y), values, counts."""
    h, w, c = ratio.shape
    ny, nx = -(-h // cell), -(-w // cell)
    pr = np.full((ny * cell, nx * cell, c), np.nan, np.float32)
    pr[:h, :w] = np.where(mask[..., None], ratio, np.nan)
    blocks = pr.reshape(ny, cell, nx, cell, c).transpose(0, 2, 1, 3, 4).reshape(ny * nx, -1, c)
    counts = np.isfinite(blocks[..., 0]).sum(axis=1)
    keep = counts >= cell * cell * 0.1
    srt = np.sort(blocks[keep], axis=1)  # NaN last
    mid = (counts[keep] // 2)[:, None, None]
    med = np.take_along_axis(srt, np.broadcast_to(mid, (len(mid), 1, c)), axis=1)[:, 0]
    yy, xx = np.divmod(np.arange(ny * nx), nx)
    return (xx[keep] + 0.5) * cell, (yy[keep] + 0.5) * cell, med, counts[keep]


def _design(x: np.ndarray, y: np.ndarray, w: int, h: int) -> np.ndarray:
    u, v = x / w - 0.5, y / h - 0.5
    return np.stack([np.ones_like(u), u, v, u * u, u * v, v * v], axis=-1)


def _fit_gain(ratio, mask, shape, k: float) -> tuple[np.ndarray, float] | None:
    """Quadratic log-gain surface (h, w, c) and the page level; None without substrate."""
    h, w = shape
    cell = max(2, round(_CELL_MM * k / 2))  # ratio and mask are given on every second pixel
    xs, ys, med, n = _cells(ratio, mask, cell)
    xs, ys = xs * 2, ys * 2
    good = np.isfinite(med).all(axis=1) & (med > 0).all(axis=1)
    xs, ys, med, n = xs[good], ys[good], med[good], n[good]
    if len(med) < 3:
        return None
    logm = np.log(med)
    level = float(np.exp(np.median(logm.mean(axis=1))))
    a = _design(xs, ys, w, h)
    if len(med) < 12:  # too few cells for a surface: a constant gain
        coef = np.zeros((6, med.shape[1]))
        coef[0] = np.median(logm, axis=0)
    else:
        wt = np.sqrt(n)[:, None]
        keep = np.ones(len(med), bool)
        for _ in range(3):
            coef = np.linalg.lstsq(a[keep] * wt[keep], logm[keep] * wt[keep], rcond=None)[0]
            res = np.abs(logm - a @ coef).max(axis=1)
            mad = 1.4826 * np.median(res[keep]) + 0.01
            keep = res < max(3 * mad, 0.04)
    # The surface is smooth: evaluate it on a coarse grid and interpolate.
    sh, sw = max(2, h // 8), max(2, w // 8)
    gy, gx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    surf = _design((gx + 0.5) * w / sw, (gy + 0.5) * h / sh, w, h) @ coef.astype(np.float32)
    surf = cv2.resize(np.exp(surf).astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    return (surf if surf.ndim == 3 else surf[..., None]), level


def plane(inp: CheckInput, light: str, f: int | None = None) -> Plane:
    """The comparable pair under ``light`` reduced by ``f`` (default: to ~4 px/mm), cached."""
    f = factor(inp) if f is None else f
    return cached(inp, ("plane", light, f), lambda: _make_plane(inp, light, f))


def _make_plane(inp: CheckInput, light: str, f: int) -> Plane:
    k = inp.px_per_mm / f
    q, r = _small(inp.questioned[light], f), _small(inp.reference[light], f)
    ok = ok_mask(inp, light, f)
    shape = q.shape[:2]
    others = rect_mask(personal_zones(inp.page), k, shape, grow_mm=0.5)
    others |= field_mask(inp.page, k, shape)
    paper, sub = _paper(r, light, ~others)
    q2, r2 = q[::2, ::2], r[::2, ::2]
    fit = _fit_gain(q2 / np.maximum(r2, 1.0), (sub & ok)[::2, ::2], shape, k)
    if fit is None:  # no bare substrate visible: a global gain at best, from all pixels
        g = float(np.median(grey(q)[ok]) / max(np.median(grey(r)[ok]), 1.0)) if ok.any() else 1
        gain, level = np.full(q.shape, max(g, 1e-3), np.float32), max(g, 1e-3)
    else:
        gain, level = fit
    return Plane(light, k, q / gain, r, ok, paper, sub, level, gain)


def darkness(a: np.ndarray, paper: np.ndarray) -> np.ndarray:
    """Ink darkness 1 - a / paper (0 on the substrate, ~0.8 for black ink), per channel."""
    return 1.0 - a / np.maximum(paper, 1.0)


def _strokes(inp: CheckInput, f: int) -> np.ndarray:
    """Data-field text strokes (either document), grown by 0.4 mm: once per page."""

    def make() -> np.ndarray:
        k = inp.px_per_mm / f
        shape = (inp.shape[0] // f, inp.shape[1] // f)
        fields = rect_mask([fd.zone for fd in inp.page.fields], k, shape, grow_mm=0.3)
        if "white" not in inp.questioned or not fields.any():
            return fields
        wp = plane(inp, "white", f)
        dark = (wp.q.mean(axis=2) < 0.7 * wp.paper.mean()) | (
            wp.r.mean(axis=2) < 0.7 * wp.paper.mean()
        )
        r = max(1, round(0.4 * k))
        dark = cv2.dilate(dark.astype(np.uint8), np.ones((2 * r + 1, 2 * r + 1), np.uint8)) > 0
        return fields & dark

    return cached(inp, ("strokes", f), make)


def personal_mask(inp: CheckInput, f: int | None = None, *, pictures: bool = True) -> np.ndarray:
    """Personal data reduced by ``f``: picture-like zones whole (unless ``pictures`` is
    False), data fields stroke by stroke.

    The fields' zones overlap background print (an emblem, a rosette), so only the text's
    strokes (darker than 70 % of the paper in white light in either document, grown by
    0.4 mm) are masked there.
    """
    f = factor(inp) if f is None else f
    k = inp.px_per_mm / f

    def make() -> np.ndarray:
        shape = (inp.shape[0] // f, inp.shape[1] // f)
        strokes = _strokes(inp, f)
        if not pictures:
            return strokes
        return strokes | rect_mask(personal_zones(inp.page), k, shape, grow_mm=0.5)

    return cached(inp, ("personal", f, pictures), make)


def covered(inp: CheckInput, light: str, box: Box, p: Plane) -> dict:
    """How much of ``box`` (plane pixels) can be judged; ``code`` says why not, else None.

    A zone mostly outside the capture is ZONE_NOT_COVERED, one mostly under glare (white
    light) ZONE_GLARE; a partly covered zone is measured on its covered part.
    """
    x0, y0, x1, y1 = box
    f = round(inp.px_per_mm / p.k)
    ok = float(p.ok[y0:y1, x0:x1].mean())
    inside = 1.0
    if inp.valid is not None and light in inp.valid:
        v = np.asarray(inp.valid[light])[y0 * f : y1 * f : f, x0 * f : x1 * f : f]
        inside = float(v.mean()) if v.size else 0.0
    code = None
    if ok < MIN_COVERED:
        code = "ZONE_NOT_COVERED" if inside < MIN_COVERED else "ZONE_GLARE"
    return {"code": code, "covered": round(ok, 3), "inside": round(inside, 3)}


def zone_boxes(
    feature: Feature, inp: CheckInput, planes: Sequence[tuple[str, Plane]]
) -> Iterator[tuple[Box, dict]]:
    """Each of the feature's zones as a box in the planes' pixels, with its coverage
    (``covered``) under every light given: the first light's record, carrying the first
    code any light has (a zone must be judgeable under all of them). Zones outside the page
    are skipped. Why here: every zone-by-zone check starts this way."""
    _, p0 = planes[0]
    if any(pl.k != p0.k or pl.ok.shape != p0.ok.shape for _, pl in planes):
        raise ValueError("planes must share one pixel grid")
    for z in feature.zones:
        box = zone_box(z, p0.k, p0.ok.shape)
        if box is None:
            continue
        covs = [covered(inp, light, box, pl) for light, pl in planes]
        code = next((c["code"] for c in covs if c["code"]), None)
        yield box, {**covs[0], "code": code}
