"""IR checks: ir_visible (the ink absorbs at 870 nm) and ir_invisible (it drops out).

Why ratios of summed darkness: the same print is measured twice in one capture, under
white light and under IR, so ``sum(IR darkness) / sum(white darkness)`` over the ink and
its surroundings is independent of the ink's coverage and of blur (blur moves darkness
around, it does not remove it), and exposure is cancelled by each plane's own gain.
``ir_visible`` finds the questioned document's ink (personal data differ from the
specimen's) and leaves out the print that drops out in the specimen at that place (the
labels, the background); it scores every text row on its own and reports the weakest, so
one reprinted MRZ line fails. ``ir_invisible`` measures where the specimen has its
drop-out print (labels and title are the same on every document); if that print is not
there at all the layout is foreign (LAYOUT_MISMATCH).
"""

from __future__ import annotations

import cv2
import numpy as np

from docexam.examine.checks import prep, spatial
from docexam.examine.checks.common import (
    CheckInput,
    cached,
    conclude,
    evidence,
    result,
)
from docexam.examine.results import FeatureResult
from docexam.specimens.manifest import Feature

_NO_PRINT = ("no print found in the zone", "в зоне не найдено печати")
_NO_DROPOUT = ("the specimen has no drop-out print here", "у образца здесь нет исчезающей печати")
_INK = 0.3  # white-light darkness of a text stroke (black ~0.8, guilloche lines < 0.25)
_MIN_INK_MM2 = 0.6  # least ink (in mm^2 of full darkness) a zone or row needs to be judged
_PRESENT = 0.4  # drop-out print below this share of the specimen's contrast is missing
_CLEAR = 0.6  # ... and only print showing at least this share is judged under IR
_LAYOUT = 3  # a foreign layout: labels missing in at least 1/_LAYOUT of the zones


def _ir_light(feature: Feature) -> str:
    return next((x for x in feature.lights if x.startswith("ir")), feature.lights[0])


def _grow(m: np.ndarray, px: int) -> np.ndarray:
    if px <= 0:
        return m
    ker = np.ones((2 * px + 1, 2 * px + 1), np.uint8)
    return cv2.dilate(m.astype(np.uint8), ker) > 0


def _planes(inp: CheckInput, light: str, wp, ip) -> dict:
    """Grey darkness of both documents under white light and ``light``, the white ones
    high-passed for alignment, and the usable pixels: once per page for all IR checks."""

    def make() -> dict:
        qw = prep.grey(prep.darkness(wp.q, wp.paper))[..., None]
        rw = prep.grey(prep.darkness(wp.r, wp.paper))[..., None]
        hq, hr = spatial.highpass(qw, wp.k), spatial.highpass(rw, wp.k)
        return {"qw": qw, "rw": rw, "hq": hq, "hr": hr,
                "qi": prep.darkness(ip.q, ip.paper), "ri": prep.darkness(ip.r, ip.paper),
                "ok": (wp.ok & ip.ok)[..., None].astype(np.float32)}  # fmt: skip

    return cached(inp, ("ir_planes", light), make)


def _pair(inp: CheckInput, light: str, box, wp, ip):
    """Questioned white and IR darkness of ``box`` grown by 1 mm (background for the
    baselines), in the specimen's frame, and the specimen's (aligned on the white-light
    print, +-1 mm); ``inside``: the zone itself within that window."""
    d = _planes(inp, light, wp, ip)
    k = wp.k
    dy, dx, _ = spatial.align(d["hq"], d["hr"], box, max(1, round(k)))
    win = spatial.window(box, wp.ok.shape, round(k))
    x0, y0, x1, y1 = win
    q_w = spatial.shifted(d["qw"], win, dy, dx)[..., 0]
    q_i = spatial.shifted(d["qi"], win, dy, dx)[..., 0]
    ok = spatial.shifted(d["ok"], win, dy, dx)[..., 0] > 0.99
    r_w, r_i = d["rw"][y0:y1, x0:x1, 0], d["ri"][y0:y1, x0:x1, 0]
    inside = np.zeros(ok.shape, bool)
    lx0, ly0, lx1, ly1 = spatial.local(box, win)
    inside[ly0:ly1, lx0:lx1] = True
    return q_w, q_i, r_w, r_i, ok, inside, (dy, dx)


def _excess(d: np.ndarray, region: np.ndarray, background: np.ndarray) -> float:
    """Summed darkness over ``region`` above the local background's median (unclipped:
    clipping noise at zero would add a bias, a gain error would add an offset)."""
    base = float(np.median(d[background])) if background.sum() >= 20 else 0.0
    return float((d[region] - base).sum())


def _labels(q_w, r_w, r_i, ok, inside, k: float) -> tuple[np.ndarray, float | None]:
    """The specimen's drop-out print in the zone (grown by 0.6 mm: blur spreads it) and
    the share of its white-light contrast the questioned page shows there (None: the
    specimen has none here)."""
    lab = (r_w > _INK) & (r_i < 0.5 * r_w) & inside
    region = _grow(lab, round(0.6 * k)) & ok
    bg = ok & ~_grow(lab | (q_w > _INK) | (r_w > _INK), round(0.6 * k))
    r_sum = _excess(r_w, region, bg)
    if not lab.any() or r_sum < _MIN_INK_MM2 * k * k:
        return region, None
    # Relative to the strongest ink around the zone (its window reaches the data below the
    # labels): a washed-out or soft capture dims everything there alike, a foreign layout
    # leaves the labels' places empty but not their surroundings.
    qz = q_w[ok]
    top_q = float(np.percentile(qz, 98)) if qz.size else 0.0
    contrast = float(np.clip(top_q / max(float(np.percentile(r_w, 98)), 1e-3), 0.3, 1.5))
    return region, _excess(q_w, region, bg) / r_sum / contrast


def _rows(ink: np.ndarray, k: float) -> list[slice]:
    """Text rows of an ink mask: runs of rows holding ink, split at empty gaps."""
    prof = ink.sum(axis=1)
    on = prof > max(1.0, 0.05 * prof.max()) if prof.size else prof
    rows, start = [], None
    for i, v in enumerate(np.append(on, False)):
        if v and start is None:
            start = i
        elif not v and start is not None:
            if i - start >= max(2, round(0.5 * k)):
                rows.append(slice(start, i))
            start = None
    return rows


def _not_visible_code(feature: Feature, inp: CheckInput) -> str:
    """IR_MRZ_NOT_VISIBLE when the feature is the MRZ (its zone is the page's), else the
    general code: a reprinted MRZ is the classic finding and gets its own, heavier code."""
    mrz = inp.page.zones.get("mrz")
    return "IR_MRZ_NOT_VISIBLE" if mrz is not None and mrz in feature.zones else (
        "IR_PRINT_NOT_VISIBLE")  # fmt: skip


def check_ir_visible(feature: Feature, inp: CheckInput) -> FeatureResult:
    light = _ir_light(feature)
    wp, ip = prep.plane(inp, "white"), prep.plane(inp, light)
    k = wp.k
    min_ink = _MIN_INK_MM2 * k * k
    zones, scores, boxes, heats, shifts = [], [], [], [], []
    missing, judged = [], 0
    for box, cov in prep.zone_boxes(feature, inp, [(light, ip), ("white", wp)]):
        if cov["code"]:
            zones.append(cov)
            continue
        q_w, q_i, r_w, r_i, ok, inside, (dy, dx) = _pair(inp, light, box, wp, ip)
        labels, present = _labels(q_w, r_w, r_i, ok, inside, k)
        if present is not None:  # the zone's labels must be where the specimen has them
            judged += 1
            if present < _PRESENT:
                missing.append(present)
        dropout = _grow((r_w > 0.2) & (r_i < 0.5 * r_w), round(0.3 * k)) | labels
        ink = (q_w > _INK) & ~dropout & ok & inside
        region = _grow(ink, round(0.5 * k)) & ~dropout & ok
        bg = ok & ~_grow(ink | dropout, round(0.5 * k))
        row_scores = []
        for rs in _rows(ink, k):
            reg = np.zeros_like(region)
            reg[rs] = region[rs]
            w_sum = _excess(q_w, reg, bg)
            if w_sum < min_ink:
                continue
            row_scores.append(_excess(q_i, reg, bg) / w_sum)
        if row_scores:
            scores.append(min(row_scores))
        lp = None if present is None else round(present, 3)
        zones.append({"code": None, "rows": [round(s, 3) for s in row_scores],
                      "labels_present": lp, **cov})  # fmt: skip
        boxes.append(spatial.box_at(box, inp.px_per_mm / k))
        x0, y0, x1, y1 = spatial.local(box, spatial.window(box, wp.ok.shape, round(k)))
        heats.append((np.clip(q_w - q_i, 0, None) * region)[y0:y1, x0:x1])  # ink IR misses
        shifts.append((dy * inp.px_per_mm / k, dx * inp.px_per_mm / k))
    ev = evidence(inp, light, boxes, heats, shifts, vmax=0.8) if boxes else None
    details = {"zones": zones}
    if missing and len(missing) * _LAYOUT >= judged:  # the specimen's labels are not there
        return result(feature, "LAYOUT_MISMATCH", light="white", score=min(missing), evidence=ev,
                      details=details)  # fmt: skip
    codes = [z["code"] for z in zones if z.get("code")]
    return conclude(feature, scores, codes, higher_is_better=True,
                    fail_code=_not_visible_code(feature, inp), light=light, evidence=ev,
                    details=details, what=_NO_PRINT)  # fmt: skip


_ZONES_FOR_MEDIAN = 3  # measured drop-out zones from which their median is the score


def check_ir_invisible(feature: Feature, inp: CheckInput) -> FeatureResult:
    light = _ir_light(feature)
    wp, ip = prep.plane(inp, "white"), prep.plane(inp, light)
    k = wp.k
    zones, scores, boxes, heats, shifts = [], [], [], [], []
    missing: list[float] = []
    for box, cov in prep.zone_boxes(feature, inp, [(light, ip), ("white", wp)]):
        if cov["code"]:
            zones.append(cov)
            continue
        q_w, q_i, r_w, r_i, ok, inside, (dy, dx) = _pair(inp, light, box, wp, ip)
        region, present = _labels(q_w, r_w, r_i, ok, inside, k)
        if present is None:
            zones.append({"code": None, "skipped": "no drop-out print in the specimen"})
            continue
        bg = ok & ~_grow(region | (q_w > _INK) | (r_w > _INK), round(0.3 * k))
        w_sum = _excess(q_w, region, bg)
        s = _excess(q_i, region, bg) / max(w_sum, _MIN_INK_MM2 * k * k)
        if present < _PRESENT:
            missing.append(present)
        elif present >= _CLEAR:  # a dimmed zone's ratio is noise over little contrast
            scores.append(s)
        zones.append({"code": None, "ratio": round(s, 3), "present": round(present, 3), **cov})
        boxes.append(spatial.box_at(box, inp.px_per_mm / k))
        x0, y0, x1, y1 = spatial.local(box, spatial.window(box, wp.ok.shape, round(k)))
        heats.append((np.clip(q_i, 0, None) * region)[y0:y1, x0:x1])
        shifts.append((dy * inp.px_per_mm / k, dx * inp.px_per_mm / k))
    ev = evidence(inp, light, boxes, heats, shifts, vmax=0.6) if boxes else None
    details = {"zones": zones}
    judged = len(scores) + len(missing)
    if missing and len(missing) * _LAYOUT >= judged:  # the specimen's print is not there
        return result(feature, "LAYOUT_MISMATCH", light="white", score=min(missing), evidence=ev,
                      details=details)  # fmt: skip
    codes = [z["code"] for z in zones if z.get("code")]
    if len(scores) >= _ZONES_FOR_MEDIAN:
        # The drop-out print is laid down in one pass: ink of the wrong kind shows in all of
        # its zones. One small zone alone above tolerance is the noise of a phone's IR shot
        # (measured: one label at 0.55 among 13 at -0.13..0.06), so the zones' median judges.
        details["zone_ratios"] = [round(float(x), 3) for x in scores]
        scores = [float(np.median(scores))]
    return conclude(feature, scores, codes, higher_is_better=False, fail_code="IR_DROPOUT_VISIBLE",
                    light=light, evidence=ev, details=details, what=_NO_DROPOUT)  # fmt: skip
