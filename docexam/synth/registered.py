"""A simulated capture already registered onto the page, as a perfect page finder and a
slightly imperfect registration would leave it.

Why: the feature checks and their calibration need questioned images in page coordinates
with a known, bounded alignment error, without running (and being limited by) the page
finder and registration. The capture is warped back with the inverse of its own
homography, plus a random shift of up to ``shift_mm``.
"""

from __future__ import annotations

from collections.abc import Mapping

import cv2
import numpy as np

from docexam.synth.capture import simulate_capture


def registered_capture(
    flat: Mapping[str, np.ndarray], *, px_per_mm: float, mode: str, seed: int,
    shift_mm: float = 0.5,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray] | None, np.ndarray | None]:  # fmt: skip
    """(images, valid masks per light, white-light glare mask) in page coordinates.

    ``mode`` "none" returns the flat page itself (no valid or glare masks)."""
    if shift_mm < 0:
        raise ValueError(f"shift_mm must be >= 0, got {shift_mm}")
    h, w = flat["white"].shape[:2]
    if mode == "none":
        return dict(flat), None, None
    cap = simulate_capture(flat, px_per_mm=px_per_mm, mode=mode, seed=seed)
    rng = np.random.default_rng([seed, 99])
    ang, r = rng.uniform(0, 2 * np.pi), rng.uniform(0, shift_mm) * px_per_mm
    t = np.array([[1, 0, r * np.cos(ang)], [0, 1, r * np.sin(ang)], [0, 0, 1.0]])
    m = t @ np.linalg.inv(cap.homography)
    q, valid = {}, {}
    for light, img in cap.images.items():
        q[light] = cv2.warpPerspective(img, m, (w, h), flags=cv2.INTER_LINEAR)
        ones = np.full(img.shape[:2], 255, np.uint8)
        valid[light] = cv2.warpPerspective(ones, m, (w, h), flags=cv2.INTER_NEAREST) > 0
    flat_grey = cv2.cvtColor(np.asarray(flat["white"]), cv2.COLOR_BGR2GRAY)
    glare = (q["white"].min(axis=2) >= 250) & (flat_grey < 245)
    return q, valid, glare
