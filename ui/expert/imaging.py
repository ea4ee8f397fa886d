"""Pixels between the engine (numpy BGR/grey uint8) and Qt, and the difference heat map.

Why copies: a ``QImage`` built on a numpy buffer does not own it; once the array is
collected the image shows garbage (or crashes). Every conversion here copies, with the
array's own row stride, so non-contiguous slices and odd widths come out right.

Why the heat map is computed here, without Qt: it runs on a worker thread
(:func:`ui.background.run_in_background`); numpy and OpenCV release the GIL there.
"""

from __future__ import annotations

from collections.abc import Iterable

import cv2
import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

from docexam.specimens.manifest import Zone


def to_qimage(img: np.ndarray) -> QImage:
    """A QImage owning a copy of ``img`` (grey HxW, BGR HxWx3 or BGRA HxWx4, uint8)."""
    a = np.ascontiguousarray(img)
    if a.dtype != np.uint8:
        raise ValueError(f"expected uint8 pixels, got {a.dtype}")
    h, w = a.shape[:2]
    if a.ndim == 2:
        fmt = QImage.Format.Format_Grayscale8
    elif a.ndim == 3 and a.shape[2] == 3:
        fmt = QImage.Format.Format_BGR888
    elif a.ndim == 3 and a.shape[2] == 4:
        fmt = QImage.Format.Format_ARGB32  # BGRA in memory on little-endian machines
    elif a.ndim == 3 and a.shape[2] == 1:
        a = np.ascontiguousarray(a[:, :, 0])
        fmt = QImage.Format.Format_Grayscale8
    else:
        raise ValueError(f"unsupported image shape {a.shape}")
    return QImage(a.data, w, h, a.strides[0], fmt).copy()


def qimage_to_bgr(image: QImage) -> np.ndarray:
    """A BGR uint8 copy of ``image`` (for encoding off the GUI thread)."""
    img = image.convertToFormat(QImage.Format.Format_BGR888)
    h, w, stride = img.height(), img.width(), img.bytesPerLine()
    buf = np.frombuffer(img.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    return buf[:, : w * 3].reshape(h, w, 3).copy()


def _grey(img: np.ndarray) -> np.ndarray:
    if img.ndim == 3:
        img = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    return img.astype(np.float32)


def _normalised(grey: np.ndarray) -> np.ndarray:
    """Zero mean, unit spread: a brighter lamp or scanner must not light up the whole map."""
    lo, hi = np.percentile(grey, (2, 98))
    return (grey - (lo + hi) / 2) / max(float(hi - lo), 1.0)


def difference_map(questioned: np.ndarray, reference: np.ndarray, px_per_mm: float) -> np.ndarray:
    """A BGR picture of where the questioned page differs from the specimen.

    Both pages are registered to each other, but only to within a fraction of a millimetre
    and never print-for-print (the holder's data differ): the difference is taken after a
    blur of 0.15 mm, each image normalised by its own contrast, and the map is the
    questioned page in light grey with the difference laid over it in a colour scale
    (transparent where they agree, red-yellow where they differ most).
    """
    if questioned.shape[:2] != reference.shape[:2]:
        reference = cv2.resize(reference, (questioned.shape[1], questioned.shape[0]))
    sigma = max(0.15 * px_per_mm, 0.8)
    q = cv2.GaussianBlur(_normalised(_grey(questioned)), (0, 0), sigma)
    r = cv2.GaussianBlur(_normalised(_grey(reference)), (0, 0), sigma)
    d = cv2.GaussianBlur(np.abs(q - r), (0, 0), sigma)
    scale = max(float(np.percentile(d, 99.7)), 0.25)
    v = np.clip(d / scale, 0.0, 1.0)
    heat = cv2.applyColorMap((v * 255).astype(np.uint8), cv2.COLORMAP_INFERNO).astype(np.float32)
    base = _grey(questioned)
    base = cv2.cvtColor((150 + base * (100 / 255)).astype(np.uint8), cv2.COLOR_GRAY2BGR)
    alpha = np.clip(v * 1.6, 0.0, 1.0)[..., None]
    out = base.astype(np.float32) * (1 - alpha) + heat * alpha
    return np.clip(out, 0, 255).astype(np.uint8)


def zone_rect(zone: Zone, px_per_mm: float) -> QRectF:
    """The zone in page pixels (scene coordinates of the compare views)."""
    k = px_per_mm
    return QRectF(zone.x * k, zone.y * k, zone.w * k, zone.h * k)


def union_rect(zones: Iterable[Zone], px_per_mm: float) -> QRectF:
    """The smallest rectangle holding every zone (an empty QRectF when there are none)."""
    out = QRectF()
    for z in zones:
        out = out.united(zone_rect(z, px_per_mm)) if not out.isNull() else zone_rect(z, px_per_mm)
    return out
