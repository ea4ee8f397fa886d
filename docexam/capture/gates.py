"""Quality gates on one captured image, each with what to do about it in the officer's words.

Why gates before the examination: a blurred, glaring, dark, too small or cut-off capture
makes the examination say "cannot judge" after the document has been handed back. The
gates measure the same things the examination will (``examine.quality``: the same
sharpness and glare measures and limits, the same minimum resolution), on the capture
itself, so the officer can take the picture again at once. A failed gate is a result with a
short instruction in English and Russian, never an error.

Gates: ``in_frame`` (the whole document inside the image, clear of its edge: see
``outline``), ``resolution`` (pixels per millimetre of the document, from its outline and
physical size), ``sharpness``, ``glare`` (white light only: lamps under UV and IR do not
make specular spots the measure was made for) and ``exposure`` (the page's median grey
level within the bounds of its light). Without an outline the image as a whole is measured.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from docexam.capture import measure as ms
from docexam.capture.outline import BORDER_FRACTION, Outline, locate, nearest_size
from docexam.capture.types import GateReport, GateResult
from docexam.examine.page_quad import check_image
from docexam.examine.quality import MAX_GLARE, MIN_PX_PER_MM, MIN_SHARPNESS, capture_px_per_mm
from docexam.specimens.vocabulary import LIGHTS

__all__ = ["EXPOSURE_LIMITS", "GATE_WORK_PX", "INSTRUCTIONS", "check_gates"]

# The page's median grey level per light (studio captures: white 160-246, UV 15-27, IR 131-223).
EXPOSURE_LIMITS: dict[str, tuple[float, float]] = {
    "white": (60.0, 252.0), "coaxial": (60.0, 252.0), "ir870": (50.0, 252.0),
    "ir950": (50.0, 252.0), "uv365": (5.0, 120.0), "uv254": (5.0, 120.0),
}  # fmt: skip
GLARE_LIGHTS = frozenset({"white"})
GATE_WORK_PX = 1024  # long side of the copy a still capture's outline is found on

INSTRUCTIONS: dict[str, tuple[str, str]] = {
    "no_document": ("no document found: place the whole document in the frame",
                    "документ не найден: положите весь документ в кадр"),
    "in_frame": ("document not completely in frame: move it away from the edge",
                 "документ не полностью в кадре: отодвиньте его от края"),
    "resolution_unknown": ("document size cannot be measured: place the whole document in "
                           "the frame", "размер документа не измерить: положите весь "
                           "документ в кадр"),
    "resolution": ("document too small in the image: move the camera closer or scan at a "
                   "higher resolution", "документ слишком мелкий на изображении: приблизьте "
                   "камеру или сканируйте с большим разрешением"),
    "sharpness": ("image blurred: hold the document and the camera still and refocus",
                  "изображение размыто: держите документ и камеру неподвижно и наведите "
                  "резкость"),
    "glare": ("glare on the document: tilt it slightly",
              "блик на документе: слегка наклоните его"),
    "underexposed": ("image too dark: add light or increase the exposure",
                     "изображение слишком тёмное: добавьте света или увеличьте выдержку"),
    "overexposed": ("image too bright: reduce the light or the exposure",
                    "изображение пересвечено: уменьшите свет или выдержку"),
}  # fmt: skip


def check_gates(
    image: np.ndarray,
    *,
    light: str = "white",
    size_mm: tuple[float, float] | None = None,
    min_px_per_mm: float = MIN_PX_PER_MM,
    quad: np.ndarray | None = None,
    expected_aspects: Sequence[float] | None = None,
    min_sharpness: float = MIN_SHARPNESS,
    max_glare: float = MAX_GLARE,
    work_px: int | None = GATE_WORK_PX,
) -> GateReport:
    """Every gate of one capture (BGR or grey uint8) taken under ``light``.

    ``size_mm``: the document's (width, height), e.g. (125, 88) for a passport (TD3),
    (85.6, 54) for a card (TD1); default: the ICAO size nearest the outline's shape (of
    equal shapes the largest, so resolution errs low). ``quad``: the document's outline
    when the caller knows it (the white capture's, for a UV or IR image of the same
    placement: those are hard to outline by themselves); otherwise it is found on a copy
    ``work_px`` long (None: at full resolution; 1024 px keeps the corners within about a
    pixel for a fraction of the time). ValueError naming the bad parameter.
    """
    check_image(image, "image")
    if light not in LIGHTS:
        raise ValueError(f"light must be one of {', '.join(LIGHTS)}, got {light!r}")
    size = _size(size_mm)
    for key, val in (("min_px_per_mm", min_px_per_mm), ("min_sharpness", min_sharpness),
                     ("max_glare", max_glare)):  # fmt: skip
        if isinstance(val, bool) or not isinstance(val, int | float) or not val >= 0:
            raise ValueError(f"{key} must be a non-negative number, got {val!r}")
    h, w = image.shape[:2]
    margin = max(2.0, BORDER_FRACTION * min(h, w))
    found = _given(quad, image.shape, margin) if quad is not None else locate(
        image, expected_aspects=expected_aspects, work_px=work_px)  # fmt: skip
    frame = np.array([[-0.5, -0.5], [w - 0.5, -0.5], [w - 0.5, h - 0.5], [-0.5, h - 0.5]])
    outline = found.quad if found is not None else frame
    k = capture_px_per_mm(outline, size or nearest_size(outline))
    region = ms.PageRegion(image, outline)
    results = [_in_frame(found, image.shape, margin), _resolution(found, k, min_px_per_mm)]
    glare = ms.page_glare(region, k) if light in GLARE_LIGHTS else None
    sharp = ms.page_sharpness(region, k, exclude=glare)
    results.append(_result("sharpness", sharp >= min_sharpness, sharp, min_sharpness))
    if glare is not None:
        share = float((glare & region.mask).sum()) / region.area
        results.append(_result("glare", share <= max_glare, share, max_glare))
    results.append(_exposure(ms.page_level(region), EXPOSURE_LIMITS.get(light, (5.0, 252.0))))
    return GateReport(light=light, results=tuple(results))


def _result(gate: str, passed: bool, value: float | None, limit: float | None,
            key: str | None = None) -> GateResult:  # fmt: skip
    en, ru = ("", "") if passed else INSTRUCTIONS[key or gate]
    return GateResult(gate, bool(passed), value, limit, en, ru)


def _size(size_mm: tuple[float, float] | None) -> tuple[float, float] | None:
    if size_mm is None:
        return None
    try:
        wmm, hmm = (float(v) for v in size_mm)
    except (TypeError, ValueError):
        raise ValueError(f"size_mm must be (width, height) in mm, got {size_mm!r}") from None
    if not (0 < wmm < float("inf") and 0 < hmm < float("inf")):
        raise ValueError(f"size_mm must be two positive numbers, got {size_mm!r}")
    return wmm, hmm


def _given(quad: np.ndarray, shape: tuple[int, ...], margin: float) -> Outline:
    """The caller's outline, judged against the frame edge only."""
    try:
        q = np.asarray(quad, np.float64)
    except (TypeError, ValueError):
        q = np.zeros(0)
    if q.shape != (4, 2) or not np.isfinite(q).all():
        raise ValueError(f"quad must be 4 x 2 finite corner coordinates, got {quad!r}")
    return Outline(q, 1.0, False, "AT_BORDER" if _clearance(q, shape) < margin else "")


def _clearance(q: np.ndarray, shape: tuple[int, ...]) -> float:
    """The outline's smallest distance to the frame edge (pixels; negative: beyond it)."""
    h, w = shape[:2]
    lo, hi = q.min(0) + 0.5, np.array([w - 0.5, h - 0.5]) - q.max(0)
    return float(min(lo.min(), hi.min()))


def _in_frame(found: Outline | None, shape: tuple[int, ...], margin: float) -> GateResult:
    if found is None:
        return _result("in_frame", False, None, margin, "no_document")
    if found.full_frame:  # a pre-cropped capture: the page is the image
        return _result("in_frame", True, 0.0, 0.0)
    return _result("in_frame", found.in_frame, _clearance(found.quad, shape), margin)


def _resolution(found: Outline | None, k: float, limit: float) -> GateResult:
    if found is None or not found.in_frame:  # a part of the page has no known size
        return _result("resolution", False, None, limit, "resolution_unknown")
    return _result("resolution", k >= limit, k, limit)


def _exposure(level: float, bounds: tuple[float, float]) -> GateResult:
    lo, hi = bounds
    if level < lo:
        return _result("exposure", False, level, lo, "underexposed")
    if level > hi:
        return _result("exposure", False, level, hi, "overexposed")
    return _result("exposure", True, level, lo if level - lo < hi - level else hi)
