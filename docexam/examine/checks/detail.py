"""fine_detail: is the microtext still as fine as the specimen's?

Why a projection at full resolution, along the line, relative to the surroundings:
microtext letters are ~0.25 mm (3 px at 300 dpi), so this is the one check that works on
the page image itself. A copier smears the letters into a smooth stroke, which keeps the
line's profile across it, so the detail is measured along the line only (a 1-D band-pass
in x, smoothed over the letter height so that oblique screen lines of a rainbow around it
count less), on the rows where the specimen's letters are. The specimen's band-passed
zone is projected onto the questioned one (aligned to sub-pixel): the gain is the share
of the specimen's detail still there, and noise, which does not correlate, does not
count. A camera's blur, resampling and JPEG attenuate detail too, and at this scale more
than any edge-based blur estimate predicts, so the capture's blur is calibrated on the
fine print just above and below the zone (the specimen blurred until it matches best),
and the score is the zone's gain over the surroundings' gain at that blur. Captures
blurred by 0.08 mm or more (or whose surroundings match the specimen poorly, a noisy
capture) cannot resolve the letters: CAPTURE_TOO_SOFT, not a failure. A sharp capture
whose surroundings do not match the specimen (a foreign page) is judged on the zone
alone, at the blur measured on text edges.
"""

from __future__ import annotations

import cv2
import numpy as np

from docexam.examine.checks import spatial
from docexam.examine.checks.common import CheckInput, conclude, evidence, zone_box
from docexam.examine.checks.sharpness import extra_blur
from docexam.examine.results import FeatureResult
from docexam.specimens.manifest import Feature, Zone

_BAND = (0.5, 1.5)  # DoG sigmas along x, page px at 300 dpi: the microtext's letter scale
_CTX_MM = 1.5  # height of the reference bands above and below the zone
_SOFT = 0.3  # the surroundings correlate less than this with the specimen: nothing to calibrate


def _grey(a: np.ndarray) -> np.ndarray:
    if a.ndim == 3:
        a = cv2.cvtColor(np.ascontiguousarray(a), cv2.COLOR_BGR2GRAY)
    return a.astype(np.float32)


def _bandpass(a: np.ndarray, k: float) -> np.ndarray:
    """Detail along the line (x): letters modulate it, a smeared copy is a smooth stroke."""
    s = k / 11.811  # the band is defined at 300 dpi
    g = a.mean(axis=2) if a.ndim == 3 else a
    g = cv2.GaussianBlur(g.astype(np.float32), (0, 0), sigmaX=0.01, sigmaY=1.6 * s)
    lo = cv2.GaussianBlur(g, (0, 0), sigmaX=_BAND[0] * s, sigmaY=0.01)
    return lo - cv2.GaussianBlur(g, (0, 0), sigmaX=_BAND[1] * s, sigmaY=0.01)


def _gain(q: np.ndarray, r: np.ndarray, m: np.ndarray) -> tuple[float, float]:
    """Projection gain <q,r>/<r,r> over ``m`` and the specimen's energy per pixel."""
    er = float((r * r)[m].sum())
    return (float((q * r)[m].sum()) / er if er > 0 else float("nan")), er / max(m.sum(), 1)


_NO_DETAIL = ("no fine detail to compare", "нет мелких деталей для сравнения")
_BLURS_MM = (0.0, 0.035, 0.06, 0.085, 0.12, 0.15)  # candidate capture blurs (Gaussian sigma)
_TOO_SOFT_MM = 0.08  # a capture blurred this much no longer resolves 0.25 mm letters
_CALIBRATED = 0.7  # the surroundings must match this well for the calibration to hold
_SHARP_PX = 0.6  # text edges this sharp (page px): a capture that resolves microtext


def _measure(inp: CheckInput, light: str, z: Zone) -> dict | None:
    """Gains of the zone's microtext rows and of the surrounding rows, at the capture's
    blur calibrated on the surroundings (the specimen blurred until it best matches)."""
    k, shape = inp.px_per_mm, inp.shape
    pad = Zone(z.x - _CTX_MM - 1.0, z.y - _CTX_MM - 1.0, z.w + 2 + 2 * _CTX_MM,
               z.h + 2 + 2 * _CTX_MM)  # fmt: skip
    big = zone_box(pad, k, shape)
    if big is None:
        return None
    x0, y0, x1, y1 = big
    q = _grey(np.asarray(inp.questioned[light])[y0:y1, x0:x1])
    r = _grey(np.asarray(inp.reference[light])[y0:y1, x0:x1])
    qb = _bandpass(q, k)
    m = round(1.0 * k)
    inner = (m, m, qb.shape[1] - m, qb.shape[0] - m)
    rb0 = _bandpass(r, k)
    dy, dx, _ = spatial.align(qb[..., None], rb0[..., None], inner, m)
    qa = spatial.shifted(qb[..., None], inner, dy, dx)[..., 0]
    ok = np.ones(qa.shape, bool)
    if inp.valid is not None and light in inp.valid:
        ok = np.asarray(inp.valid[light])[y0 + m : y1 - m, x0 + m : x1 - m].copy()
    if light == "white" and inp.glare is not None:
        ok &= ~np.asarray(inp.glare)[y0 + m : y1 - m, x0 + m : x1 - m]
    zy0 = max(round((z.y - pad.y - 1.0) * k), 0)
    zy1 = zy0 + round(z.h * k)
    prof = (rb0[m:-m, m:-m] ** 2).mean(axis=1)[zy0:zy1]
    if not prof.size or prof.max() <= 0:
        return None
    line = np.nonzero(prof >= 0.4 * prof.max())[0]  # the rows of the specimen's letters
    rows = np.zeros(qa.shape, bool)
    rows[zy0 + line.min() : zy0 + line.max() + 1] = True
    ctx = ~rows & ok
    ctx[zy0:zy1] = False  # the surroundings only, never the zone itself
    best = None
    for blur in _BLURS_MM:
        rs = cv2.GaussianBlur(r, (0, 0), blur * k) if blur else r
        rb = _bandpass(rs, k)[m:-m, m:-m]
        g_ctx, _ = _gain(qa, rb, ctx)
        den = float(np.sqrt((qa * qa)[ctx].sum() * (rb * rb)[ctx].sum()))
        ncc = float((qa * rb)[ctx].sum()) / den if den > 0 else 0.0
        if best is None or ncc > best[0]:
            best = (ncc, blur, g_ctx, _gain(qa, rb, rows & ok)[0], rb)
    ncc, blur, g_ctx, g_zone, rb = best  # type: ignore[misc]
    edge_blur = extra_blur(inp, light)
    if ncc < _SOFT and edge_blur is not None and edge_blur < _SHARP_PX:
        # a sharp capture whose surroundings are not the specimen's (a foreign page):
        # the zone is judged alone, at the blur measured on the page's text edges
        blur = edge_blur / k
        rs = cv2.GaussianBlur(r, (0, 0), blur * k) if blur > 0 else r
        rb = _bandpass(rs, k)[m:-m, m:-m]
        g_zone, g_ctx, ncc = _gain(qa, rb, rows & ok)[0], 1.0, 1.0
    return {"zone_gain": g_zone, "context_gain": g_ctx, "context_ncc": ncc, "blur_mm": blur,
            "covered": float(ok[rows].mean()),
            "box": (x0 + m, y0 + m + zy0 + line.min(), x1 - m, y0 + m + zy0 + line.max() + 1),
            "shift": (dy, dx), "heat": np.abs(rb - qa)[rows[:, 0]]}  # fmt: skip


def check_fine_detail(feature: Feature, inp: CheckInput) -> FeatureResult:
    light = feature.lights[0]
    zones, scores, boxes, heats, shifts = [], [], [], [], []
    codes: list[str] = []
    blur = 0.0
    for z in feature.zones:
        m = _measure(inp, light, z)
        if m is None or m["covered"] < 0.5:
            zones.append({"code": "ZONE_NOT_COVERED"})
            codes.append("ZONE_NOT_COVERED")
            continue
        info = {k: round(float(v), 4) for k, v in m.items() if k not in ("box", "shift", "heat")}
        zones.append({"code": None, **info})
        boxes.append(m["box"])
        heats.append(m["heat"])
        shifts.append(m["shift"])
        soft = m["blur_mm"] >= _TOO_SOFT_MM or not m["context_gain"] > 0
        soft |= m["context_ncc"] < _CALIBRATED
        if soft or not np.isfinite(m["zone_gain"]):
            codes.append("CAPTURE_TOO_SOFT")
            blur = max(blur, float(m["blur_mm"]))
        else:
            scores.append(m["zone_gain"] / m["context_gain"])
    ev = None
    if boxes:
        vmax = max(float(np.percentile(h, 99)) for h in heats) or 1.0
        ev = evidence(inp, light, boxes, heats, shifts, vmax=vmax)
    # A zone too soft to resolve cannot pass; a zone that resolves and fails still fails.
    what = (f"{blur:.2f}", f"{blur:.2f}".replace(".", ",")) if blur else _NO_DETAIL
    return conclude(feature, scores, codes, higher_is_better=True, fail_code="MICROPRINT_LOST",
                    light=light, evidence=ev, details={"zones": zones}, what=what)  # fmt: skip
