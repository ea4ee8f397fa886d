"""Find the document page in a white-light capture: ``find_page`` -> ``PageQuad``.

Why this shape: a capture is a flat page, a flatbed scan, a booth camera picture or a phone
photo of a desk with other papers on it. The page is looked for as a quadrilateral of
straight edges (``page_lines``, ``page_candidates``) on a copy about 640 px across; the
candidates are ranked by a linear score of a dozen measurements (``page_evidence``: side
support, shape, size, the step across the outline, fine coloured print inside, what lies
just outside), and the winner's corners are refined at full resolution (``page_refine``).

The score's weights were fitted on studio captures (every bundled design in scan, camera and
phone modes, seeds 30-59, plus 60 desks with clutter and no document) as a conditional
logit in which "no page" is one more option scoring 0: the best candidate must beat it, and
``score`` is the probability that it does. They were checked on seeds 0-29 and other desks.
A three-line fallback (one side hypothesised) is tried only when no four-line candidate is
clearly a page, because it costs as much as the rest of the search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from docexam.examine import page_candidates as pc
from docexam.examine import page_evidence as pe
from docexam.examine import page_lines as pl
from docexam.examine import page_refine as pr

ICAO_SIZES_MM: dict[str, tuple[float, float]] = {
    "TD1": (85.6, 54.0),
    "TD2": (105.0, 74.0),
    "TD3": (125.0, 88.0),
    "MRV-A": (120.0, 80.0),
    "MRV-B": (105.0, 74.0),
}
DEFAULT_ASPECTS: tuple[float, ...] = tuple(sorted({w / h for w, h in ICAO_SIZES_MM.values()}))

# Weights of pe.FEATURES (fitted, see the module docstring); the "no page" option scores 0.
_WEIGHTS = np.array([16.336, 0.69, -2.304, -3.93, 15.892, 2.311, 0.566, 0.66, 9.952, 28.743,
                     5.525, -6.06, -4.387, -43.173])  # fmt: skip
_TOP_K = 40  # candidates measured in stage two (best by side support, shape and size)
_CONFIDENT = 2.0  # a four-line candidate scoring this ends the search (no three-line pass)
_FRAME_ASPECT_TOL = 0.04  # the whole frame is a page only if its aspect is this close,
_FRAME_COLOUR = (1.5, 15.0)  # it is covered with fine coloured print like a page (sensor
_FRAME_MIN_DETAIL = 0.75  # noise has far more colour detail, and no straight edges)
_FRAME_MIN_RUNS = 8  # and it has straight edges of print: text rows, frames, the MRZ
# Whatever the score, a page has fine detail nearly all over its inside and some colour in
# it (studio pages: detail >= 0.9, colour >= 1); a sheet of text or a ruled pad of a
# document's shape often has neither.
_MIN_DETAIL = 0.8
_MIN_COLOUR = 0.8


@dataclass(frozen=True, eq=False)
class PageQuad:
    """The page's outline in the capture.

    ``corners``: (4, 2) float64 capture pixel coordinates (pixel centres at integers, so a
    page filling the frame has its outer corners at -0.5 and size - 0.5), ordered as they
    appear in the image: clockwise on screen, starting from the corner with the smallest
    x + y (the one furthest towards the image's top-left). Which corner is the document's
    own top-left is not known here (a page may be upside down): see ``page.normalise``.
    ``score``: 0..1 confidence; ``aspect``: long / short side (mean of opposite sides);
    ``full_frame``: the page fills the whole image (a flat page or a pre-cropped scan).
    """

    corners: np.ndarray
    score: float
    aspect: float
    full_frame: bool


@dataclass(frozen=True, eq=False)
class Ranked:
    """Stage-two candidates (working pixels), their features and evidence."""

    quads: np.ndarray
    x: np.ndarray
    ev: pe.Evidence

    @property
    def score(self) -> np.ndarray:
        return self.x @ _WEIGHTS

    def __add__(self, other: Ranked) -> Ranked:
        ev = pe.Evidence(*(np.concatenate([getattr(self.ev, f.name), getattr(other.ev, f.name)])
                           for f in fields(pe.Evidence)))  # fmt: skip
        return Ranked(np.concatenate([self.quads, other.quads]),
                      np.concatenate([self.x, other.x]), ev)  # fmt: skip


def rank(work: pl.Work, cands: pc.Candidates, expected: np.ndarray) -> Ranked:
    """Keep the ``_TOP_K`` candidates by cheap evidence (side support, aspect, size) and
    measure them."""
    q = cands.quads
    asp = pe.aspect(q)
    h, w = work.edges.shape
    x, y = q[..., 0], q[..., 1]
    area = 0.5 * np.abs((x * np.roll(y, -1, 1) - np.roll(x, -1, 1) * y).sum(1)) / (h * w)
    pre = cands.edge * pe.aspect_match(asp, expected) * np.clip(area / 0.05, 0, 1) ** 0.5
    top = np.argsort(-pre, kind="stable")[:_TOP_K]
    ev = pe.evidence(work, q[top])
    comp = cands.completed if cands.completed is not None else np.zeros(len(q), bool)
    feats = pe.feature_matrix(cands.support[top], asp[top], expected, ev, comp[top])
    return Ranked(q[top], feats, ev)


def _expected(expected_aspects: Sequence[float] | None) -> np.ndarray:
    if expected_aspects is None:
        return np.array(DEFAULT_ASPECTS)
    try:
        e = np.asarray([float(a) for a in expected_aspects], np.float64)
    except (TypeError, ValueError):
        msg = f"expected_aspects must be a sequence of numbers, got {expected_aspects!r}"
        raise ValueError(msg) from None
    if not len(e) or not np.isfinite(e).all() or (e <= 0).any():
        raise ValueError(f"expected_aspects must be positive numbers, got {expected_aspects!r}")
    return np.maximum(e, 1 / e)  # long / short either way


def check_image(image: np.ndarray, name: str = "white") -> None:
    """ValueError naming ``name`` unless it is a uint8 BGR or grey image of at least 16 px
    (the page finder's input, also checked by the live capture's outline finder)."""
    ok = isinstance(image, np.ndarray) and image.dtype == np.uint8
    ok = ok and (image.ndim == 2 or (image.ndim == 3 and image.shape[2] == 3))
    if not ok:
        got = (image.dtype, image.shape) if isinstance(image, np.ndarray) else type(image)
        raise ValueError(f"{name} must be a uint8 BGR (H x W x 3) or grey image, got {got}")
    if min(image.shape[:2]) < 16:
        raise ValueError(f"{name} is too small to hold a page: {image.shape[:2]}")


def order_corners(q: np.ndarray) -> np.ndarray:
    """Screen-clockwise from the corner with the smallest x + y (see ``PageQuad``)."""
    q = pc.clockwise(np.asarray(q, np.float64)[None])[0]
    return np.roll(q, -int(np.argmin(q.sum(1))), 0)


def _frame(work: pl.Work, white: np.ndarray, expected: np.ndarray) -> float | None:
    """The full-frame hypothesis: its confidence, or None when the frame cannot be a page."""
    h, w = white.shape[:2]
    if np.min(np.abs(np.log(max(w, h) / min(w, h) / expected))) > _FRAME_ASPECT_TOL:
        return None
    hh, ww = work.edges.shape
    q = np.array([[[0, 0], [ww - 1, 0], [ww - 1, hh - 1], [0, hh - 1]]], np.float64)
    ev = pe.evidence(work, q)
    colour = float(ev.colour[0])
    if not _FRAME_COLOUR[0] <= colour <= _FRAME_COLOUR[1]:
        return None
    if ev.detail[0] < _FRAME_MIN_DETAIL or len(work.runs) < _FRAME_MIN_RUNS:
        return None
    return min(1.0, colour / (2 * _FRAME_COLOUR[0]))


def _part_of_frame_page(r: Ranked, best: int) -> bool:
    """The best candidate is a part of a page that fills the frame: print on both sides of
    its outline, or it covers nearly the whole frame (a frame line printed near the edge)."""
    ev = r.ev
    out = ev.outside[best]
    print_outside = bool(np.isfinite(out) and out >= 0.7 * ev.colour[best])
    return print_outside or bool(ev.area[best] > 0.85 or ev.seen[best] < 0.5)


def _gated(r: Ranked) -> np.ndarray:
    """Candidates with enough print and colour inside to be a document page."""
    return (r.ev.detail >= _MIN_DETAIL) & (r.ev.colour >= _MIN_COLOUR)


def _refined(white: np.ndarray, corners: np.ndarray, f: int) -> np.ndarray:
    """Corners refined on the full image, coarse to fine (the second pass from the first),
    in ``PageQuad`` order."""
    for reach in (2.5 * f + 4, f + 3):
        refined = pr.refine(white, corners, reach)
        if refined is not None:
            corners = refined
    return order_corners(corners)


def find_page(
    white: np.ndarray, *, expected_aspects: Sequence[float] | None = None
) -> PageQuad | None:
    """The document page's outline in a white-light capture, or None when there is none.

    ``white``: BGR uint8 (a grey image is accepted, but the colour of print is one of the
    cues, so grey captures are found less reliably). ``expected_aspects``: long/short side
    ratios of the documents that may be there (default: the ICAO sizes, 1.42-1.59); other
    shapes are disfavoured, not excluded. A page that fills the frame (no background
    anywhere, the frame shaped like a document, print all over) comes back as the image
    corners with ``full_frame=True``. Raises ValueError for a bad image or aspect list.
    """
    check_image(white)
    expected = _expected(expected_aspects)
    work = pl.working(white)
    ls = pc.line_set(work)
    r = rank(work, pc.four_line(work, ls), expected)
    if not len(r.quads) or r.score.max() < _CONFIDENT:  # (gates below apply to both)
        r = r + rank(work, pc.three_line(work, ls, expected), expected)
    s = np.where(_gated(r), r.score, -np.inf)
    best = int(np.argmax(s)) if len(s) else -1
    found = best >= 0 and s[best] >= 0
    frame = _frame(work, white, expected)
    h, w = white.shape[:2]
    if frame is not None and (not found or _part_of_frame_page(r, best)):
        corners = np.array([[-0.5, -0.5], [w - 0.5, -0.5], [w - 0.5, h - 0.5], [-0.5, h - 0.5]])
        return PageQuad(corners, frame, max(w, h) / min(w, h), True)
    if not found:
        return None
    f = work.f
    corners = _refined(white, r.quads[best] * f + (f - 1) / 2, f)  # working px -> full res
    score = float(1 / (1 + np.exp(-s[best])))
    return PageQuad(corners, score, float(pe.aspect(corners[None])[0]), False)


def find_pages(
    white: np.ndarray, *, limit: int = 5, expected_aspects: Sequence[float] | None = None
) -> list[PageQuad]:
    """Up to ``limit`` distinct outlines, most likely first, for a caller that can tell the
    right one by what is inside it (identification against the specimens): on a hard
    photo the best-ranked outline may take a corner from the clutter beside the page while
    the right one ranks second or third. Outlines that fail the print gates come last."""
    if limit < 1:
        raise ValueError(f"limit must be >= 1, got {limit}")
    check_image(white)
    expected = _expected(expected_aspects)
    work = pl.working(white)
    ls = pc.line_set(work)
    r = rank(work, pc.four_line(work, ls), expected)
    r = r + rank(work, pc.three_line(work, ls, expected), expected)
    if not len(r.quads):
        return []
    gated = _gated(r)
    order = np.lexsort((-r.score, ~gated))  # gated first, then by score
    f = work.f
    out: list[PageQuad] = []
    for i in order:
        if len(out) >= limit:
            break
        c = order_corners(r.quads[i] * f + (f - 1) / 2)
        if any(np.abs(c - o.corners).max() < 4 * f for o in out):
            continue  # the same outline again
        c = _refined(white, c, f)
        score = float(1 / (1 + np.exp(-np.clip(r.score[i], -50, 50)))) if gated[i] else 0.0
        out.append(PageQuad(c, score, float(pe.aspect(c[None])[0]), False))
    return out
