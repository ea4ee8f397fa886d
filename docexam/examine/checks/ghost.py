"""ghost_matches_portrait: does the ghost image show the portrait's face?

Why this comparison: the ghost is the holder's portrait printed again as a faint line
screen, so both must show one face; a substituted photo or a foreign ghost shows two.
Both zones of the questioned page are reduced to the same small grid (the screen's lines
and the background's fine lines average out), turned into darkness, and the portrait is
given the ghost's own rendering (darkness below a floor prints nothing, an oval fades the
edges) so that like is compared with like; the score is the normalised correlation of the
two inside the oval, at the best shift of up to 1 mm. The specimen's own ghost/portrait
score is reported alongside as the attainable value.
"""

from __future__ import annotations

import cv2
import numpy as np

from docexam.examine.checks import prep
from docexam.examine.checks.common import CheckInput, crop, result, stack, verdict, zone_box
from docexam.examine.results import Evidence, FeatureResult
from docexam.specimens.manifest import Feature

_NO_PORTRAIT = ("the specimen names no portrait zone", "в образце нет зоны портрета")
_GRID = (32, 40)  # w, h of the comparison grid (~0.5 mm cells on a 16 x 20 mm ghost)
_FLOOR = 0.12  # the ghost screen prints no darkness below this (synth/art/portrait.ghost)
_INNER = 0.5  # compare where the ghost's oval fade keeps at least half the darkness
_HP = 8.0  # cells: structure finer than this (features, hair line) is compared
_SCREEN_MM = 0.3  # blur that dissolves the ghost's line screen and the background lines


def _oval(w: int, h: int) -> np.ndarray:
    yy = (np.arange(h, dtype=np.float32)[:, None] + 0.5) / h * 2 - 1
    xx = (np.arange(w, dtype=np.float32)[None, :] + 0.5) / w * 2 - 1
    return np.clip((0.95 - np.hypot(xx, yy)) / 0.25, 0.0, 1.0)


def _grid(img: np.ndarray, box, paper: np.ndarray, k: float) -> np.ndarray:
    """Grey darkness of ``box`` (page px) on the comparison grid."""
    x0, y0, x1, y1 = box
    a = np.asarray(img)[y0:y1, x0:x1].astype(np.float32)
    a = cv2.resize(cv2.GaussianBlur(a, (0, 0), _SCREEN_MM * k), _GRID, interpolation=cv2.INTER_AREA)
    d = 1.0 - a / np.maximum(paper, 1.0)
    return d.mean(axis=2) if d.ndim == 3 else d


def _features(d: np.ndarray, m: np.ndarray) -> np.ndarray:
    """``d`` inside ``m`` minus its masked local mean: features rather than silhouette."""
    w = m.astype(np.float32)
    low = cv2.GaussianBlur(d * w, (0, 0), _HP) / np.maximum(cv2.GaussianBlur(w, (0, 0), _HP), 1e-3)
    return (d - low) * w


def similarity(ghost: np.ndarray, portrait: np.ndarray) -> tuple[float, tuple[int, int]]:
    """Best NCC of the ghost (its oval fade divided out) and the portrait rendered as the
    ghost renders it (darkness above the floor), inside the oval, shifts up to ~1 mm."""
    ov = _oval(*_GRID)
    m = ov > _INNER
    g = _features(np.where(m, ghost / np.maximum(ov, 1e-3), 0.0), m)
    p = _features(np.clip((portrait - _FLOOR) / (1 - _FLOOR), 0, 1), m)
    best = (-1.0, (0, 0))
    for dy in range(-2, 3):
        for dx in range(-2, 3):
            ps = np.roll(p, (dy, dx), axis=(0, 1)) * m
            a, b = g[m] - g[m].mean(), ps[m] - ps[m].mean()
            den = float(np.sqrt((a * a).sum() * (b * b).sum()))
            best = max(best, (float((a * b).sum()) / den if den > 0 else 0.0, (dy, dx)))
    return best


def _light(feature: Feature, inp: CheckInput) -> str:
    """IR when both documents have it: ghost and portrait absorb it, background inks drop
    out (a rosette under the ghost would otherwise be compared too); else the manifest's."""
    for lt in ("ir870", "ir950"):
        if lt in inp.questioned and lt in inp.reference:
            return lt
    return feature.lights[0] if feature.lights else "white"


def check_ghost(feature: Feature, inp: CheckInput) -> FeatureResult:
    light = _light(feature, inp)
    irs = [lt for lt in ("ir870", "ir950") if lt in inp.reference]
    if light == "white" and irs:
        # In white light the background print under the ghost decides the correlation more
        # than the face does (studio captures: genuine 0.57-0.96, another face up to 0.88),
        # so a specimen that has an IR image is compared under IR only.
        return result(feature, "LIGHT_MISSING", light=irs[0])
    res = _check(feature, inp, light)
    if light != "white" and res.details.get("faint") and "white" in inp.questioned:
        return _check(feature, inp, "white")  # the ghost does not show under IR here
    return res


def _check(feature: Feature, inp: CheckInput, light: str) -> FeatureResult:
    if len(feature.zones) < 2:
        return result(feature, "NOTHING_TO_MEASURE", light=light,
                      what=_NO_PORTRAIT)  # fmt: skip
    wp = prep.plane(inp, light)
    f = round(inp.px_per_mm / wp.k)
    boxes = [zone_box(z, inp.px_per_mm, inp.shape) for z in feature.zones[:2]]
    for b in boxes:
        if b is None:
            return result(feature, "ZONE_NOT_COVERED", light=light)
        cov = prep.covered(inp, light, tuple(v // f for v in b), wp)  # type: ignore[arg-type]
        if cov["code"]:
            return result(feature, cov["code"], light=light, details=cov)
    gb, pb = boxes
    gain = wp.gain[gb[1] // f : gb[3] // f, gb[0] // f : gb[2] // f].mean(axis=(0, 1))
    k = inp.px_per_mm
    gq = _grid(inp.questioned[light], gb, wp.paper * gain, k)
    pgain = wp.gain[pb[1] // f : pb[3] // f, pb[0] // f : pb[2] // f].mean(axis=(0, 1))
    pq = _grid(inp.questioned[light], pb, wp.paper * pgain, k)
    score, shift = similarity(gq, pq)
    gr, pr = (
        _grid(inp.reference[light], gb, wp.paper, k),
        _grid(inp.reference[light], pb, wp.paper, k),
    )
    ref, _ = similarity(gr, pr)
    m = _oval(*_GRID) > _INNER
    # Under IR the inks must show: a ghost or portrait printed with an IR-transparent ink
    # is judged in white light instead.
    faint = any(float(a[m].std()) < 0.25 * float(b[m].std()) for a, b in ((gq, gr), (pq, pr)))
    ev = _evidence(inp, light, gb, pb, gq, pq)
    details = {"specimen_score": round(ref, 3), "shift_cells": list(shift), "faint": faint}
    return verdict(feature, score, higher_is_better=True, fail_code="GHOST_IMAGE_MISMATCH",
                   light=light, evidence=ev, details=details)  # fmt: skip


def _evidence(inp: CheckInput, light: str, gb, pb, gq, pq) -> Evidence:
    """Questioned: ghost over portrait; reference: the specimen's; heatmap: |difference|."""
    size = (gb[2] - gb[0], gb[3] - gb[1])

    def both(img: np.ndarray) -> np.ndarray:
        g = crop(img, gb)
        p = cv2.resize(crop(img, pb), size, interpolation=cv2.INTER_AREA)
        return stack([g, p])

    ov = _oval(*_GRID)
    diff = np.abs(gq / np.maximum(ov, 0.2) - np.clip((pq - _FLOOR) / (1 - _FLOOR), 0, 1)) * ov
    hm = cv2.applyColorMap(
        cv2.resize(np.clip(diff * 400, 0, 255).astype(np.uint8), size), cv2.COLORMAP_INFERNO
    )
    q, r = both(inp.questioned[light]), both(inp.reference[light])
    heat = stack([hm, np.zeros_like(hm)])
    return Evidence(questioned=q, reference=r, heatmap=heat)
