"""Where the document is in a frame, and whether all of it is there.

Why a module beside ``examine.page_quad``: the page finder answers "which outline is the
page", but a capture also needs "is the whole page in the picture". A page cut off by the
frame edge either has no outline at all, an outline along the frame edge, or (worse) an
outline of a part of it: the page's one real edge plus a printed line or frame inside it,
which can have a document's shape. Such a side has print on both sides of it, a real page
edge has background outside; so every side's strip just outside the outline is compared
with the fine detail inside the page (measured on studio pages over office, fabric, wood
and dark backgrounds: real edges 0.01-0.43 of the inside's detail, cut sides 0.39-2.2),
and the colour step across it with the other sides' (real edges at least 0.7 of the
strongest, cut sides mostly under 0.35): a side is cut when its strip has print-like detail
and clearly more than another side's, or some detail and hardly a step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from docexam.examine.page_quad import ICAO_SIZES_MM, check_image, find_page

WORK_PX = 480  # long side the live finder works at (1280 x 720 -> 480 x 270)
BORDER_FRACTION = 0.01  # an outline closer than this share of the short side touches the edge
_CUT_DETAIL = 0.45  # outside/inside detail ratio above which print continues past a side
_CONTRAST = 1.8  # ... and at least this many times another side's (which shows background)
_SOME_DETAIL, _SOME_CONTRAST = 0.3, 1.3  # or this much detail (and more than elsewhere) ...
_FLAT = 0.35  # ... with a colour step under this share of the strongest side's
_DIM, _BRIGHT, _MAX_GAIN = 150.0, 230.0, 8.0  # brightest part below _DIM: stretched to _BRIGHT
_T = np.linspace(0.12, 0.88, 16)  # where along each side the strips are sampled
_STRIP = (4.5, 6.5)  # working px outside the outline
_GRID = np.stack(np.meshgrid(np.linspace(0.1, 0.9, 10), np.linspace(0.1, 0.9, 7)), -1)
_GRID = _GRID.reshape(-1, 2)


@dataclass(frozen=True, eq=False)
class Outline:
    """A located document: ``quad`` (4 x 2 frame pixels, ``PageQuad`` order), the finder's
    ``score`` and ``full_frame`` (the page is the whole image: a pre-cropped capture), and
    ``problem``: "" when the document is wholly in the frame, "AT_BORDER" (the outline
    touches the frame edge) or "CUT_OFF" (print continues past a side: only a part of the
    page is there)."""

    quad: np.ndarray
    score: float
    full_frame: bool
    problem: str

    @property
    def in_frame(self) -> bool:
        return not self.problem


def working_copy(image: np.ndarray, work_px: int) -> tuple[np.ndarray, float, float]:
    """The image shrunk to ``work_px`` on its long side (never enlarged), BGR, and the
    scale factors full / working in x and y. A large image is first reduced by an integer
    factor (OpenCV's fast path for area averaging), the rest is a small resize."""
    h, w = image.shape[:2]
    f = max(1, int(max(h, w) // work_px))
    if f > 1:
        w, h = w - w % f, h - h % f
        image = cv2.resize(image[:h, :w], (w // f, h // f), interpolation=cv2.INTER_AREA)
    hh, ww = image.shape[:2]
    s = min(1.0, work_px / max(hh, ww))
    sw, sh = max(16, round(ww * s)), max(16, round(hh * s))
    if (sw, sh) != (ww, hh):
        image = cv2.resize(image, (sw, sh), interpolation=cv2.INTER_AREA)
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    return image, w / sw, h / sh


def locate(
    image: np.ndarray,
    *,
    expected_aspects: Sequence[float] | None = None,
    work_px: int | None = WORK_PX,
) -> Outline | None:
    """The document's outline in ``image`` and whether it is wholly in the frame; None when
    no document is found. ``work_px``: the finder works on a copy this long (fast enough
    for live frames); None finds it at full resolution (for a still capture)."""
    check_image(image, "image")
    if work_px is not None and (isinstance(work_px, bool) or not isinstance(work_px, int)
                                or work_px < 64):  # fmt: skip
        raise ValueError(f"work_px must be an int >= 64 or None, got {work_px!r}")
    small, fx, fy = working_copy(image, WORK_PX if work_px is None else work_px)
    gain = _gain(small)
    if gain > 1.0:  # a dim capture (or a UV image): the finder's cues are absolute levels
        small = cv2.convertScaleAbs(small, alpha=gain)
        image = cv2.convertScaleAbs(image, alpha=gain) if work_px is None else image
    page = find_page(image if work_px is None else small, expected_aspects=expected_aspects)
    if page is None:
        return None
    scale = np.array([fx, fy])
    if work_px is None:
        quad, wq = page.corners, (page.corners + 0.5) / scale - 0.5
    else:
        quad, wq = (page.corners + 0.5) * scale - 0.5, page.corners
    quad = np.array(quad, np.float64)
    quad.setflags(write=False)
    if page.full_frame:
        return Outline(quad, page.score, True, "")
    h, w = image.shape[:2]
    margin = max(2.0, BORDER_FRACTION * min(h, w))
    lo, hi = quad.min(0), quad.max(0)
    at_border = lo.min() < margin - 0.5 or hi[0] > w - 0.5 - margin or hi[1] > h - 0.5 - margin
    problem = "AT_BORDER" if at_border else ("CUT_OFF" if _continues(small, wq) else "")
    return Outline(quad, page.score, False, problem)


def _gain(small: np.ndarray) -> float:
    """The gain that brings a dim image's brightest part (99th percentile) to ``_BRIGHT``."""
    top = float(np.percentile(small[::2, ::2], 99))
    return min(_MAX_GAIN, _BRIGHT / max(top, 1.0)) if top < _DIM else 1.0


def _continues(small: np.ndarray, q: np.ndarray) -> bool:
    """Print continues past a side of the outline ``q`` (working pixels): a part of a page."""
    g = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY).astype(np.float32)
    detail = cv2.blur(cv2.absdiff(g, cv2.GaussianBlur(g, (0, 0), 1.0)), (3, 3))
    colour = cv2.blur(small.astype(np.float32), (3, 3))
    h, w = g.shape
    u, v = _GRID[:, :1], _GRID[:, 1:]
    inner = (1 - u) * (1 - v) * q[0] + u * (1 - v) * q[1] + u * v * q[2] + (1 - u) * v * q[3]
    inside = float(_sample(detail, inner).mean())
    if inside <= 1e-3:
        return False
    ratios, steps = [], []
    for k in range(4):
        a, b = q[k], q[(k + 1) % 4]
        t = (b - a) / max(float(np.linalg.norm(b - a)), 1e-9)
        out = np.array([t[1], -t[0]])  # outward for a screen-clockwise outline
        p = a + _T[:, None] * (b - a)
        p_out = np.concatenate([p + out * s for s in _STRIP])
        p_in = np.concatenate([p - out * s for s in _STRIP])
        x, y = p_out[:, 0], p_out[:, 1]
        seen = (x >= 0) & (x <= w - 1) & (y >= 0) & (y <= h - 1)
        if seen.any():
            ratios.append(float(_sample(detail, p_out[seen]).mean()) / inside)
            step = _sample(colour, p_in[seen]) - _sample(colour, p_out[seen])
            steps.append(float(np.median(np.linalg.norm(step, axis=1))))
    if not ratios:
        return False
    r, st = np.array(ratios), np.array(steps)
    # Print past a side: detail like the inside's and clearly more than past another side
    # (a desk as busy as print all round leaves the question open: then in frame) ...
    busy = r >= np.maximum(_CUT_DETAIL, _CONTRAST * r.min())
    # ... or some detail and hardly a step: the same paper on both sides of the line.
    flat = (r >= np.maximum(_SOME_DETAIL, _SOME_CONTRAST * r.min())) & (st <= _FLAT * st.max())
    return bool((busy | flat).any())


def _sample(img: np.ndarray, pts: np.ndarray) -> np.ndarray:
    h, w = img.shape[:2]
    xi = np.clip(np.rint(pts[..., 0]).astype(int), 0, w - 1)
    yi = np.clip(np.rint(pts[..., 1]).astype(int), 0, h - 1)
    return img[yi, xi]


def nearest_size(quad: np.ndarray) -> tuple[float, float]:
    """The ICAO document size whose aspect is nearest the outline's; of equal aspects the
    largest (so a resolution estimated from it errs low, never high)."""
    s = np.linalg.norm(np.roll(quad, -1, 0) - quad, axis=1)
    a, b = (s[0] + s[2]) / 2, (s[1] + s[3]) / 2
    asp = max(a, b) / max(min(a, b), 1e-9)
    sizes = sorted(set(ICAO_SIZES_MM.values()), key=lambda wh: -wh[0] * wh[1])
    return min(sizes, key=lambda wh: round(abs(np.log(asp * wh[1] / wh[0])), 2))
