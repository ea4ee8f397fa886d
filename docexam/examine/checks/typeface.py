"""typeface_match: is the personal data set in the specimen's typeface?

Why a vocabulary of local letter shapes: the questioned values are another person's, so
no glyph, word or line can be compared with the specimen's directly, and global stroke
statistics depend more on which letters happen to be printed than on the typeface. A
typeface, though, is a small set of recurring local shapes (stem edges, terminals, bowls,
joins; serifs where it has them), so most ~1.5 mm patches of a genuine value have a
near-twin somewhere in the specimen's values, whatever the letters, and a foreign face's
serifs and stroke contrast do not. The text is first separated from the background (the
specimen's background, its own values found by their IR absorption and painted out, is
subtracted from the aligned questioned zone; the specimen's static print, labels and
dark lines, is blanked). The specimen's values are blurred to the capture's softness,
calibrated on those labels (the same on every document; text edges elsewhere under-read
a phone's motion blur). The score is the share of the questioned patches whose best
normalised correlation with any specimen patch stays below 0.93. A capture in which even
the labels cannot be matched closely cannot show letter shapes: CAPTURE_TOO_SOFT, unless
its text edges are sharp (then the zones hold a foreign layout, and it is judged); so is a
capture softer than _MAX_BLUR, where genuine and foreign letter shapes overlap.
"""

from __future__ import annotations

import cv2
import numpy as np

from docexam.examine.checks import prep, spatial
from docexam.examine.checks.common import CheckInput, crop, result, stack, verdict, zone_box
from docexam.examine.checks.sharpness import extra_blur
from docexam.examine.results import Evidence, FeatureResult
from docexam.specimens.manifest import Feature

_TOO_LITTLE = ("too little text to judge the typeface",
               "слишком мало текста, чтобы судить о шрифте")  # fmt: skip
_PATCH = 9  # px at half the page resolution (~1.5 mm at 300 dpi)
_TWIN = 0.93  # a patch this similar to a specimen patch is the same typeface
_MAX_Q, _MAX_R = 1000, 2400  # patches sampled (evenly) from each document
_MIN_PATCHES = 150  # fewer questioned patches: too little text to judge
_MATCH = 0.75  # the labels must correlate this well with the specimen's to judge letters
_SHARP_PX = 0.6  # ... unless the text edges say the capture is sharp (a foreign layout)
# Letter shapes are judged only on a sharp capture: with the specimen blurred by more than
# this (half-resolution px, ~0.085 mm at 300 dpi) genuine and foreign typefaces overlap
# (benchmarks/calibrate_checks.py on tuning seeds: genuine up to 0.96, foreign from 0.79),
# while at this blur or less they stay apart (genuine <= 0.77, foreign >= 0.82).
_MAX_BLUR = 0.5


def _half(img: np.ndarray, box) -> np.ndarray:
    """Grey ``box`` of a page image at half resolution (the patches' scale)."""
    x0, y0, x1, y1 = box
    a = np.asarray(img)[y0:y1, x0:x1]
    if a.ndim == 3:
        a = cv2.cvtColor(np.ascontiguousarray(a), cv2.COLOR_BGR2GRAY)
    h, w = a.shape[0] // 2, a.shape[1] // 2
    return cv2.resize(a[: 2 * h, : 2 * w], (w, h), interpolation=cv2.INTER_AREA).astype(np.float32)


def _zone(inp: CheckInput, box, wp: prep.Plane) -> dict | None:
    """One zone at half resolution: the questioned darkness aligned to the specimen, the
    specimen's darkness, its data text (IR-absorbing), its other print and background."""
    x0, y0, x1, y1 = box
    k = inp.px_per_mm / 2
    f = round(inp.px_per_mm / wp.k)
    gain = wp.gain[y0 // f : max(y1 // f, y0 // f + 1), x0 // f : max(x1 // f, x0 // f + 1)]
    paper = float(wp.paper.mean())
    q = _half(inp.questioned["white"], box) / max(float(gain.mean()), 1e-3)
    r = _half(inp.reference["white"], box)
    qd, rd = np.clip(1 - q / paper, 0, 1), np.clip(1 - r / paper, 0, 1)
    if "ir870" in inp.reference:  # the specimen's values absorb IR, its background does not
        ri = _half(inp.reference["ir870"], box)
        text = np.clip(1 - ri / max(float(np.percentile(ri, 90)), 1.0), 0, 1) > 0.15
    else:
        text = rd > 0.5
    text = cv2.dilate(text.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    level = float(np.median(rd[~text])) if (~text).any() else 0.0
    bg = np.where(text, level, rd).astype(np.float32)
    m = max(1, round(0.8 * k))
    inner = (m, m, bg.shape[1] - m, bg.shape[0] - m)
    if inner[2] - inner[0] < 4 or inner[3] - inner[1] < 4:
        return None
    hq, hb = spatial.highpass(qd[..., None], k), spatial.highpass(bg[..., None], k)
    dy, dx, _ = spatial.align(hq, hb, inner, m)
    qa = spatial.shifted(qd[..., None], (0, 0, qd.shape[1], qd.shape[0]), dy, dx)[..., 0]
    static = (rd > 0.25) & ~text  # labels, dark background lines: on every document
    return {"qa": qa, "rd": rd, "text": text, "level": level, "bg": bg, "static": static}


_BLURS = (0.0, 0.5, 0.8, 1.1, 1.5, 2.0, 2.6)  # candidate capture blurs, half-resolution px


def _calibrate(zones: list[dict]) -> tuple[float, float]:
    """The blur that makes the specimen's static print (labels) look most like the
    questioned document's (text edges elsewhere under-read a phone's motion blur), and
    how well it then matches (NCC)."""
    best = (-2.0, 0.0)
    for sigma in _BLURS:
        num = eq = er = 0.0
        for z in zones:
            m = cv2.dilate(z["static"].astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
            r = cv2.GaussianBlur(z["rd"], (0, 0), sigma) if sigma else z["rd"]
            a, b = z["qa"][m], r[m]
            a, b = a - a.mean() if a.size else a, b - b.mean() if b.size else b
            num, eq, er = num + float(a @ b), eq + float(a @ a), er + float(b @ b)
        ncc = num / np.sqrt(eq * er) if eq * er > 0 else -1.0
        best = max(best, (ncc, sigma))
    return best[1], best[0]


def _layers(z: dict, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """Questioned and specimen data text, background and static print removed."""
    q_text = np.clip(z["qa"] - cv2.GaussianBlur(z["bg"], (0, 0), max(sigma, 0.3)), 0, 1)
    # Whatever of the static print survives the subtraction (a softer capture) is not data.
    q_text[cv2.dilate(z["static"].astype(np.uint8), np.ones((5, 5), np.uint8)) > 0] = 0.0
    r_text = np.where(z["text"], np.clip(z["rd"] - z["level"], 0, 1), 0).astype(np.float32)
    if sigma > 0:
        r_text = cv2.GaussianBlur(r_text, (0, 0), sigma)
    return q_text, r_text


def _patches(layers: list[np.ndarray], limit: int) -> np.ndarray:
    """Contrast-normalised patches centred on the text's edges."""
    h = _PATCH // 2
    out = []
    for d in layers:
        if min(d.shape) < _PATCH:
            continue
        gy, gx = np.gradient(d)
        gm = np.hypot(gx, gy)
        if gm.max() <= 0.02:
            continue
        ys, xs = np.nonzero(gm[h:-h, h:-h] > 0.3 * gm.max())
        if len(ys) == 0:
            continue
        win = np.lib.stride_tricks.sliding_window_view(d, (_PATCH, _PATCH))
        out.append(win[ys, xs].reshape(len(ys), -1))
    if not out:
        return np.zeros((0, _PATCH * _PATCH), np.float32)
    x = np.concatenate(out).astype(np.float32)
    if len(x) > limit:
        x = x[np.linspace(0, len(x) - 1, limit).astype(int)]
    x -= x.mean(axis=1, keepdims=True)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-6
    return x


def check_typeface(feature: Feature, inp: CheckInput) -> FeatureResult:
    light = "white"
    wp = prep.plane(inp, light)
    qs, rs, boxes, skipped = [], [], [], 0
    parts: list[dict] = []
    for z in feature.zones:
        box = zone_box(z, inp.px_per_mm, inp.shape)
        if box is None:
            continue
        f = round(inp.px_per_mm / wp.k)
        if prep.covered(inp, light, tuple(v // f for v in box), wp)["code"]:  # type: ignore[arg-type]
            skipped += 1
            continue
        z_ = _zone(inp, box, wp)
        if z_ is None:
            continue
        parts.append(z_)
        boxes.append(box)
    sigma, match = _calibrate(parts) if parts else (0.0, 0.0)
    for z_ in parts:
        q_text, r_text = _layers(z_, sigma)
        qs.append(q_text)
        rs.append(r_text)
    xq, xr = _patches(qs, _MAX_Q), _patches(rs, _MAX_R)
    details = {"patches": len(xq), "specimen_patches": len(xr), "zones_skipped": skipped,
               "blur_px": round(2 * sigma, 2), "label_match": round(match, 3)}  # fmt: skip
    ev = _evidence(inp, boxes, qs, rs) if boxes else None
    soft = sigma > _MAX_BLUR or (match < _MATCH and (extra_blur(inp) or 0.0) > _SHARP_PX)
    if soft:  # even the labels, the same on every document, cannot be matched closely
        b = f"{2 * sigma / inp.px_per_mm:.2f}"
        return result(feature, "CAPTURE_TOO_SOFT", light=light, evidence=ev, details=details,
                      what=(b, b.replace(".", ",")))  # fmt: skip
    if len(xq) < _MIN_PATCHES or len(xr) < _MIN_PATCHES:
        code = "ZONE_NOT_COVERED" if skipped and skipped >= len(feature.zones) // 2 else None
        return result(feature, code or "NOTHING_TO_MEASURE", light=light, evidence=ev,
                      details=details, what=_TOO_LITTLE)  # fmt: skip
    best = (xq @ xr.T).max(axis=1)
    score = float(np.mean(best < _TWIN))
    details["median_similarity"] = round(float(np.median(best)), 3)
    res = verdict(feature, score, higher_is_better=False, fail_code="TYPEFACE_MISMATCH",
                  light=light, evidence=ev, details=details)  # fmt: skip
    if res.status == "fail":
        what = ("letter shapes not found in the specimen's typeface",
                "формы букв, которых нет в шрифте образца")  # fmt: skip
        res = result(feature, "TYPEFACE_MISMATCH", light=light, score=score, evidence=ev,
                     details=details, what=what)  # fmt: skip
    return res


def _evidence(inp: CheckInput, boxes, qs, rs) -> Evidence:
    q = stack([crop(inp.questioned["white"], b) for b in boxes])
    r = stack([crop(inp.reference["white"], b) for b in boxes])
    hm = stack([cv2.applyColorMap(cv2.resize(np.clip(a * 255, 0, 255).astype(np.uint8),
                                             (b[2] - b[0], b[3] - b[1])), cv2.COLORMAP_INFERNO)
                for a, b in zip(qs, boxes, strict=True)])  # fmt: skip
    return Evidence(questioned=q, reference=r, heatmap=hm)
