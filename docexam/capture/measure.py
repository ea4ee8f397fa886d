"""Sharpness, glare and exposure of the document inside its outline in a capture.

Why measured on the capture, not on a normalised page: a live frame or a gate has no
specimen yet, only an outline. The examination's own measures are reused
(``examine.quality.sharpness`` and ``glare_mask``) on the outline's bounding box with the
page as mask, at most at the reference resolution (300 dpi, the bundled specimens'): the
examination judges sharpness on a page normalised to that, so a capture with more pixels
per millimetre is not called blurred for detail the examination never looks at.
"""

from __future__ import annotations

import cv2
import numpy as np

from docexam.examine.quality import glare_mask, sharpness

REFERENCE_PX_PER_MM = 300 / 25.4  # the specimens' resolution: sharpness is judged at most here
_EDGE_FRACTION = 0.03  # of the page's short side kept clear of the outline (its step is not print)


class PageRegion:
    """The outline's bounding box cut from the image, with the page mask inside it."""

    def __init__(self, image: np.ndarray, quad: np.ndarray) -> None:
        h, w = image.shape[:2]
        lo = np.clip(np.floor(quad.min(0)).astype(int), 0, [w - 1, h - 1])
        hi = np.clip(np.ceil(quad.max(0)).astype(int) + 1, lo + 1, [w, h])
        self.crop = image[lo[1] : hi[1], lo[0] : hi[0]]
        mask = np.zeros(self.crop.shape[:2], np.uint8)
        cv2.fillConvexPoly(mask, np.round((quad - lo) * 16).astype(np.int32), 1, cv2.LINE_8, 4)
        self.mask = mask > 0
        self.area = max(int(self.mask.sum()), 1)

    def inner(self) -> np.ndarray:
        """The mask shrunk away from the outline."""
        k = max(3, round(_EDGE_FRACTION * min(self.crop.shape[:2])))
        return cv2.erode(self.mask.astype(np.uint8), np.ones((k, k), np.uint8)) > 0

    def grey(self) -> np.ndarray:
        c = self.crop
        return c if c.ndim == 2 else cv2.cvtColor(c, cv2.COLOR_BGR2GRAY)


def page_glare(region: PageRegion, px_per_mm: float) -> np.ndarray:
    """Pixels of the page lost to glare (bool, the crop's size)."""
    return glare_mask(region.crop, valid=region.mask, px_per_mm=px_per_mm)


def page_sharpness(
    region: PageRegion, px_per_mm: float, *, exclude: np.ndarray | None = None
) -> float:
    """``quality.sharpness`` of the page (0..1) away from its outline and ``exclude`` (glare),
    at the capture's resolution or the reference's, whichever is lower."""
    m = region.inner()
    if exclude is not None:
        m &= ~exclude
    crop = region.crop
    if px_per_mm > REFERENCE_PX_PER_MM:
        f = REFERENCE_PX_PER_MM / px_per_mm
        size = (max(8, round(crop.shape[1] * f)), max(8, round(crop.shape[0] * f)))
        # Bilinear, as the examination normalises the page (``cv2.warpPerspective``).
        crop = cv2.resize(crop, size, interpolation=cv2.INTER_LINEAR)
        m = cv2.resize(m.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
    return sharpness(crop, m) if m.any() else 0.0


def page_level(region: PageRegion) -> float:
    """The page's median grey level (0..255): its exposure."""
    hist = cv2.calcHist([region.grey()], [0], region.mask.astype(np.uint8), [256], [0, 256])
    cum = np.cumsum(np.ravel(hist))
    return float(np.searchsorted(cum, cum[-1] / 2))
