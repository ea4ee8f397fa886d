"""Split-fountain ("iris", "rainbow") colour fields.

Why: security backgrounds are printed with several inks in one duct, which the press's
oscillating rollers blend into a smooth drift from colour to colour. A counterfeiter's
CMYK print has to screen those mixtures into dots, so a seamless gradient under the same
guilloche is a cheap, telling feature. The compositor multiplies a line mask with this
field instead of one flat ink colour.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from docexam.synth.art.curves import check_positive, check_region, check_shape


def _check_colours(colours: Sequence[Sequence[float]]) -> np.ndarray:
    cols = np.asarray(colours, np.float64)
    if cols.ndim != 2 or cols.shape[1] != 3 or len(cols) < 1:
        raise ValueError(f"colours must be a sequence of BGR triples, got {colours!r}")
    if not np.isfinite(cols).all() or cols.min() < 0 or cols.max() > 255:
        raise ValueError("colours must hold BGR values in 0..255")
    return cols


def split_fountain(
    shape: Sequence[int],
    *,
    colours: Sequence[Sequence[float]],
    axis: str = "x",
    region_mm: tuple[float, float, float, float] | None = None,
    px_per_mm: float | None = None,
    smooth: bool = True,
) -> np.ndarray:
    """A (h, w, 3) float32 BGR gradient through ``colours`` along ``axis`` across the region.

    The colours sit at evenly spaced stops from the region's start to its end; outside the
    region the first and last colour continue. ``smooth`` blurs the piecewise-linear ramp
    with a Gaussian of a quarter stop, which rounds off the kinks at the stops the way
    roller mixing does; ``smooth=False`` keeps the plain linear ramp.
    """
    h, w = check_shape(shape)
    cols = _check_colours(colours)
    if axis not in ("x", "y"):
        raise ValueError(f"axis must be 'x' or 'y', got {axis!r}")
    n = w if axis == "x" else h
    if region_mm is None:
        start, length = 0.0, float(n)
    else:
        if px_per_mm is None:
            raise ValueError("px_per_mm is required when region_mm is given")
        ppm = check_positive("px_per_mm", px_per_mm)
        x, y, rw, rh = check_region(region_mm)
        start, length = (x, rw) if axis == "x" else (y, rh)
        start, length = start * ppm, length * ppm
    pos = (np.arange(n, dtype=np.float64) + 0.5 - start) / length  # 0..1 across the region
    stops = np.linspace(0.0, 1.0, len(cols)) if len(cols) > 1 else np.zeros(1)
    prof = np.stack([np.interp(pos, stops, cols[:, c]) for c in range(3)], axis=1)
    if smooth and len(cols) > 1:
        sigma = 0.25 * length / (len(cols) - 1)
        if sigma > 0.3:
            pad = int(3 * sigma) + 1
            padded = np.pad(prof, ((pad, pad), (0, 0)), mode="edge")
            k = cv2.getGaussianKernel(2 * pad + 1, sigma).ravel()
            prof = np.stack([np.convolve(padded[:, c], k, mode="valid") for c in range(3)], 1)
    prof = np.clip(prof, 0, 255).astype(np.float32)
    if axis == "x":
        return np.ascontiguousarray(np.broadcast_to(prof[None, :, :], (h, w, 3)))
    return np.ascontiguousarray(np.broadcast_to(prof[:, None, :], (h, w, 3)))
