"""pattern_match: is the zone's print the specimen's, line for line (and, under UV, in
its colour)?

Why this measure: a guilloche, rosette or UV emblem is the same on every genuine document
of a series, so the registered zone must correlate with the specimen's. Both images are
turned into an ink signal (grey darkness in white light and IR; glow above the substrate
per channel under UV), high-passed at 1 mm (shading, the portrait's shape and residual
gain drop out, the lines stay) and masked where personal data differ; a background-sized
zone also leaves out the smaller features inside it (labels, a rosette), whose static
print would otherwise outweigh its fine lines. The specimen is blurred to the capture's
sharpness, measured on text edges (``sharpness``): measured on the pattern itself, a
foreign guilloche would choose the blur that flatters it. The zone is aligned once
(+-1 mm, sub-pixel), cut into ~12 mm tiles, each allowed one more pixel of alignment
(a quasi-periodic foreign pattern must not re-lock onto the specimen's lines), and the
structure score is the correlation three quarters of the tiles reach: robust to a glare
spot, sensitive to a replaced region. Under UV the per-channel gains of the questioned
pattern must also agree (a foreign ink glows in another colour where its lines
coincide); the score is the lower of the two.
"""

from __future__ import annotations

import numpy as np

from docexam.examine.checks import prep, spatial
from docexam.examine.checks.common import (
    CheckInput,
    conclude,
    evidence,
    rect_mask,
    weighted_quantile,
)
from docexam.examine.checks.sharpness import extra_blur
from docexam.examine.results import FeatureResult
from docexam.specimens.manifest import Feature

_UV = ("uv365", "uv254")
_NOTHING = ("no part of the zone can be compared", "ни одну часть зоны нельзя сравнить")


def signal(p: prep.Plane, a: np.ndarray) -> np.ndarray:
    """Ink signal of ``a`` under the plane's light: glow for UV, darkness otherwise."""
    if p.light in _UV:
        return a / np.maximum(p.paper, 1.0) - 1.0
    return prep.darkness(a, p.paper)


def colour_agreement(q: np.ndarray, r: np.ndarray) -> float:
    """min/max of the per-channel gains <q,r>/<r,r> over channels carrying the pattern."""
    e = (r * r).sum(axis=(0, 1))
    if e.size < 2 or e.max() <= 0:
        return 1.0
    use = e >= 0.15 * e.max()
    g = np.clip((q * r).sum(axis=(0, 1))[use] / e[use], 0.0, None)
    return float(g.min() / g.max()) if g.max() > 0 else 0.0


def _seen(f: Feature) -> set[str]:
    """The lights a feature's print shows under (IR inks are printed in visible colours)."""
    printed = f.type in ("ir_dropout_ink", "ir_absorbing_ink")
    return set(f.lights) | ({"white"} if printed else set())


def nested_mask(inp: CheckInput, feature: Feature, k: float, shape) -> np.ndarray:
    """For a background-sized zone (over a quarter of the page): the zones of the other,
    smaller features inside it. They are checked on their own, and their static print
    (labels, rosette, rainbow) would otherwise outweigh the background's fine lines."""
    pw, ph = inp.page.size_mm
    big = [z for z in feature.zones if z.w * z.h > 0.25 * pw * ph]
    data = {f.zone for f in inp.page.fields} | set(inp.page.zones.values())
    lights = set(feature.lights)
    inner = [z for f in inp.page.features if f.id != feature.id and _seen(f) & lights
             for z in f.zones if z not in data and z.w * z.h < 0.25 * pw * ph
             and any(z.intersects(b) for b in big)]  # fmt: skip
    return rect_mask(inner, k, shape, grow_mm=0.3)


_TILE_MM = 12.0
_QUANTILE = 0.25  # the zone's score: the correlation three quarters of its tiles reach
_PRE = 0.5  # plane px of smoothing of the questioned signal (noise), matched on the specimen


def _edges(n: int, px: float) -> np.ndarray:
    return np.linspace(0, n, max(1, round(n / px)) + 1).round().astype(int)


def _tile_ncc(q: np.ndarray, r: np.ndarray, m: np.ndarray, k: float):
    """NCC per ~12 mm tile of the zone, each at its best of the 3 x 3 one-pixel offsets
    around the zone's alignment; and each tile's weight (the specimen's signal energy)."""
    h, w = m.shape
    ys, xs = _edges(h, _TILE_MM * k)[:-1], _edges(w, _TILE_MM * k)[:-1]

    def tsum(a: np.ndarray) -> np.ndarray:
        return np.add.reduceat(np.add.reduceat(a, ys, axis=0), xs, axis=1)

    mf = m.astype(np.float32)
    r = r * mf[..., None]
    rr = tsum((r * r).sum(axis=2))
    qp = np.pad(q, ((1, 1), (1, 1), (0, 0)))
    best = np.full(rr.shape, -1.0)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            qs = qp[dy : dy + h, dx : dx + w] * mf[..., None]
            qr, qq = tsum((qs * r).sum(axis=2)), tsum((qs * qs).sum(axis=2))
            best = np.maximum(best, qr / np.sqrt(np.maximum(qq * rr, 1e-24)))
    cover = tsum(mf) / np.maximum(tsum(np.ones_like(mf)), 1)
    good = (cover >= 0.2) & (rr > 1e-6 * tsum(np.ones_like(mf)))
    return best[good], np.sqrt(rr[good])


def measure(inp: CheckInput, feature: Feature, light: str) -> dict:
    """Per-zone structure and colour scores under ``light`` (see the module docstring)."""
    p = prep.plane(inp, light)
    k = p.k
    use = p.ok & ~prep.personal_mask(inp) & ~nested_mask(inp, feature, k, p.ok.shape)
    extra = extra_blur(inp)  # one optics for all lights; None: not measurable, assume sharp
    sigma = float(np.hypot(_PRE, (extra or 0.0) * k / inp.px_per_mm))
    colour = light in _UV
    zones, boxes, heats, shifts = [], [], [], []
    for box, cov in prep.zone_boxes(feature, inp, [(light, p)]):
        if cov["code"]:
            zones.append({"code": cov["code"], **cov})
            continue
        win = spatial.window(box, use.shape, round(4 * k))  # filters need ~3 mm, alignment 1
        wx0, wy0, wx1, wy1 = win
        u = use[wy0:wy1, wx0:wx1]
        sq, sr = signal(p, p.q[wy0:wy1, wx0:wx1]), signal(p, p.r[wy0:wy1, wx0:wx1])
        if not colour:
            sq, sr = prep.grey(sq)[..., None], prep.grey(sr)[..., None]
        qs = spatial.blur(spatial.highpass(sq, k), _PRE) * u[..., None]
        rs = spatial.blur(spatial.highpass(sr, k), sigma) * u[..., None]
        lb = spatial.local(box, win)
        x0, y0, x1, y1 = lb
        zy, zx, _ = spatial.align(qs, rs, lb, max(1, round(1.0 * k)))
        qz = spatial.shifted(qs, lb, zy, zx)
        rz = rs[y0:y1, x0:x1]
        uz = spatial.shifted(u[..., None].astype(np.float32), lb, zy, zx)[..., 0] > 0.99
        uz &= u[y0:y1, x0:x1]
        v, w = _tile_ncc(qz, rz, uz, k)
        if not len(v):
            zones.append({"code": "NOTHING_TO_MEASURE", "usable": float(uz.mean())})
            continue
        info = {"code": None, "structure": round(weighted_quantile(v, w, _QUANTILE), 4),
                "median": round(weighted_quantile(v, w, 0.5), 4), "tiles": len(v),
                "blur": round(sigma, 3), "usable": round(float(uz.mean()), 3),
                "covered": cov["covered"],
                "shift_mm": [round(zy / k, 2), round(zx / k, 2)],
                "extra_blur_px": None if extra is None else round(extra, 2)}  # fmt: skip
        if colour:
            info["colour"] = round(colour_agreement(qz * uz[..., None], rz * uz[..., None]), 4)
        zones.append(info)
        boxes.append(spatial.box_at(box, inp.px_per_mm / k))
        heats.append(np.abs(qz - rz).sum(axis=2) * uz)
        shifts.append((zy * inp.px_per_mm / k, zx * inp.px_per_mm / k))
    return {"zones": zones, "boxes": boxes, "heats": heats, "shifts": shifts}


def check_pattern(feature: Feature, inp: CheckInput) -> FeatureResult:
    """The worst zone under any light decides (see ``common.conclude`` for coverage)."""
    scored: list[tuple[float, str, str]] = []  # (score, fail code, light) per zone
    codes: list[str] = []
    details: dict = {}
    ev = None
    for light in feature.lights:
        m = measure(inp, feature, light)
        details[light] = m["zones"]
        if m["boxes"] and ev is None:
            vmax = max(float(np.percentile(h, 99.5)) for h in m["heats"]) or 1.0
            ev = evidence(inp, light, m["boxes"], m["heats"], m["shifts"], vmax=vmax)
        for z in m["zones"]:
            if z["code"]:
                codes.append(z["code"])
                continue
            pairs = [(z["structure"], "PATTERN_MISMATCH", light)]
            if "colour" in z:  # UV only: white-light colour is at the mercy of JPEG chroma
                pairs.append((z["colour"], "UV_PRINT_MISMATCH", light))
            scored.append(min(pairs))
    _, code, light = min(scored) if scored else (0.0, "PATTERN_MISMATCH", feature.lights[0])
    return conclude(feature, [s for s, _, _ in scored], codes, higher_is_better=True,
                    fail_code=code, light=light, evidence=ev, details=details,
                    what=_NOTHING)  # fmt: skip
