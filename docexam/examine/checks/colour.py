"""colour_match: do the zone's colours (a rainbow band) agree with the specimen's?

Why local means in CIE Lab: a split-fountain band is a fine line screen whose colour runs
across the zone; what a counterfeit's process inks get wrong is the colour, not the
lines. Both images are white-balanced on the substrate (the questioned plane is divided
by its per-channel gain field, fitted on bare paper elsewhere on the page), averaged over
1.5 mm (screen, noise, JPEG chroma and residual misregistration vanish), aligned, and
converted to CIE L*a*b*; the score is the mean ΔE*ab over the zone's usable pixels.
"""

from __future__ import annotations

import cv2
import numpy as np

from docexam.examine.checks import prep, spatial
from docexam.examine.checks.common import CheckInput, conclude, evidence, result
from docexam.examine.results import FeatureResult
from docexam.specimens.manifest import Feature

_MEAN_MM = 1.5


def _local_mean(a: np.ndarray, m: np.ndarray, sigma: float) -> np.ndarray:
    """Mask-aware Gaussian mean (normalised convolution) of ``a`` (h, w, c) over ``m``."""
    wm = cv2.GaussianBlur(m.astype(np.float32), (0, 0), sigma)
    out = cv2.GaussianBlur(a * m[..., None], (0, 0), sigma)
    return out / np.maximum(wm, 1e-3)[..., None]


def _lab(bgr: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(np.clip(bgr / 255.0, 0, 1).astype(np.float32), cv2.COLOR_BGR2Lab)


def check_colour(feature: Feature, inp: CheckInput) -> FeatureResult:
    light = feature.lights[0]
    p = prep.plane(inp, light)
    k = p.k
    if p.q.shape[2] != 3:
        return result(feature, "NOTHING_TO_MEASURE", light=light,
                      what=("the image has no colour", "изображение не цветное"))  # fmt: skip
    use = p.ok & ~prep.personal_mask(inp)
    zones, boxes, heats, shifts, des, wts = [], [], [], [], [], []
    for box, cov in prep.zone_boxes(feature, inp, [(light, p)]):
        if cov["code"]:
            zones.append(cov)
            continue
        wx0, wy0, wx1, wy1 = win = spatial.window(box, use.shape, round(4 * k))
        u = use[wy0:wy1, wx0:wx1, None]
        dq = prep.grey(prep.darkness(p.q[wy0:wy1, wx0:wx1], p.paper))[..., None]
        dr = prep.grey(prep.darkness(p.r[wy0:wy1, wx0:wx1], p.paper))[..., None]
        hq, hr = spatial.highpass(dq, k), spatial.highpass(dr, k)
        lb = spatial.local(box, win)
        x0, y0, x1, y1 = lb
        dy, dx, _ = spatial.align(hq * u, hr * u, lb, max(1, round(k)))
        m = u[y0:y1, x0:x1, 0] & (spatial.shifted(u.astype(np.float32), lb, dy, dx)[..., 0] > 0.99)
        if m.mean() < 0.2:
            zones.append({**cov, "code": "ZONE_NOT_COVERED"})
            continue
        q = _local_mean(spatial.shifted(p.q[wy0:wy1, wx0:wx1], lb, dy, dx), m, _MEAN_MM * k)
        r = _local_mean(p.r[wy0:wy1, wx0:wx1][y0:y1, x0:x1], m, _MEAN_MM * k)
        de = np.linalg.norm(_lab(q) - _lab(r), axis=2)
        des.append(float(de[m].mean()))
        wts.append(float(m.sum()))
        zones.append({"code": None, "delta_e": round(des[-1], 2),
                      "delta_e_p95": round(float(np.percentile(de[m], 95)), 2), **cov})  # fmt: skip
        boxes.append(spatial.box_at(box, inp.px_per_mm / k))
        heats.append(de * m)
        shifts.append((dy * inp.px_per_mm / k, dx * inp.px_per_mm / k))
    ev = evidence(inp, light, boxes, heats, shifts, vmax=25.0) if boxes else None
    details = {"zones": zones}
    codes = [z["code"] for z in zones if z.get("code")]
    if not des:
        return result(feature, codes[0] if codes else "NOTHING_TO_MEASURE", light=light,
                      evidence=ev, details=details,
                      what=("no part of the zone can be compared",
                            "ни одну часть зоны нельзя сравнить"))  # fmt: skip
    score = float(np.average(des, weights=wts))  # the mean over the measured zones' pixels
    return conclude(feature, [score], codes, higher_is_better=False, fail_code="COLOUR_SHIFT",
                    light=light, evidence=ev, details=details)  # fmt: skip
