"""UV checks: fluorescence (a glowing print is there), uv_dull (the paper does not glow),
fibres_present (the substrate carries glowing fibres).

Why these measures: a UV image's brightness depends on the lamp, the exposure and a
torch's beam at least as much as on the document, so nothing here compares raw levels.
``fluorescence`` regresses the questioned zone's glow pattern on the specimen's, tile by
tile (the gain is the relative glow: 0 where the print is missing, about 1 where it is
there, whatever the exposure; both images are smoothed by 0.3 mm first, so the camera's
blur does not matter), and scores what three quarters of the zone reach: a print cut
over a pasted photograph, or displaced, leaves tiles without glow. ``uv_dull`` must
judge absolute glow, so it cancels the exposure with the white-light image of the same
capture: the zone's UV brightness relative to the specimen's, divided by the page's
white-light brightness relative to the specimen's. ``fibres_present`` counts thin bright
streaks (at least 1 mm long, above the capture's own noise) on the normalised page,
relative to the count on the specimen under the same blur and noise limits (real fibres
lie anywhere, so positions are never compared).
"""

from __future__ import annotations

import cv2
import numpy as np

from docexam.examine.checks import prep, spatial
from docexam.examine.checks.common import (
    PERSONAL_TYPES,
    CheckInput,
    conclude,
    evidence,
    rect_mask,
    result,
    verdict,
    weighted_quantile,
)
from docexam.examine.checks.pattern import signal
from docexam.examine.checks.sharpness import extra_blur
from docexam.examine.results import FeatureResult
from docexam.specimens.manifest import Feature

_NO_GLOW = ("the specimen shows no glow here", "у образца здесь нет свечения")
_NO_ZONE = ("no part of the zone can be compared", "ни одну часть зоны нельзя сравнить")


def _uv_light(feature: Feature) -> str:
    return next((x for x in feature.lights if x.startswith("uv")), feature.lights[0])


_GLOW_BLUR_MM = 0.3  # both images: the glow pattern's lines stay, the camera's blur does not
_QUANTILE = 0.25


def check_fluorescence(feature: Feature, inp: CheckInput) -> FeatureResult:
    """The glow's regression gain tile by tile; the score is what 3/4 of the zone reaches
    (a print missing over the portrait, or displaced, leaves tiles without glow)."""
    light = _uv_light(feature)
    p = prep.plane(inp, light)
    k = p.k
    use = p.ok & ~prep.personal_mask(inp, pictures=False)
    extra = (extra_blur(inp) or 0.0) * k / inp.px_per_mm
    common = _GLOW_BLUR_MM * k
    zones, boxes, heats, shifts, gains, wts = [], [], [], [], [], []
    for box, cov in prep.zone_boxes(feature, inp, [(light, p)]):
        if cov["code"]:
            zones.append(cov)
            continue
        wx0, wy0, wx1, wy1 = win = spatial.window(box, use.shape, round(4 * k))
        u = use[wy0:wy1, wx0:wx1, None]
        qs = spatial.blur(spatial.highpass(signal(p, p.q[wy0:wy1, wx0:wx1]), k), common) * u
        rs = spatial.highpass(signal(p, p.r[wy0:wy1, wx0:wx1]), k)
        rs = spatial.blur(rs, float(np.hypot(common, extra))) * u
        lb = spatial.local(box, win)
        x0, y0, x1, y1 = lb
        dy, dx, _ = spatial.align(qs, rs, lb, max(1, round(0.75 * k)))
        q, r = spatial.shifted(qs, lb, dy, dx), rs[y0:y1, x0:x1]
        tiles = []
        for tx0, ty0, tx1, ty1 in _glow_tiles(x1 - x0, y1 - y0, k):
            qt, rt = q[ty0:ty1, tx0:tx1], r[ty0:ty1, tx0:tx1]
            e = float((rt * rt).sum())
            if e > 0:
                tiles.append((float((qt * rt).sum()) / e, e))
        if not tiles:
            zones.append({**cov, "code": "NOTHING_TO_MEASURE"})
            continue
        g, w = np.array([t[0] for t in tiles]), np.array([t[1] for t in tiles])
        gains.append(weighted_quantile(g, w, _QUANTILE))
        wts.append(float(w.sum()))
        zones.append({"code": None, "gain": round(gains[-1], 4),
                      "mean_gain": round(float(np.average(g, weights=w)), 4),
                      "shift_mm": [round(dy / k, 2), round(dx / k, 2)], **cov})  # fmt: skip
        boxes.append(spatial.box_at(box, inp.px_per_mm / k))
        heats.append(np.clip(r - q, 0, None).sum(axis=2))  # glow the questioned lacks
        shifts.append((dy * inp.px_per_mm / k, dx * inp.px_per_mm / k))
    ev = evidence(inp, light, boxes, heats, shifts, vmax=_vmax(heats)) if boxes else None
    details = {"zones": zones}
    codes = [z["code"] for z in zones if z["code"]]
    return conclude(feature, gains, codes, higher_is_better=True, fail_code="UV_PRINT_MISSING",
                    light=light, evidence=ev, details=details, what=_NO_GLOW)  # fmt: skip


def _glow_tiles(w: int, h: int, k: float) -> list[tuple[int, int, int, int]]:
    """Three bands across the zone's height, ~11 mm columns along it."""
    nx, ny = max(1, round(w / (11 * k))), 3 if h >= 6 * k else 1
    xs = np.linspace(0, w, nx + 1).round().astype(int)
    ys = np.linspace(0, h, ny + 1).round().astype(int)
    return [(xs[i], ys[j], xs[i + 1], ys[j + 1]) for j in range(ny) for i in range(nx)]


def _vmax(heats: list[np.ndarray]) -> float:
    return max(float(np.percentile(h, 99.5)) for h in heats) or 1.0


def _bright_code(feature: Feature) -> str:
    """A glowing portrait is a pasted photograph, not merely the wrong paper: its own code."""
    return "PORTRAIT_UV_BRIGHT" if feature.type == "printed_portrait" else "UV_BRIGHT_SUBSTRATE"


def check_uv_dull(feature: Feature, inp: CheckInput) -> FeatureResult:
    """P80 of the zone under UV (exposure cancelled by the white light) over the specimen's.

    The 80th percentile is the zone's bright, non-ink level (paper, a photo's backdrop),
    robust to fibres and glowing lines; a page zone leaves out the personal pictures (a
    photograph is the printed portrait's business), a portrait zone is itself the subject.
    """
    light = _uv_light(feature)
    if "white" not in inp.questioned or "white" not in inp.reference:
        return result(feature, "LIGHT_MISSING", light="white")
    p, wp = prep.plane(inp, light), prep.plane(inp, "white")
    own = feature.type in PERSONAL_TYPES
    use = p.ok if own else p.ok & ~prep.personal_mask(inp)
    exposure = p.level / max(wp.level, 1e-6)  # UV exposure relative to white light's
    zones, boxes, heats, scores = [], [], [], []
    for box, cov in prep.zone_boxes(feature, inp, [(light, p)]):
        x0, y0, x1, y1 = box
        m = use[y0:y1, x0:x1]
        if cov["code"] or m.mean() < 0.2:
            zones.append({**cov, "code": cov["code"] or "ZONE_NOT_COVERED"})
            continue
        # in the specimen's units with the dullness kept; smoothed over ~0.25 mm
        qd = prep.grey(spatial.blur(p.q[y0:y1, x0:x1], 1.0)) * exposure
        rg = prep.grey(spatial.blur(p.r[y0:y1, x0:x1], 1.0))
        q80 = float(np.percentile(qd[m], 80))
        r80 = float(np.percentile(rg[m], 80))
        s = q80 / max(r80, 1.0)
        scores.append(s)
        zones.append({"code": None, "ratio": round(s, 3), "q80": round(q80, 1),
                      "r80": round(r80, 1), **cov})  # fmt: skip
        boxes.append(spatial.box_at(box, inp.px_per_mm / p.k))
        heats.append(np.clip(qd / max(r80, 1.0) - 1.0, 0, None))
    details = {"zones": zones, "uv_exposure": round(p.level, 3),
               "white_exposure": round(wp.level, 3)}  # fmt: skip
    ev = evidence(inp, light, boxes, heats, vmax=3.0) if boxes else None
    codes = [z["code"] for z in zones if z["code"]]
    return conclude(feature, scores, codes, higher_is_better=False,
                    fail_code=_bright_code(feature), light=f"{light}+white", evidence=ev,
                    details=details, what=_NO_ZONE)  # fmt: skip


def _tophat(a: np.ndarray, ker) -> np.ndarray:
    return np.stack([cv2.morphologyEx(np.ascontiguousarray(a[..., c]), cv2.MORPH_TOPHAT, ker)
                     for c in range(a.shape[2])], axis=2)  # fmt: skip


def _thresholds(p: prep.Plane, th: np.ndarray, use: np.ndarray) -> np.ndarray:
    """Per channel: the larger of a 60 % lift over the substrate and 4x the channel's
    noise in the questioned image (a UV capture is dark and grainy; grain must not count)."""
    out = []
    for c in range(th.shape[2]):
        v = th[::2, ::2, c][use[::2, ::2]]
        noise = 1.4826 * float(np.median(np.abs(v - np.median(v)))) if v.size else 0.0
        out.append(max(_SPECK * float(p.paper[c]), _NOISE * noise, 1.0))
    return np.array(out, np.float32)


def _specks(th: np.ndarray, use: np.ndarray, thr: np.ndarray, k: float):
    """Fibres: thin bright streaks (top-hat ``th``) above ``thr`` in any channel, at least
    ~1 mm long. Returns the count and the lift map (in units of the threshold)."""
    lift = (th / thr).max(axis=2) * use
    _, _, stats, _ = cv2.connectedComponentsWithStats((lift > 1.0).astype(np.uint8), 8)
    size = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    area = stats[1:, cv2.CC_STAT_AREA]
    return int(((size >= _MIN_LEN_MM * k) & (area <= 12 * k * k)).sum()), lift


_SPECK = 0.6  # top-hat lift over the substrate level (a 60 % brighter channel)
_MIN_LEN_MM = 1.0  # real fibres are 2-6 mm; a shorter speck is grain or noise
_NOISE = 4.0


def check_fibres(feature: Feature, inp: CheckInput) -> FeatureResult:
    light = _uv_light(feature)
    p = prep.plane(inp, light)
    k = p.k
    uv_print = [z for f in inp.page.features if f.type == "uv_fluorescent_print"
                for z in f.zones]  # fmt: skip
    use = p.ok & ~prep.personal_mask(inp) & ~rect_mask(uv_print, k, p.ok.shape, grow_mm=0.5)
    zm = rect_mask(feature.zones, k, p.ok.shape)
    use &= zm
    cov = float(use.sum() / max(zm.sum(), 1))
    box = (0, 0, p.ok.shape[1], p.ok.shape[0])
    if cov < 0.3:
        c = prep.covered(inp, light, box, p)
        return result(feature, c["code"] or "ZONE_NOT_COVERED", light=light, details=c)
    # The specimen is counted under the capture's own limits: its blur and its noise.
    ker = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * round(0.6 * k) + 1,) * 2)
    qa = spatial.blur(p.q, 0.5)
    ra = spatial.blur(p.r, float(np.hypot(0.5, (extra_blur(inp) or 0.0) * k / inp.px_per_mm)))
    tq, tr = _tophat(qa, ker), _tophat(ra, ker)
    thr = _thresholds(p, tq, use)
    nq, lq = _specks(tq, use, thr, k)
    nr, lr = _specks(tr, use, thr, k)
    details = {"questioned": nq, "reference": nr, "usable": round(cov, 3),
               "thresholds": [round(float(t), 1) for t in thr]}  # fmt: skip
    ev = evidence(inp, light, [spatial.box_at(box, inp.px_per_mm / k)],
                  [np.abs(np.minimum(lr, 3) - np.minimum(lq, 3))], vmax=3.0)  # fmt: skip
    if nr < 5:
        return result(feature, "NOTHING_TO_MEASURE", light=light, evidence=ev, details=details,
                      what=("the specimen shows too few fibres to count",
                            "у образца слишком мало волокон для подсчёта"))  # fmt: skip
    return verdict(feature, nq / nr, higher_is_better=True, fail_code="UV_FIBRES_MISSING",
                   light=light, evidence=ev, details=details)  # fmt: skip
