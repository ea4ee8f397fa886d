"""What every image check shares: its input, zone geometry, masks, results and evidence.

Why one module: the checks differ in what they measure, not in how they treat the page,
so the rules that keep them honest live here once: a light that is missing is
``not_checked``, a zone outside the capture or under glare is ``inconclusive`` (never a
pass), personal data are masked out of pattern comparisons, and every result carries the
zone of both documents and a heatmap of what was measured.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from docexam.examine.checks.messages import CODES, message
from docexam.examine.results import Evidence, FeatureResult
from docexam.specimens.manifest import Feature, Page, Zone

# Zones and feature types that carry the holder's data: they differ between any two
# genuine documents, so pattern comparisons mask them out.
PERSONAL_ZONES = ("portrait", "ghost_image", "signature", "mrz", "chip")
PERSONAL_TYPES = ("printed_portrait", "ghost_image", "laser_perforation",
                  "optically_variable_element", "typeface", "data_consistency",
                  "mrz_integrity")  # fmt: skip
MIN_COVERED = 0.5  # a zone less covered than this (valid and glare-free) is not judged
Box = tuple[int, int, int, int]  # x0, y0, x1, y1 (end exclusive)


@dataclass(frozen=True, eq=False)
class CheckInput:
    """A questioned page registered to the specimen page, and the specimen's images.

    ``questioned`` / ``reference``: light -> image (white/UV BGR uint8, IR grey uint8), all
    the reference's size; ``valid``: light -> bool mask of pixels inside the capture (None:
    all); ``glare``: white-light pixels lost to glare (None: none). The private cache holds
    what several checks of one page share (normalised planes, masks); it never changes
    the inputs.
    """

    questioned: Mapping[str, np.ndarray]
    reference: Mapping[str, np.ndarray]
    valid: Mapping[str, np.ndarray] | None
    glare: np.ndarray | None
    page: Page
    px_per_mm: float
    _cache: dict[Any, Any] = field(default_factory=dict, init=False, repr=False)

    @property
    def shape(self) -> tuple[int, int]:
        return self.reference["white"].shape[:2]


def cached(inp: CheckInput, key: Any, make: Any) -> Any:
    """``make()`` computed once per input (the checks of one page share it)."""
    if key not in inp._cache:
        inp._cache[key] = make()
    return inp._cache[key]


# --- geometry -----------------------------------------------------------------------------
def zone_box(zone: Zone, k: float, shape: tuple[int, int]) -> Box | None:
    """The zone's pixel box at ``k`` px/mm clipped to an image of ``shape``; None if empty."""
    x0, y0, x1, y1 = zone.to_px(k)
    h, w = shape
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, w), min(y1, h)
    return (x0, y0, x1, y1) if x1 - x0 >= 2 and y1 - y0 >= 2 else None


def personal_zones(page: Page) -> list[Zone]:
    """Rectangles of picture-like personalisation (portrait, ghost, signature, MRZ, the
    zones of personal feature types). The data fields are not here: they overlap
    background print and are masked stroke by stroke (``prep.personal_mask``)."""
    out = [z for name, z in page.zones.items() if name in PERSONAL_ZONES]
    for f in page.features:
        if f.type in PERSONAL_TYPES and f.type not in ("typeface", "data_consistency"):
            out += list(f.zones)
    return out


def rect_mask(zones: Sequence[Zone], k: float, shape: tuple[int, int], *, grow_mm: float = 0.0):
    """A bool mask of the union of ``zones`` (grown by ``grow_mm``) at ``k`` px/mm."""
    m = np.zeros(shape, bool)
    g = grow_mm * k
    for z in zones:
        x0, y0, x1, y1 = z.to_px(k)
        m[max(0, int(y0 - g)) : max(0, int(y1 + g)), max(0, int(x0 - g)) : max(0, int(x1 + g))] = 1
    return m


def field_mask(page: Page, k: float, shape: tuple[int, int]) -> np.ndarray:
    """The union of the data fields' zones (label and value) at ``k`` px/mm."""
    return rect_mask([f.zone for f in page.fields], k, shape)


def weighted_quantile(v: np.ndarray, w: np.ndarray, q: float) -> float:
    """The ``q`` quantile of values ``v`` with weights ``w`` (lower value at ties)."""
    o = np.argsort(v)
    c = np.cumsum(w[o])
    return float(v[o][np.searchsorted(c, q * c[-1])])


# --- results ------------------------------------------------------------------------------
def names(feature: Feature) -> tuple[str, str]:
    return feature.name.en, feature.name.ru


def result(
    feature: Feature,
    code: str | None,
    *,
    light: str | None,
    score: float | None = None,
    evidence: Evidence | None = None,
    details: Mapping[str, Any] | None = None,
    what: tuple[str, str] = ("", ""),
    status: str | None = None,
) -> FeatureResult:
    """A FeatureResult whose status follows from ``code`` (None: passed)."""
    if status is None:
        status = "pass" if code is None else CODES[code][0]
    thr = feature.check.tolerance
    fields = {"score": float("nan") if score is None else float(score),
              "threshold": float("nan") if thr is None else float(thr)}  # fmt: skip
    msg = message(code, method=feature.check.method, names=names(feature), fields=fields,
                  light=light, what=what)  # fmt: skip
    return FeatureResult(
        feature=feature.id,
        type=feature.type,
        light=light,
        status=status,
        score=None if score is None or not np.isfinite(score) else float(score),
        threshold=thr,
        code=code,
        message=msg,
        evidence=evidence,
        details=dict(details or {}),
    )


def verdict(
    feature: Feature, score: float, *, higher_is_better: bool, fail_code: str, light: str,
    evidence: Evidence | None, details: Mapping[str, Any] | None = None,
) -> FeatureResult:  # fmt: skip
    """Pass or fail ``score`` against the manifest tolerance (the threshold)."""
    thr = feature.check.tolerance
    if thr is None or not np.isfinite(score):
        return result(feature, "NOTHING_TO_MEASURE", light=light, evidence=evidence,
                      details=details, what=("no threshold in the specimen",
                                             "в образце нет порога"))  # fmt: skip
    ok = score >= thr if higher_is_better else score <= thr
    return result(feature, None if ok else fail_code, light=light, score=score,
                  evidence=evidence, details=details)  # fmt: skip


def conclude(
    feature: Feature, scores: Sequence[float], codes: Sequence[str], *, higher_is_better: bool,
    fail_code: str, light: str, evidence: Evidence | None, details: Mapping[str, Any],
    what: tuple[str, str] = ("", ""),
) -> FeatureResult:  # fmt: skip
    """One result from the zones' scores (measured zones) and codes (zones not measured).

    A measured zone that fails is a finding whatever the others show: fail. Otherwise the
    feature is inconclusive when fewer than half of its zones could be measured (the first
    zone's reason is given), and judged on the worst measured zone when enough were.
    """
    thr = feature.check.tolerance
    if scores and thr is not None:
        worst = min(scores) if higher_is_better else max(scores)
        if (worst < thr) if higher_is_better else (worst > thr):
            return result(feature, fail_code, light=light, score=worst, evidence=evidence,
                          details=details)  # fmt: skip
    if not scores or len(codes) > len(scores):
        code = codes[0] if codes else "NOTHING_TO_MEASURE"
        return result(feature, code, light=light, evidence=evidence, details=details, what=what)
    worst = min(scores) if higher_is_better else max(scores)
    return verdict(feature, worst, higher_is_better=higher_is_better, fail_code=fail_code,
                   light=light, evidence=evidence, details=details)  # fmt: skip


# --- evidence -----------------------------------------------------------------------------
def bgr(img: np.ndarray) -> np.ndarray:
    """Any page image as BGR uint8 (IR is grey)."""
    img = np.asarray(img)
    if img.ndim == 2:
        return cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    return np.ascontiguousarray(img)


def heat(values: np.ndarray, size: tuple[int, int], *, vmax: float) -> np.ndarray:
    """``values`` (>= 0, any resolution) as a colour map of ``size`` (w, h)."""
    v = np.nan_to_num(np.asarray(values, np.float32), nan=0.0)
    v = np.clip(v / max(vmax, 1e-6) * 255.0, 0, 255).astype(np.uint8)
    v = cv2.resize(v, size, interpolation=cv2.INTER_LINEAR)
    return cv2.applyColorMap(v, cv2.COLORMAP_INFERNO)


def crop(img: np.ndarray, box: Box, shift: tuple[float, float] = (0.0, 0.0)) -> np.ndarray:
    """The BGR crop of ``box`` from ``img``, moved by ``shift`` (dy, dx) px (edges clamped)."""
    x0, y0, x1, y1 = box
    dy, dx = round(shift[0]), round(shift[1])
    h, w = img.shape[:2]
    if y0 + dy >= 0 and y1 + dy <= h and x0 + dx >= 0 and x1 + dx <= w:  # plain slice
        return bgr(np.asarray(img)[y0 + dy : y1 + dy, x0 + dx : x1 + dx])
    ys = np.clip(np.arange(y0 + dy, y1 + dy), 0, h - 1)
    xs = np.clip(np.arange(x0 + dx, x1 + dx), 0, w - 1)
    return bgr(np.asarray(img)[ys[:, None], xs[None, :]])


def stack(tiles: Sequence[np.ndarray], gap: int = 4) -> np.ndarray:
    """Tiles (BGR) one under another, left-aligned, on a grey background."""
    if len(tiles) == 1:
        return tiles[0]
    w = max(t.shape[1] for t in tiles)
    h = sum(t.shape[0] for t in tiles) + gap * (len(tiles) - 1)
    out = np.full((h, w, 3), 96, np.uint8)
    y = 0
    for t in tiles:
        out[y : y + t.shape[0], : t.shape[1]] = t
        y += t.shape[0] + gap
    return out


def evidence(
    inp: CheckInput, light: str, boxes: Sequence[Box], heats: Sequence[np.ndarray],
    shifts: Sequence[tuple[float, float]] | None = None, *, vmax: float,
) -> Evidence:  # fmt: skip
    """Zone crops of both documents (several zones stacked) and the heatmap, same size."""
    shifts = shifts or [(0.0, 0.0)] * len(boxes)
    q = stack([crop(inp.questioned[light], b, s) for b, s in zip(boxes, shifts, strict=True)])
    r = stack([crop(inp.reference[light], b) for b in boxes])
    hm = stack([heat(v, (b[2] - b[0], b[3] - b[1]), vmax=vmax)
                for v, b in zip(heats, boxes, strict=True)])  # fmt: skip
    return Evidence(questioned=q, reference=r, heatmap=hm)
