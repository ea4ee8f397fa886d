"""How much softer the capture is than the specimen, measured on printed text edges.

Why text edges: fine-line checks must not blame the document for a soft camera, so the
specimen is blurred to the capture's sharpness before comparing (pattern_match) and a
capture too soft to resolve microtext is inconclusive (fine_detail). The blur cannot be
estimated from the pattern being judged (a foreign guilloche correlates better with a
blurrier specimen, so it would choose its own excuse); static black or dark-blue text
(the labels and title, the MRZ) has steep edges on every document, forged or not. For a
step edge of contrast C blurred by a Gaussian of sigma s the steepest gradient is
C / (s * sqrt(2 pi)), so s = C / (sqrt(2 pi) * gradient); the capture's extra blur is
sqrt(s_q^2 - s_r^2) in page pixels.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from docexam.examine.checks.common import CheckInput, cached, zone_box
from docexam.specimens.manifest import Zone

_PRESMOOTH = 0.7  # px: tames noise in the gradient, applied to both images alike


def text_zones(inp: CheckInput) -> list[Zone]:
    """The MRZ and the largest static-text zone (the title of the drop-out print); else the
    fields. Two zones of dense text are enough and keep the cost down."""
    zones = [z for f in inp.page.features if f.check.method == "ir_invisible" for z in f.zones]
    zones = sorted(zones, key=lambda z: -z.w * z.h)[:1]
    if "mrz" in inp.page.zones:
        zones.append(inp.page.zones["mrz"])
    return zones or [f.zone for f in inp.page.fields][:4]


def _edge_sigma(img: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> float | None:
    vals = []
    for x0, y0, x1, y1 in boxes:
        a = np.asarray(img)[y0:y1, x0:x1]
        g = a if a.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(a), cv2.COLOR_BGR2GRAY)
        g = cv2.GaussianBlur(g.astype(np.float32), (0, 0), _PRESMOOTH)
        gx = cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3) / 8
        gy = cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3) / 8
        mag = cv2.magnitude(gx, gy).ravel()
        grad = float(np.partition(mag, int(0.995 * (mag.size - 1)))[int(0.995 * (mag.size - 1))])
        lo, hi = np.partition(g.ravel(), [int(0.03 * (g.size - 1)), int(0.9 * (g.size - 1))])[
            [int(0.03 * (g.size - 1)), int(0.9 * (g.size - 1))]
        ]
        contrast = float(hi - lo)
        if grad > 0 and contrast > 20:
            vals.append(contrast / (math.sqrt(2 * math.pi) * grad))
    return float(np.median(vals)) if vals else None


def extra_blur(inp: CheckInput, light: str = "white") -> float | None:
    """The capture's blur beyond the specimen's, Gaussian sigma in page pixels (cached).

    None when no text zone could be measured (outside the capture, no contrast).
    """

    def make() -> float | None:
        if light not in inp.questioned:
            return None
        boxes = []
        for z in text_zones(inp):
            b = zone_box(z, inp.px_per_mm, inp.shape)
            if b is None:
                continue
            if inp.valid is not None and light in inp.valid:
                v = np.asarray(inp.valid[light])[b[1] : b[3], b[0] : b[2]]
                if v.mean() < 0.95:
                    continue
            boxes.append(b)
        sq = _edge_sigma(inp.questioned[light], boxes)
        sr = _edge_sigma(inp.reference[light], boxes)
        if sq is None or sr is None:
            return None
        return math.sqrt(max(sq * sq - sr * sr, 0.0))

    return cached(inp, ("extra_blur", light), make)
