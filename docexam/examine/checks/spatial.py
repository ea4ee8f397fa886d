"""Where things are: zone windows, alignment of the questioned to the specimen, filters.

Why separate from ``prep``: registration is given to within ~0.5 mm, so every check
aligns its zone once more, locally, by normalised cross-correlation on high-passed
signals (a +-1 mm search, sub-pixel by a parabola), and filters only a window around the
zone; these helpers are the same for every check and every light.
"""

from __future__ import annotations

import cv2
import numpy as np

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 (end exclusive)


def box_at(box_mm_px: Box, s: float) -> Box:
    x0, y0, x1, y1 = box_mm_px
    return round(x0 * s), round(y0 * s), round(x1 * s), round(y1 * s)


def highpass(a: np.ndarray, sigma: float) -> np.ndarray:
    """``a`` minus its Gaussian blur (keeps the lines, drops shading and large shapes)."""
    low = cv2.GaussianBlur(a, (0, 0), sigma)
    out = a - (low if low.ndim == a.ndim else low[..., None])
    return out


def align(q: np.ndarray, r: np.ndarray, box: Box, max_px: int) -> tuple[float, float, float]:
    """The shift (dy, dx) of ``q`` that best matches ``r`` inside ``box``, and the peak.

    Normalised cross-correlation of the template ``r[box]`` over ``q`` around the box
    (zero-padded where the box is near the border); sub-pixel by a parabola through the
    peak. Signals are expected to be zero-mean (high-passed), masked pixels zero.
    """
    x0, y0, x1, y1 = box
    m = max_px
    qp = cv2.copyMakeBorder(np.ascontiguousarray(q, np.float32), m, m, m, m,
                            cv2.BORDER_CONSTANT, value=0)  # fmt: skip
    win = qp[y0 : y1 + 2 * m, x0 : x1 + 2 * m]
    tpl = np.ascontiguousarray(r[y0:y1, x0:x1], np.float32)
    if float(np.abs(tpl).sum()) == 0.0 or float(np.abs(win).sum()) == 0.0:
        return 0.0, 0.0, 0.0
    res = cv2.matchTemplate(win, tpl, cv2.TM_CCORR_NORMED)
    _, peak, _, (px, py) = cv2.minMaxLoc(res)

    def sub(c: float, lo: float, hi: float) -> float:
        d = lo - 2 * c + hi
        return 0.0 if d >= 0 else float(np.clip(0.5 * (lo - hi) / d, -0.5, 0.5))

    fy = sub(res[py, px], res[py - 1, px], res[py + 1, px]) if 0 < py < 2 * m else 0.0
    fx = sub(res[py, px], res[py, px - 1], res[py, px + 1]) if 0 < px < 2 * m else 0.0
    return py - m + fy, px - m + fx, float(peak)


def shifted(a: np.ndarray, box: Box, dy: float, dx: float) -> np.ndarray:
    """``a[box]`` sampled ``(dy, dx)`` px further on (bilinear, edges replicated)."""
    x0, y0, x1, y1 = box
    mat = np.float32([[1, 0, x0 + dx], [0, 1, y0 + dy]])
    out = cv2.warpAffine(np.ascontiguousarray(a, np.float32), mat, (x1 - x0, y1 - y0),
                         flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                         borderMode=cv2.BORDER_REPLICATE)  # fmt: skip
    return out if out.ndim == a.ndim else out[..., None]


def blur(a: np.ndarray, sigma: float) -> np.ndarray:
    if sigma <= 0:
        return a
    out = cv2.GaussianBlur(a, (0, 0), sigma)
    return out if out.ndim == a.ndim else out[..., None]


def window(box: Box, shape: tuple[int, int], margin: int) -> Box:
    """``box`` grown by ``margin`` px on every side, clipped to ``shape`` (h, w): the part
    of a plane a zone's filters need (a small zone need not filter the whole page)."""
    x0, y0, x1, y1 = box
    h, w = shape
    return max(x0 - margin, 0), max(y0 - margin, 0), min(x1 + margin, w), min(y1 + margin, h)


def local(box: Box, win: Box) -> Box:
    """``box`` in the coordinates of ``win``."""
    return box[0] - win[0], box[1] - win[1], box[2] - win[0], box[3] - win[1]
